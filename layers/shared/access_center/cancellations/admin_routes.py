"""The store system's decision on a cancellation request (CancellationDecisionsFunction; store-system
API, IAM-signed, scoped to the caller's store like every store-system route)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Response, Router

from access_center.cancellations import logic
from access_center.cancellations.models import CancellationDecisionIn
from access_center.web import apidoc
from access_center.web.requests import JSON, OrderId, StoreId, json_response

router = Router()


@router.put(
    "/admin/stores/<store_id>/orders/<order_id>/cancellation",
    summary="Approve or decline the customer's cancellation request",
    description=(
        "`approved` cancels the order (its `status` becomes `cancelled`); `declined` leaves it as it is. "
        "The customer is emailed the decision with the message. Sending the same decision again changes nothing."
    ),
    responses=apidoc.store_system(
        {200: apidoc.json_body("OrderView", "The order with the decision.")},
        {
            400: None,
            404: "No such order at this store.",
            409: (
                "The customer has not asked to cancel this order, the request was already decided otherwise, "
                "or the order is being changed by another request (send it again)."
            ),
        },
    ),
)
def decide_cancellation(store_id: StoreId, order_id: OrderId, body: CancellationDecisionIn) -> Response[JSON]:
    return json_response(200, logic.decide(store_id, order_id, body.decision, body.message))
