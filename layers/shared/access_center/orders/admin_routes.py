"""The store-system order route (IAM-signed): create or update an order (OrderIngestFunction). Its
fulfilments are orders.fulfilment_routes (FulfilmentsFunction), a function of its own."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Response, Router

from access_center.core.observability import count
from access_center.orders import logic
from access_center.orders.models import OrderIn
from access_center.web import apidoc
from access_center.web.requests import JSON, OrderId, StoreId, json_response

router = Router()


@router.put(
    "/admin/stores/<store_id>/orders/<order_id>",
    summary="Create or update an order",
    responses=apidoc.store_system(
        {
            201: apidoc.json_body("OrderView", "Created."),
            200: apidoc.json_body("OrderView", "Updated (or the same as stored)."),
        },
        {
            400: None,
            404: "No such store.",
            409: (
                "The order's `email` or `number` would change, a line would shrink below what has shipped, "
                "the order would grow past its size budget (`details`: `limit_bytes`, `bytes`), or the order is "
                "being changed by another request (send it again)."
            ),
        },
    ),
)
def put_order(store_id: StoreId, order_id: OrderId, body: OrderIn) -> Response[JSON]:
    created, view = logic.put_order(store_id, order_id, body)
    count("OrdersCreated" if created else "OrdersUpdated")
    return json_response(201 if created else 200, view)
