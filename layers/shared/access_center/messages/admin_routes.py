"""The store's side of an order's thread (StoreMessagesFunction; store-system API, IAM-signed, scoped
to the caller's store like every store-system route)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Response, Router

from access_center.messages import logic
from access_center.messages.models import MessageIn
from access_center.web import apidoc
from access_center.web.requests import JSON, OrderId, StoreId, json_response

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
