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
from access_center.companies.rules import Action
from access_center.core.i18n import N_
from access_center.invoices import logic
from access_center.invoices.params import InvoiceScope
from access_center.orders.acting import Viewer
from access_center.orders.logic import SeenOrder
from access_center.orders.pages import Panel
from access_center.stores.logic import Store
from access_center.web import apidoc
from access_center.web.pages import PageResponse

if TYPE_CHECKING:
    pass

router = Router()


def panel(store: Store, viewer: Viewer, seen: SeenOrder) -> Panel | None:
    order_id = seen.view["order_id"]
    invoices = logic.for_order(viewer, order_id)
    if not invoices:
        return None
    return Panel("_invoices.html", {"invoices": logic.with_orders(viewer, invoices), "order_id": order_id})


@router.get(
    "/invoices",
    summary="Page: the customer's invoices, newest first, with their documents",
    security=apidoc.SESSION,
    responses=apidoc.page(
        {200: apidoc.html_page("The invoices page."), 303: TO_LOGIN},
        {
            400: "A cursor not from this list.",
            403: "`scope=company` for a role that may not see the company's invoices.",
            404: "`scope=company` for a customer in no company.",
        },
    ),
    middlewares=[signed_in_page],
)
def invoices_page(
    cursor: Annotated[str | None, Query(max_length=512)] = None, scope: InvoiceScope = None
) -> PageResponse:
    who = customer(router)
    viewer = Viewer.of(who)
    chosen = logic.Scope(scope or "mine")
    listed = logic.list_for_customer(viewer, 20, cursor, chosen)
    member = viewer.membership
    return page(
        router,
        who.store,
        "invoices",
        title=N_("Invoices"),
        nav="invoices",
        email=who.email,
        invoices=logic.with_orders(viewer, listed["invoices"]),
        older=listed["next_cursor"],
        first=cursor is None,
        scope=chosen.value,
        # "My invoices" and "Company invoices", for a member whose role sees the company's invoices.
        company_tabs=member is not None and member.may(Action.VIEW_INVOICES),
    )
