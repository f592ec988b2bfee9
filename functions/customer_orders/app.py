"""GET /store/account/api/orders[/{order_id}]: the logged-in customer's orders at this store."""

from typing import Annotated

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from access_center.core.observability import logger, metrics
from access_center.login import sessions
from access_center.orders import logic as orders
from access_center.web import apidoc
from access_center.web.resolver import JSON, OrderId, create_resolver, customer_store, json_response, session_token

app = create_resolver(customer_facing=True)


@app.get(
    "/api/orders",
    summary="The customer's orders at this store, newest first",
    security=apidoc.SESSION,
    responses=apidoc.customer(
        {200: apidoc.json_body("OrderList", "A page of order summaries, and the cursor of the next (older) page.")},
        {400: "`limit` outside 1..100, or a cursor not from this customer's list.", 401: None},
    ),
)
def list_orders(
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=512)] = None,
) -> Response[JSON]:
    store = customer_store(app)
    email = sessions.customer_email(store.store_id, session_token(app))
    return json_response(200, orders.list_for_customer(store.store_id, email, limit, cursor))


@app.get(
    "/api/orders/<order_id>",
    summary="One of the customer's orders: items, totals, addresses, fulfilments and tracking",
    security=apidoc.SESSION,
    responses=apidoc.customer(
        {200: apidoc.json_body("OrderView", "The order.")},
        {400: None, 401: None, 404: "No such order for this customer at this store."},
    ),
)
def get_order(order_id: OrderId) -> Response[JSON]:
    store = customer_store(app)
    email = sessions.customer_email(store.store_id, session_token(app))
    return json_response(200, orders.get_for_customer(store.store_id, email, order_id))


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@metrics.log_metrics
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)
