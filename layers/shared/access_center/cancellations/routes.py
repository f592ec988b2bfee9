"""The customer's cancellation request, JSON (CustomerCancellationFunction). The order page's form
posts to the same logic (cancellations.pages)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Response, Router

from access_center.account.customer import customer
from access_center.account.order_routes import order_route
from access_center.cancellations import logic
from access_center.cancellations.models import CancellationIn
from access_center.orders.acting import Viewer
from access_center.web import apidoc
from access_center.web.requests import JSON, OrderId, json_response

router = Router()


@order_route(
    router,
    "POST",
    "/api/orders/<order_id>/cancellation",
    summary="Ask the store to cancel an order, before anything has shipped",
    description=(
        "The store system decides (`PUT /admin/stores/{store_id}/orders/{order_id}/cancellation`) and the "
        "customer is emailed the decision; the order view's `cancellation` shows where it stands. Asking "
        "again while the request is open answers the same request."
    ),
    ok={202: apidoc.json_body("CancellationRequested", "Requested (or already requested): the store will decide.")},
    errors={
        409: (
            "The store takes no cancellation requests here, part of the order has shipped, the order is "
            "closed, the store has already decided, or the order is at its size budget; `message` says which."
        ),
    },
    acts=True,
)
def request_cancellation(order_id: OrderId, body: CancellationIn) -> Response[JSON]:
    who = customer(router)
    logic.request(who.store, Viewer.of(who), order_id, body.reason)
    return json_response(202, {"status": "requested"})
