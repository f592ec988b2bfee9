"""PUT /admin/stores/{store_id}/orders/{order_id}: create (201) or update (200) an order."""

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from access_center.core.observability import count, logger, metrics
from access_center.orders import logic as orders
from access_center.orders.models import OrderIn
from access_center.web import apidoc
from access_center.web.resolver import JSON, OrderId, StoreId, create_resolver, json_response

app = create_resolver(customer_facing=False)


@app.put(
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
                "or the order is being changed by another request (send it again)."
            ),
        },
    ),
)
def put_order(store_id: StoreId, order_id: OrderId, body: OrderIn) -> Response[JSON]:
    created, view = orders.put_order(store_id, order_id, body)
    count("OrdersCreated" if created else "OrdersUpdated")
    return json_response(201 if created else 200, view)


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@metrics.log_metrics
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)
