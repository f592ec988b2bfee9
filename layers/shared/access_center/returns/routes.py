"""The customer's return requests, JSON (CustomerReturnsFunction). The order page's form posts to the
same logic (returns.pages)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from aws_lambda_powertools.event_handler.api_gateway import Response, Router

from access_center.account.customer import customer
from access_center.account.order_routes import order_route
from access_center.orders.acting import Viewer
from access_center.returns import logic
from access_center.returns.models import ReturnIn
from access_center.web import apidoc
from access_center.web.requests import JSON, OrderId, json_response

if TYPE_CHECKING:
    from access_center.returns.shapes import RequestedLine

router = Router()


@order_route(
    router,
    "POST",
    "/api/orders/<order_id>/returns",
    summary="Ask to return shipped lines of an order",
    description=(
        "Each line with a quantity and a reason (the store's `return_reasons`, or `damaged`, `wrong_item`, "
        "`not_as_described`, `no_longer_needed`, `other`), and an optional comment. The store system moves "
        "the return on (`PUT /admin/stores/{store_id}/returns/{return_id}`); the customer is emailed each step. "
        "The same request again while that return is still `requested` answers the same return."
    ),
    ok={201: apidoc.json_body("Return", "Requested (or the same open request again).")},
    errors={
        409: (
            "The store takes no returns here, nothing has shipped, everything shipped is already in a "
            "return or past the store's window, or the order is at its size budget; `message` says which."
        ),
        422: (
            "More than can be returned of a line (`details`: line, returnable, requested), a line the order "
            "does not have, or a reason not in the store's list (`details`: the reasons)."
        ),
    },
    acts=True,
)
def request_return(order_id: OrderId, body: ReturnIn) -> Response[JSON]:
    who = customer(router)
    lines = [cast("RequestedLine", line.model_dump()) for line in body.items]  # as ReturnLineIn validated them
    return json_response(201, logic.request(who.store, Viewer.of(who), order_id, lines, body.comment))


@order_route(
    router,
    "GET",
    "/api/orders/<order_id>/returns",
    summary="The order's return requests, newest first",
    ok={200: apidoc.json_body("ReturnList", "Every return of the order.")},
)
def list_returns(order_id: OrderId) -> Response[JSON]:
    who = customer(router)
    return json_response(200, logic.for_customer(Viewer.of(who), order_id))
