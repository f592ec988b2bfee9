"""The order pages (PagesFunction): the customer's orders, newest first, and one order in full; the
access center's own address (`{prefix}/store/account`) is the orders page.

Each order shows one status, orders.rules.customer_status, and each line what happened to it,
orders.line_states (the emails use the same rules)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlencode

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query

from access_center.account.customer import customer
from access_center.account.order_page_routes import TO_LOGIN, order_page_route
from access_center.account.pages import page, signed_in_page
from access_center.companies.rules import Action
from access_center.core.errors import BadRequest
from access_center.core.i18n import N_, gettext
from access_center.orders import lists, logic, rules
from access_center.orders.acting import Viewer
from access_center.orders.line_states import line_states
from access_center.orders.logic import SeenOrder
from access_center.orders.params import (
    FromDay,
    FulfilmentFilter,
    ScopeParam,
    SearchText,
    SortOrder,
    StatusFilter,
    ToDay,
)
from access_center.orders.parcels import WORDS as TRACKING_WORDS
from access_center.orders.search import OrderQuery
from access_center.stores.logic import Store
from access_center.stores.requests import customer_store
from access_center.web import apidoc
from access_center.web.forms import Refusal, show_again
from access_center.web.locales import store_zone
from access_center.web.pages import PageResponse, redirect
from access_center.web.requests import OrderId

if TYPE_CHECKING:
    from access_center.orders.shapes import OrderEntry

router = Router()


@dataclass(frozen=True)
class Panel:
    """A section another feature adds to the order page (order again, cancellation, returns): its
    template (under templates/portal/) and what that template reads."""

    template: str
    context: dict[str, Any]


# What the order page shows beyond the order itself, in order: each feature registers a builder in
# functions/pages/app.py (order pages know no feature that acts on an order; a builder that returns
# None adds nothing, e.g. a store that has switched the action off).
PanelBuilder = Callable[[Store, Viewer, SeenOrder], "Panel | None"]
ORDER_PANELS: list[PanelBuilder] = []


def add_order_panel(build: PanelBuilder) -> None:
    if build not in ORDER_PANELS:
        ORDER_PANELS.append(build)


def _shipping_emails(store: Store) -> bool:
    return store.settings.shipping_update_email


def _status(store: Store, order: OrderEntry) -> rules.CustomerStatus:
    """A list entry's status: its summary carries the derived `fulfilment_status` (orders.rules)."""
    return rules.customer_status(
        str(order["status"]), str(order["fulfilment_status"]), shipping_emails=_shipping_emails(store)
    )


@router.get(
    "/",
    summary="Page: the access center's own address: to the orders page",
    responses=apidoc.page({303: apidoc.no_body("To the orders page.", apidoc.REDIRECT)}),
)
def home() -> PageResponse:
    return redirect(customer_store(router).account_path + "/orders")


