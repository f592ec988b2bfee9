"""The customer's order JSON routes (CustomerOrdersFunction): their orders at this store, newest first."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Response, Router
from aws_lambda_powertools.event_handler.openapi.params import Query

from access_center.account.customer import customer, signed_in
from access_center.account.order_routes import order_route
from access_center.orders import lists, logic
from access_center.orders.acting import Viewer
from access_center.orders.params import (
    FromDay,
    FulfilmentFilter,
    ScopeParam,
    SearchText,
    SortOrder,
    StatusFilter,
    ToDay,
)
from access_center.orders.search import OrderQuery
from access_center.web import apidoc
from access_center.web.locales import store_zone
from access_center.web.requests import JSON, OrderId, json_response

router = Router()


@router.get(
    "/api/orders",
    summary="The customer's orders at this store (or their company's), newest first; searched, filtered or by expected delivery",
    description="`q` matches the order number, a SKU or a product name (case-insensitive, anywhere in it);"
    " `status` the store's status (case-insensitive); `from` and `to` are days (YYYY-MM-DD) in the store's time"
    " zone, both included; `sort=expected_delivery` lists the orders on their way, nearest expected delivery"
    " first. A cursor is valid only with the query it came from.",
    security=apidoc.SESSION,
    responses=apidoc.customer(
        {200: apidoc.json_body("OrderList", "A page of order summaries, and the cursor of the next page.")},
        {
            400: "`limit` outside 1..100, a bad filter or date, or a cursor not from this list (the customer's or"
            " the company's) and filter.",
            401: None,
            403: "`scope=company` for a role that may not see the company's orders (a buyer).",
            404: "`scope=company` for a customer in no company.",
        },
    ),
    middlewares=[signed_in],
)
def list_orders(
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=512)] = None,
    q: SearchText = None,
    status: StatusFilter = None,
    fulfilment_status: FulfilmentFilter = None,
    placed_from: FromDay = None,
    placed_to: ToDay = None,
    sort: SortOrder = None,
    scope: ScopeParam = None,
) -> Response[JSON]:
    who = customer(router)
    query = OrderQuery.of(q, status, fulfilment_status, placed_from, placed_to, sort)
    zone = store_zone(who.store.settings)
    listed = lists.list_for_customer(Viewer.of(who), limit, cursor, query, zone, lists.Scope(scope or "mine"))
    return json_response(200, listed)


@order_route(
    router,
    "GET",
    "/api/orders/<order_id>",
    summary="One of the customer's orders: items, totals, addresses, fulfilments and tracking",
    ok={200: apidoc.json_body("OrderView", "The order.")},
)
def get_order(order_id: OrderId) -> Response[JSON]:
    who = customer(router)
    return json_response(200, logic.get_for_customer(Viewer.of(who), order_id))
