"""The order's conversation on the order page (PagesFunction): the thread, oldest first, and, where the
store takes messages, a form that posts here and comes back to the thread. Works without JavaScript."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler.api_gateway import Router

from access_center.core.errors import BadRequest
from access_center.messages import logic
from access_center.messages.rules import clean_body
from access_center.orders.pages import Panel
from access_center.stores.logic import Store
from access_center.web import apidoc
from access_center.web.customer import customer
from access_center.web.pages import Page, checked_form, redirect, signed_in_page
from access_center.web.requests import OrderId

router = Router()


def panel(store: Store, email: str, order: dict[str, Any]) -> Panel | None:
    """The thread and the form; nothing where the store takes no messages and none were written."""
    messages = logic.thread(store.store_id, order["order_id"])
    can_write = logic.refusal(store) is None
    if not messages and not can_write:
        return None
    context = {"order_id": order["order_id"], "messages": messages, "can_write": can_write}
    return Panel("_messages.html", context)


@router.post(
    "/orders/<order_id>/messages",
    summary="Page: write to the store about this order (the order page's form)",
    openapi_extensions=apidoc.form("body", "csrf", required=("body", "csrf")),
    security=apidoc.SESSION,
    responses=apidoc.page(
        {
            303: apidoc.no_body(
                "Written: back to the order page's conversation (no session: to the login page).", apidoc.REDIRECT
            )
        },
        {
            400: "An empty message, one over 5,000 characters, or control characters other than line breaks and tabs.",
            403: "The form's token is missing or stale (reload the order page).",
            404: "No such order for this customer.",
            409: "The store does not take messages here, or the conversation is full; the page says which.",
            429: "More than 20 messages in the last hour at this store.",
        },
        form=True,
    ),
    middlewares=[signed_in_page],
)
def post_message(order_id: OrderId) -> Page:
    who = customer(router)
    form = checked_form(router)
    try:
        body = clean_body(form.get("body", ""))
    except ValueError as error:
        raise BadRequest(f"The message {error}.") from None
    logic.post_by_customer(who.store, who.email, order_id, body)
    return redirect(f"{who.store.account_path}/orders/{order_id}#messages")
