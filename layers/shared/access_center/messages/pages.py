"""The order's conversation on the order page (PagesFunction): the thread, oldest first, and, where the
store takes messages and the customer placed the order, a form that posts here and comes back to the
thread (a co-viewer of a sticky-contact order is told why there is none). Works without JavaScript.

A refused form shows the order page again with what was typed kept and the reason beside the field."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated

from aws_lambda_powertools.event_handler.api_gateway import BaseRouter, Router
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError

from access_center.account.customer import customer
from access_center.account.form_pages import check_token, refused_post
from access_center.account.languages import use_page_language
from access_center.account.order_page_routes import order_page_route
from access_center.companies.rules import Action
from access_center.core.errors import DomainError, NotFound, RateLimited
from access_center.core.field_errors import FieldError
from access_center.core.i18n import N_, _
from access_center.core.text import MULTILINE_PROBLEM
from access_center.messages import logic, rules
from access_center.messages.models import MessageIn
from access_center.messages.rules import MAX_BODY_CHARS, clean_body
from access_center.orders import pages as order_pages
from access_center.orders.acting import Viewer
from access_center.orders.logic import SeenOrder
from access_center.orders.pages import Panel
from access_center.stores.logic import Store
from access_center.web import apidoc
from access_center.web.forms import (
    PageForm,
    Refusal,
    posted,
    posted_values,
    route_args,
    sentence_for,
    show_again,
    shown_again_by,
)
from access_center.web.pages import PageResponse, redirect
from access_center.web.requests import OrderId

if TYPE_CHECKING:
    pass

router = Router()
FORM = "messages"  # the form's name for web.forms, and its fields' ids
BODY_FIELD = "message-body"
# What the body may be refused for (messages.rules.clean_body's problems, the text rule's), a sentence each.
BODY_PROBLEMS = {
    rules.EMPTY: N_("The message must not be empty."),
    rules.TOO_LONG: N_("The message must be at most %(count)s characters."),
    rules.NOT_TEXT: N_("The message must be plain text: line breaks and tabs only, no other control characters."),
    MULTILINE_PROBLEM: N_("The message must be text without control or invisible direction characters."),
}
CHECK_BODY = N_("Check the message and try again.")


class MessageForm(MessageIn, PageForm):
    """The order page's message form: the JSON message's body (no attachments: the page's script
    sends those through the JSON route), and the form's token."""


def panel(store: Store, viewer: Viewer, seen: SeenOrder) -> Panel | None:
    """The thread and the form; nothing where the store takes no messages and none were written. A
    co-viewer (the order was placed with another email) sees the thread and why there is no form."""
    order = seen.view
    messages = logic.thread(store.store_id, order["order_id"])
    closed = logic.refusal(store)
    if not messages and closed:
        return None
    refused = seen.access.why_not(Action.MESSAGE)
    why_not = closed or (None if refused is None else _(refused))  # closed: translated
    context = {
        "order_id": order["order_id"],
        "messages": messages,
        "can_write": why_not is None,
        "why_not": why_not,
        # A company's order: each customer message names its writer (the buyer, or the colleague who wrote)
        # to whoever else reads the thread.
        "company": bool(order.get("company_id")),
        "buyer": order["email"],
    }
    return Panel("_messages.html", context)


def _shown_again(page_router: BaseRouter, error: RequestValidationError) -> PageResponse:
    """A message the model refused (empty, too long, control characters): the order page again."""
    values = refused_post(page_router, signed_in=True)
    # Before the middleware that sets the page's language: the panels' texts are in it too.
    use_page_language(page_router, customer(page_router).store, signed_in_now=True)
    order_id = route_args(page_router).get("order_id", "")
    message, params = _problem(error, values.get("body", ""))
    return _again(page_router, order_id, values, message, None, params)


def _problem(error: RequestValidationError, typed: str) -> tuple[str, dict[str, object]]:
    """What is wrong with the body, as messages.rules.clean_body says it (how long once trimmed, not
    the model's looser cap on what is sent), else as the text rule says it (invisible direction
    characters): a marked sentence and its values."""
    try:
        clean_body(typed)
    except FieldError as problem:
        return BODY_PROBLEMS.get(problem.message, CHECK_BODY), dict(problem.values)
    return sentence_for(error, BODY_PROBLEMS, CHECK_BODY), {}


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
        logic.post_by_customer(who.store, Viewer.of(who), order_id, form.body)
    except NotFound:
        raise  # no such order for this customer: the not-found page, as for its page
    except DomainError as refused:
        return _again(router, order_id, posted_values(router), refused.text, refused, refused.values)
    return redirect(f"{who.store.account_path}/orders/{order_id}#messages")


def _again(
    page_router: BaseRouter,
    order_id: str,
    values: dict[str, str],
    message: str,
    refused: DomainError | None,
    params: Mapping[str, object],
) -> PageResponse:
    """The order page with the refused form: its text kept, the reason beside it (a marked text and its
    values), the refusal's status (400 for what the form cannot take)."""
    refusal = Refusal(
        form=FORM,
        message=message,
        near=BODY_FIELD,
        fields=(BODY_FIELD,),
        values={"body": values.get("body", "")[: 2 * MAX_BODY_CHARS]},
        status=refused.status if refused is not None else 400,
        params=params,
    )
    shown = show_again(page_router, refusal, lambda: order_pages.order_page(order_id))
    if isinstance(refused, RateLimited):
        shown.headers["Retry-After"] = str(refused.retry_after)
    return shown
