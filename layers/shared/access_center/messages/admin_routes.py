"""The store's side of an order's thread (StoreMessagesFunction; store-system API, IAM-signed, scoped
to the caller's store like every store-system route)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Response, Router

from access_center.messages import attachments, logic
from access_center.messages.models import AttachmentIn, MessageIn
from access_center.stores.logic import get_store
from access_center.web import apidoc
from access_center.web.requests import JSON, AttachmentId, OrderId, StoreId, json_response, see_other

router = Router()
_NO_ORDER = "No such order at this store."


@router.post(
    "/admin/stores/<store_id>/orders/<order_id>/messages",
    summary="Write to the customer about an order",
    description=(
        "Plain text (line breaks kept, at most 5,000 characters). The customer sees it on the order page and is"
        " emailed (unless the store's `message_to_customer_email` is off); store systems get a `MessagePosted`"
        " event. Written whether or not customers may write (`messages_enabled`)."
    ),
    responses=apidoc.store_system(
        {201: apidoc.json_body("MessageView", "Written.")},
        {
            400: "An empty body, one over 5,000 characters, or control characters other than line breaks and tabs.",
            404: _NO_ORDER,
            409: "The thread is full (200 messages), or busy (send it again).",
            422: "An attachment that is not one of this store's uploads (`details`).",
        },
    ),
)
def post_message(store_id: StoreId, order_id: OrderId, body: MessageIn) -> Response[JSON]:
    return json_response(201, logic.post_by_store(store_id, order_id, body.body, body.attachment_ids))


@router.get(
    "/admin/stores/<store_id>/orders/<order_id>/messages",
    summary="The order's conversation with the customer, oldest first",
    responses=apidoc.store_system(
        {200: apidoc.json_body("MessageList", "Every message of the order's thread.")}, {400: None, 404: _NO_ORDER}
    ),
)
def list_messages(store_id: StoreId, order_id: OrderId) -> Response[JSON]:
    return json_response(200, logic.for_store(store_id, order_id))


@router.post(
    "/admin/stores/<store_id>/attachments",
    summary="Upload a file for a store message: an upload form (S3 presigned POST)",
    description=(
        "As the customer's `POST /store/account/api/attachments`: PDF, PNG, JPEG or plain text, at most 10 MiB,"
        " checked by its content when a message lists it."
    ),
    responses=apidoc.store_system(
        {201: apidoc.json_body("AttachmentUpload", "The attachment's id and its upload form.")},
        {
            400: "A type other than PDF, PNG, JPEG or plain text, a size over 10 MiB, or a bad name.",
            404: "No such store.",
        },
    ),
)
def start_upload(store_id: StoreId, body: AttachmentIn) -> Response[JSON]:
    get_store(store_id)  # NotFound for a store that does not exist
    return json_response(
        201, attachments.start_upload(store_id, attachments.STORE_OWNER, body.filename, body.content_type, body.size)
    )


@router.get(
    "/admin/stores/<store_id>/attachments/<attachment_id>",
    summary="Download a file of a message of this store (a redirect to a link valid 5 minutes)",
    responses=apidoc.store_system(
        {303: apidoc.no_body("To a short-lived download link (`Content-Disposition: attachment`).", apidoc.REDIRECT)},
        {400: None, 404: "No such file on a message of this store."},
    ),
)
def download(store_id: StoreId, attachment_id: AttachmentId) -> Response[None]:
    return see_other(attachments.download_for_store(store_id, attachment_id))