@router.get(
    "/orders",
    summary="Page: the customer's orders, newest first; search, filters and sort as the JSON list's",
    security=apidoc.SESSION,
    responses=apidoc.page(
        {200: apidoc.html_page("The orders page."), 303: TO_LOGIN},
        {
            400: "A bad filter or date (the page again, with the search as typed and the error beside the dates), "
            "or a cursor not from this customer's list and filter."
        },
    ),
    middlewares=[signed_in_page],
)
def orders_page(
    cursor: Annotated[str | None, Query(max_length=512)] = None,
    before: Annotated[str | None, Query(max_length=512)] = None,
    q: SearchText = None,
    status: StatusFilter = None,
    fulfilment_status: FulfilmentFilter = None,
    placed_from: FromDay = None,
    placed_to: ToDay = None,
    sort: SortOrder = None,
    scope: ScopeParam = None,
) -> PageResponse:
    who = customer(router)
    viewer = Viewer.of(who)
    chosen = lists.Scope(scope or "mine")
    try:
        query = OrderQuery.of(q, status, fulfilment_status, placed_from, placed_to, sort)
    except BadRequest as error:  # the search form again, as typed, with the error beside the dates
        typed: dict[str, str | None] = {"q": q, "status": status, "fulfilment_status": fulfilment_status}
        typed |= {"from": placed_from, "to": placed_to, "sort": sort}
        return show_again(
            router, _refused_dates(error, typed), lambda: _refused_search(who.store, who.email, typed, chosen)
        )
    zone = store_zone(who.store.settings)
    listed = lists.page_for_customer(
        lists.list_key(viewer, chosen), 20, after=cursor, before=before, query=query, zone=zone
    )
    parameters = query.parameters()
    if chosen is lists.Scope.COMPANY:  # the search, filters and pager stay on the company's list
        parameters = {"scope": chosen.value, **parameters}
    member = viewer.membership  # read once for this request (list_key read it for the company's list)
    return page(
        router,
        who.store,
        "orders",
        title=N_("Orders"),
        nav="orders",
        email=who.email,
        orders=[{**order, "shown": _status(who.store, order)} for order in listed["orders"]],
        older=listed["next_cursor"],
        newer=listed["prev_cursor"],
        query=parameters,
        typed=" ".join((q or "").split()),  # the search box shows what was typed; matching is case-folded
        # The pager's links ask for the same query (a cursor is bound to it).
        query_string=urlencode(parameters) + "&" if parameters else "",
        filtered=not query.is_plain(),
        scope=chosen.value,
        # "My orders" and "Company orders", for a member whose role sees the company's orders.
        company_tabs=member is not None and member.may(Action.VIEW_ORDER),
    )


def _refused_dates(error: BadRequest, typed: dict[str, str | None]) -> Refusal:
    """The date filter's refusal in plain words (the JSON list's message names its query parameters)."""
    found = [d.get("loc") for d in error.details or () if isinstance(d, dict)]
    name = str(found[0][-1]) if found and found[0] else "from"
    fields: tuple[str, ...] = ("from", "to")
    message = N_("“Placed from” is after “to”: choose a start date on or before the end date.")
    if not all(_is_day(typed[key]) for key in fields):
        message, fields = N_("Enter the date as a date, like 2026-11-20."), (name if name in fields else "from",)
    values = {key: value for key, value in typed.items() if value}
    return Refusal("orders-filter", message, "dates", fields, values)


def _is_day(value: str | None) -> bool:
    try:
        return bool(value) and date.fromisoformat(str(value)) is not None
    except ValueError:
        return False


def _refused_search(store: Store, email: str, typed: dict[str, str | None], scope: lists.Scope) -> PageResponse:
    values = {key: value for key, value in typed.items() if value}
    return page(
        router, store, "orders", title=N_("Orders"), nav="orders", email=email, orders=[], older=None, newer=None,
        query=values, typed=" ".join((typed["q"] or "").split()), query_string="", filtered=True,
        scope=scope.value, company_tabs=scope is lists.Scope.COMPANY,
    )  # fmt: skip


@order_page_route(
    router,
    "GET",
    "/orders/<order_id>",
    summary="Page: one order, with fulfilments and tracking links",
    ok={200: apidoc.html_page("The order page.")},
)
def order_page(order_id: OrderId) -> PageResponse:
    who = customer(router)
    viewer = Viewer.of(who)
    seen = logic.seen_by(viewer, order_id)
    order = seen.view
    names = {item["line_id"]: item["name"] for item in order["items"]}
    shown = rules.order_status(order, shipping_emails=_shipping_emails(who.store))
    lines = line_states(order)
    panels = [panel for build in ORDER_PANELS if (panel := build(who.store, viewer, seen)) is not None]
    return page(
        router,
        who.store,
        "order",
        title=N_("Order #%(number)s"),
        title_values={"number": order["number"]},
        nav="orders",
        order=order,
        names=names,
        shown=shown,
        lines=lines,
        # "Not yet shipped: 1 x Hand Grinder", where part of an open order has shipped.
        waiting=[(state.waiting, names[line_id]) for line_id, state in lines.items() if state.waiting]
        if shown.key == rules.PARTLY_SHIPPED
        else [],
        panels=panels,
        # In the page's language: a status this product does not know is shown as the store wrote it.
        tracking_words={status: gettext(words) for status, words in TRACKING_WORDS.items()},
    )
