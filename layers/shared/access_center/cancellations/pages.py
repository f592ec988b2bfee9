"""The cancellation request on the order page (PagesFunction): the form while the order can still be
cancelled, then where the request stands; the form posts here and comes back to the order page.
Works without JavaScript. A refused request (a reason the model refuses, or an order that can no
longer be cancelled) shows the order page again with the reason kept and why (web.forms)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from aws_lambda_powertools.event_handler.api_gateway import BaseRouter, Router
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError

from access_center.account.customer import customer
from access_center.account.form_pages import check_token, refused_fields, refused_post
from access_center.account.languages import use_page_language
from access_center.account.order_page_routes import order_page_route
from access_center.cancellations import logic, rules
from access_center.cancellations.models import CancellationIn
from access_center.companies.rules import Action
from access_center.core.errors import Conflict
from access_center.core.i18n import N_, _
from access_center.core.text import MULTILINE_PROBLEM
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
    refused_form,
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
FORM = "cancellation"  # the form's name for web.forms
REASON_FIELD = "cancellation-reason"
# What the reason's model may refuse (by the text rule's problem, or pydantic's type), a sentence each.
REASON_PROBLEMS = {
    "string_too_long": N_("Keep the reason under 1,000 characters."),
    "string_too_short": N_("Write a reason, or leave the reason box empty."),
    MULTILINE_PROBLEM: N_("The reason must be text without control or invisible direction characters."),
}


class CancellationForm(CancellationIn, PageForm):
    """The order page's cancellation form: the JSON request's reason, and the form's token. Other
    fields are ignored."""


def panel(store: Store, viewer: Viewer, seen: SeenOrder) -> Panel | None:
    """What the order page shows: the request and the store's answer, else the form where it is allowed."""
    order = seen.view
    request = order.get("cancellation")
    can_request = rules.can_request(order, logic.enabled(store))
    # A request just refused (the order can no longer be cancelled) is shown here, saying why.
    if request is None and not can_request and not refused_form(router).about(FORM):
        return None
    # A co-viewer (sticky contact) or a read-only role sees where the request stands, but gets no form.
    why_not = seen.access.why_not(Action.CANCEL)
    co_viewer = None if why_not is None else _(why_not)
    context = {"request": request, "order_id": order["order_id"], "co_viewer": co_viewer, "open": can_request}
    return Panel("_cancellation.html", context)


def _shown_again(page_router: BaseRouter, error: RequestValidationError) -> PageResponse:
    """The order page with the refused form: the reason kept, what is wrong beside it (nothing written)."""
    values = refused_post(page_router, signed_in=True)
    # Before the middleware that sets the page's language: the panels' texts are in it too.
    use_page_language(page_router, customer(page_router).store, signed_in_now=True)
    refusal = Refusal(FORM, _problem(error), REASON_FIELD, (REASON_FIELD,), values)
    order_id = route_args(page_router).get("order_id", "")
    return show_again(page_router, refusal, lambda: order_pages.order_page(order_id))


def _problem(error: RequestValidationError) -> str:
    fields = refused_fields(error)
    if fields and fields[0] == ("reason",):
        return sentence_for(error, REASON_PROBLEMS, N_("Check the reason and try again."))
    return N_("This form could not be read. Reload the order page and try again.")


@order_page_route(
    router,
    "POST",
    "/orders/<order_id>/cancellation",
    summary="Page: ask the store to cancel this order (the order page's form)",
    ok={
        303: apidoc.no_body(
            "Requested: back to the order page, which shows the request (no session: to the login page).",
            apidoc.REDIRECT,
        )
    },
    errors={
        400: "A reason over 1,000 characters, or with control characters other than line breaks and tabs: the "
        "order page again, the reason kept and the error beside it.",
        403: "The form's token is missing or stale (reload the order page).",
        409: "The order can no longer be cancelled here: the order page again, saying why.",
    },
)
@shown_again_by(_shown_again)
def request_cancellation(order_id: OrderId, form: Annotated[CancellationForm, posted()]) -> PageResponse:
    who = customer(router)
    check_token(router, form.csrf)
    try:
        logic.request(who.store, Viewer.of(who), order_id, form.reason)
    except Conflict as refused:  # shipped, closed, switched off or decided meanwhile: nothing was written
        values = posted_values(router)
        refusal = Refusal(FORM, refused.text, "cancellation-heading", (), values, refused.status, refused.values)
        return show_again(router, refusal, lambda: order_pages.order_page(order_id))
    return redirect(f"{who.store.account_path}/orders/{order_id}#cancellation")
