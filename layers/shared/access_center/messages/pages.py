"""The order's conversation on the order page (PagesFunction): the thread, oldest first, and, where the
store takes messages and the customer placed the order, a form that posts here and comes back to the
thread (a co-viewer of a sticky-contact order is told why there is none). Works without JavaScript.

A refused form shows the order page again with what was typed kept and the reason beside the field."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler.api_gateway import Router

from access_center.core.errors import BadRequest, DomainError, NotFound, RateLimited
from access_center.messages import logic
from access_center.messages.rules import MAX_BODY_CHARS, clean_body
from access_center.orders import pages as order_pages
from access_center.orders import rules as order_rules
from access_center.orders.pages import Panel
from access_center.stores.logic import Store
from access_center.web import apidoc
from access_center.web.customer import customer
from access_center.web.forms import Refusal, show_again
from access_center.web.order_routes import order_page_route
from access_center.web.pages import PageResponse, checked_form, redirect
from access_center.web.requests import OrderId

router = Router()
FORM = "messages"  # the form's name for web.forms, and its fields' ids
BODY_FIELD = "message-body"


def panel(store: Store, email: str, order: dict[str, Any]) -> Panel | None:
    """The thread and the form; nothing where the store takes no messages and none were written. A
    co-viewer (the order was placed with another email) sees the thread and why there is no form."""
    messages = logic.thread(store.store_id, order["order_id"])
    closed = logic.refusal(store)
    if not messages and closed:
        return None
    why_not = closed or (None if order_rules.may_act(order, email) else order_rules.CO_VIEWER)
    context = {"order_id": order["order_id"], "messages": messages, "can_write": why_not is None, "why_not": why_not}
    return Panel("_messages.html", context)


@order_page_route(
    router,
    "POST",
    "/orders/<order_id>/messages",
    summary="Page: write to the store about this order (the order page's form)",
    openapi_extensions=apidoc.form("body", "csrf", required=("body", "csrf")),
    ok={
        303: apidoc.no_body(
            "Written: back to the order page's conversation (no session: to the login page).", apidoc.REDIRECT
        )
    },
    errors={
        400: "An empty message, one over 5,000 characters, or control characters other than line breaks and"
        " tabs: the order page again, the message kept and the reason beside it.",
        403: "The form's token is missing or stale (reload the order page), or the order was placed with"
        " another email (a co-viewer reads it only: the order page again, saying so).",
        409: "The store does not take messages here, or the conversation is full; the order page again says which.",
        429: "More than 20 messages in the last hour at this store (the order page again, the message kept).",
    },
)
def post_message(order_id: OrderId) -> PageResponse:
    who = customer(router)
    form = checked_form(router)
    typed = form.get("body", "")
    try:
        try:
            body = clean_body(typed)
        except ValueError as error:
            raise BadRequest(f"The message {error}.") from None
        logic.post_by_customer(who.store, who.email, order_id, body)
    except NotFound:
        raise  # no such order for this customer: the not-found page, as for its page
    except DomainError as refused:
        return _again(order_id, typed, refused)
    return redirect(f"{who.store.account_path}/orders/{order_id}#messages")


def _again(order_id: str, typed: str, refused: DomainError) -> PageResponse:
    """The order page with the refused form: its text kept, the reason beside it, the refusal's status."""
    refusal = Refusal(
        form=FORM,
        message=refused.message,
        near=BODY_FIELD,
        fields=(BODY_FIELD,),
        values={"body": typed[: 2 * MAX_BODY_CHARS]},
        status=refused.status,
    )
    shown = show_again(router, refusal, lambda: order_pages.order_page(order_id))
    if isinstance(refused, RateLimited):
        shown.headers["Retry-After"] = str(refused.retry_after)
    return shown
