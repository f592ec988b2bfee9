"""The order's conversation on the order page (PagesFunction): the thread, oldest first, and, where the
store takes messages and the customer placed the order, a form that posts here and comes back to the
thread (a co-viewer of a sticky-contact order is told why there is none). Works without JavaScript.

A refused form shows the order page again with what was typed kept and the reason beside the field."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from aws_lambda_powertools.event_handler.api_gateway import BaseRouter, Router
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError

from access_center.account.customer import customer
from access_center.account.form_pages import check_token, refused_post
from access_center.account.order_page_routes import order_page_route
from access_center.core.errors import DomainError, NotFound, RateLimited
from access_center.messages import logic
from access_center.messages.models import MessageIn
from access_center.messages.rules import MAX_BODY_CHARS, clean_body
from access_center.orders import acting
from access_center.orders import pages as order_pages
from access_center.orders.pages import Panel
from access_center.stores.logic import Store
from access_center.web import apidoc
from access_center.web.forms import PageForm, Refusal, posted, posted_values, route_args, show_again, shown_again_by
from access_center.web.pages import PageResponse, redirect
from access_center.web.requests import OrderId

if TYPE_CHECKING:
    from access_center.orders.shapes import OrderView

router = Router()
FORM = "messages"  # the form's name for web.forms, and its fields' ids
BODY_FIELD = "message-body"


class MessageForm(MessageIn, PageForm):
    """The order page's message form: the JSON message's body (no attachments: the page's script
    sends those through the JSON route), and the form's token."""


def panel(store: Store, email: str, order: OrderView) -> Panel | None:
    """The thread and the form; nothing where the store takes no messages and none were written. A
    co-viewer (the order was placed with another email) sees the thread and why there is no form."""
    messages = logic.thread(store.store_id, order["order_id"])
    closed = logic.refusal(store)
    if not messages and closed:
        return None
    why_not = closed or (None if acting.may_act(order, email) else acting.CO_VIEWER)
    context = {"order_id": order["order_id"], "messages": messages, "can_write": why_not is None, "why_not": why_not}
    return Panel("_messages.html", context)


def _shown_again(page_router: BaseRouter, error: RequestValidationError) -> PageResponse:
    """A message the model refused (empty, too long, control characters): the order page again."""
    values = refused_post(page_router, signed_in=True)
    order_id = route_args(page_router).get("order_id", "")
    return _again(page_router, order_id, values, _problem(error, values.get("body", "")), None)


def _problem(error: RequestValidationError, typed: str) -> str:
    """What is wrong with the body, in the words messages.rules.clean_body uses (the model's own words
    for what only the text rule refuses, such as invisible direction characters)."""
    try:
        clean_body(typed)
    except ValueError as problem:
        return f"The message {problem}."
    first = error.errors()[0]
    return "The message " + str(first.get("msg", "")).removeprefix("Value error, ") + "."


@order_page_route(
    router,
    "POST",
    "/orders/<order_id>/messages",
    summary="Page: write to the store about this order (the order page's form)",
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
@shown_again_by(_shown_again)
def post_message(order_id: OrderId, form: Annotated[MessageForm, posted()]) -> PageResponse:
    who = customer(router)
    check_token(router, form.csrf)
    try:
        logic.post_by_customer(who.store, who.email, order_id, form.body)
    except NotFound:
        raise  # no such order for this customer: the not-found page, as for its page
    except DomainError as refused:
        return _again(router, order_id, posted_values(router), refused.text, refused)
    return redirect(f"{who.store.account_path}/orders/{order_id}#messages")


def _again(
    page_router: BaseRouter, order_id: str, values: dict[str, str], message: str, refused: DomainError | None
) -> PageResponse:
    """The order page with the refused form: its text kept, the reason beside it, the refusal's status
    (400 for what the form cannot take)."""
    refusal = Refusal(
        form=FORM,
        message=message,
        near=BODY_FIELD,
        fields=(BODY_FIELD,),
        values={"body": values.get("body", "")[: 2 * MAX_BODY_CHARS]},
        status=refused.status if refused is not None else 400,
        params=refused.values if refused is not None else {},
    )
    shown = show_again(page_router, refusal, lambda: order_pages.order_page(order_id))
    if isinstance(refused, RateLimited):
        shown.headers["Retry-After"] = str(refused.retry_after)
    return shown
