"""Order again on the customer pages (PagesFunction): a link on the order page to the preview page
(every line, what was paid, what it costs now, which cannot be added and why), whose button asks for
the store's cart; the answer is a page with the link to that cart. A form cannot redirect to another
site under the pages' Content-Security-Policy (`form-action 'self'`), so the customer follows the
link themselves. Works without JavaScript."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from aws_lambda_powertools.event_handler.api_gateway import BaseRouter, Router
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError

from access_center.account.customer import customer
from access_center.account.form_pages import check_token, refused_post
from access_center.account.order_page_routes import order_page_route
from access_center.account.pages import page
from access_center.companies.rules import Action
from access_center.core.errors import Conflict, DomainError
from access_center.core.i18n import N_, _
from access_center.orders.acting import Viewer
from access_center.orders.logic import SeenOrder
from access_center.orders.pages import Panel
from access_center.reorder import logic
from access_center.stores.logic import Store
from access_center.web import apidoc
from access_center.web.format import web_link
from access_center.web.forms import PageForm, posted, shown_again_by
from access_center.web.pages import CsrfRefused, PageResponse
from access_center.web.requests import OrderId

if TYPE_CHECKING:
    from access_center.reorder.shapes import ShownLine

router = Router()
# Marked here, translated where shown (reorder.html), once the page's language is known.
_REASONS = {"unavailable": N_("No longer sold"), "out_of_stock": N_("Out of stock")}


def panel(store: Store, viewer: Viewer, seen: SeenOrder) -> Panel | None:
    """The order page's "Order again" link, where the store has a cart to fill."""
    if not store.settings.cart_url_template:
        return None
    # A co-viewer (sticky contact) or a read-only role gets no "Order again".
    why_not = seen.access.why_not(Action.ORDER_AGAIN)
    co_viewer = None if why_not is None else _(why_not)
    return Panel("_reorder.html", {"order_id": seen.view["order_id"], "co_viewer": co_viewer})


def _preview_page(order_id: str, status: int = 200, error: DomainError | None = None) -> PageResponse:
    who = customer(router)
    seen, shown = logic.read(who.store, Viewer.of(who), order_id)
    why_not = seen.access.why_not(Action.ORDER_AGAIN)
    lines: list[ShownLine] = [{**line, "why_not": _REASONS.get(line.get("reason", ""), "")} for line in shown["lines"]]
    return page(
        router,
        who.store,
        "reorder",
        status,
        title=N_("Order again"),
        nav="orders",
        order_id=order_id,
        currency=shown["currency"],
        lines=lines,
        addable=sum(line["quantity"] for line in lines if line["addable"]),
        has_cart=bool(who.store.settings.cart_url_template),
        error=error,
        co_viewer=None if why_not is None else _(why_not),
    )


@order_page_route(
    router,
    "GET",
    "/orders/<order_id>/reorder",
    summary="Page: order again: the order's lines at today's prices, and which can go in the cart",
    ok={200: apidoc.html_page("The preview, with the button that fills the store's cart.")},
)
def reorder_page(order_id: OrderId) -> PageResponse:
    return _preview_page(order_id)


class ReorderForm(PageForm):
    """The order-again button's form: its token only. Other fields are ignored."""


def _token_refused(page_router: BaseRouter, _: RequestValidationError) -> PageResponse:
    """The form without its token (the only field): to login without a session, else the 403 page."""
    refused_post(page_router, signed_in=True)
    raise CsrfRefused()


@order_page_route(
    router,
    "POST",
    "/orders/<order_id>/reorder",
    summary="Page: order again: the link to the store's cart with the lines that can be added",
    ok={200: apidoc.html_page("The cart link (the store hears of it: `ReorderStarted`).")},
    errors={
        403: (
            "The form's token is missing or stale (reload the page), or the order was placed with another "
            "email (sticky contact: read-only)."
        ),
        409: "Nothing can be added any more, or the store has no cart link: the preview again, saying so.",
        429: "More than 10 cart links in the last hour: a page saying when to try again.",
    },
)
@shown_again_by(_token_refused)
def start_reorder(order_id: OrderId, form: Annotated[ReorderForm, posted()]) -> PageResponse:
    who = customer(router)
    check_token(router, form.csrf)
    try:
        cart = logic.start(who.store, Viewer.of(who), order_id)
    except Conflict as refused:
        return _preview_page(order_id, 409, refused)
    return page(
        router,
        who.store,
        "reorder_cart",
        title=N_("Your cart is ready"),
        nav="orders",
        order_id=order_id,
        cart_url=web_link(cart["cart_url"]),
    )
