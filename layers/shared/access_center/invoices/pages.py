"""Invoices on the customer's pages (PagesFunction): the Invoices page (newest first, paged, overdue
ones marked, each with its download and links to its orders) and, on each order page, the invoices of
that order (each naming its other orders too)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query

from access_center.account.customer import customer
from access_center.account.order_page_routes import TO_LOGIN
from access_center.account.pages import page, signed_in_page
from access_center.core.i18n import N_
from access_center.invoices import logic
from access_center.orders.pages import Panel
from access_center.stores.logic import Store
from access_center.web import apidoc
from access_center.web.pages import PageResponse

if TYPE_CHECKING:
    from access_center.orders.shapes import OrderView

router = Router()


def panel(store: Store, email: str, order: OrderView) -> Panel | None:
    invoices = logic.for_order(store, email, order["order_id"])
    if not invoices:
        return None
    return Panel(
        "_invoices.html", {"invoices": logic.with_orders(store, email, invoices), "order_id": order["order_id"]}
    )


@router.get(
    "/invoices",
    summary="Page: the customer's invoices, newest first, with their documents",
    security=apidoc.SESSION,
    responses=apidoc.page(
        {200: apidoc.html_page("The invoices page."), 303: TO_LOGIN},
        {400: "A cursor not from this customer's list."},
    ),
    middlewares=[signed_in_page],
)
def invoices_page(cursor: Annotated[str | None, Query(max_length=512)] = None) -> PageResponse:
    who = customer(router)
    listed = logic.list_for_customer(who.store, who.email, 20, cursor)
    return page(
        router,
        who.store,
        "invoices",
        title=N_("Invoices"),
        nav="invoices",
        email=who.email,
        invoices=logic.with_orders(who.store, who.email, listed["invoices"]),
        older=listed["next_cursor"],
        first=cursor is None,
    )
