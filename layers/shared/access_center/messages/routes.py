"""The customer's side of an order's thread, JSON (CustomerMessagesFunction). The order page's form
posts to the same logic (messages.pages)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Response, Router

from access_center.account.customer import customer, signed_in
from access_center.account.order_routes import order_route
from access_center.messages import attachments, logic
from access_center.messages.models import AttachmentIn, MessageIn
from access_center.orders.acting import Viewer
from access_center.web import apidoc
from access_center.web.requests import JSON, AttachmentId, OrderId, json_response, see_other

router = Router()


@order_route(
    router,
    "GET",
    "/api/orders/<order_id>/messages",
    summary="The order's conversation with the store, oldest first",
    ok={200: apidoc.json_body("MessageList", "Every message of the order's thread.")},
)
def list_messages(order_id: OrderId) -> Response[JSON]:
    who = customer(router)
    return json_response(200, logic.for_customer(Viewer.of(who), order_id))


@order_route(
    router,
    "POST",
    "/api/orders/<order_id>/messages",
    summary="Write to the store about an order",
    description=(
        "Plain text (line breaks kept, at most 5,000 characters) and up to 5 attachments uploaded first with"
        " `POST /store/account/api/attachments`. The store's support address is emailed the message and"
        " store systems get a `MessagePosted` event; the store answers through the store API."
    ),
    ok={201: apidoc.json_body("MessageView", "Written.")},
    errors={
        400: "An empty body, one over 5,000 characters, or control characters other than line breaks and tabs.",
        409: "The store does not take messages, or the thread is full (200 messages); `message` says which.",
        422: "An attachment that is not this customer's upload, or is already on a message (`details`).",
        429: "More than 20 messages in the last hour at this store.",
    },
    acts=True,
)
def post_message(order_id: OrderId, body: MessageIn) -> Response[JSON]:
    who = customer(router)
    return json_response(
        201, logic.post_by_customer(who.store, Viewer.of(who), order_id, body.body, body.attachment_ids)
    )


@router.post(
    "/api/attachments",
    summary="Upload a file for a message: an upload form (S3 presigned POST)",
    description=(
        "PDF, PNG, JPEG or plain text, at most 10 MiB. POST the file to `upload.url` with `upload.fields`"
        " (multipart/form-data, the file last, as `file`) within 10 minutes, then list `attachment_id` in"
        " `attachment_ids` of a message within a day. The file is checked by its content then: one that is"
        " not what `content_type` says is refused (422) and deleted."
    ),
    security=apidoc.SESSION,
    responses=apidoc.customer(
        {201: apidoc.json_body("AttachmentUpload", "The attachment's id and its upload form.")},
        {
            400: "A type other than PDF, PNG, JPEG or plain text, a size over 10 MiB, or a bad name.",
            401: None,
            429: "More than 30 uploads in the last hour at this store.",
        },
    ),
    middlewares=[signed_in],
)
def start_upload(body: AttachmentIn) -> Response[JSON]:
    who = customer(router)
    return json_response(
        201, attachments.start_for_customer(who.store, who.email, body.filename, body.content_type, body.size)
    )


@router.get(
    "/api/attachments/<attachment_id>",
    summary="Download a file of a message (a redirect to a link valid 5 minutes)",
    security=apidoc.SESSION,
    responses=apidoc.customer(
        {
            303: apidoc.no_body(
                "To a short-lived download link; the file comes as a download (`Content-Disposition: attachment`).",
                apidoc.REDIRECT,
            )
        },
        {400: None, 401: None, 404: "No such file on a message of an order this customer sees."},
    ),
    middlewares=[signed_in],
)
def download(attachment_id: AttachmentId) -> Response[None]:
    who = customer(router)
    return see_other(attachments.download_for_customer(Viewer.of(who), attachment_id))
