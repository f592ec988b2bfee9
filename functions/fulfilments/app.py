"""PUT /admin/stores/{store_id}/orders/{order_id}/fulfilments/{fulfilment_id}: upsert a fulfilment
(store-system API, IAM auth; access_center.orders.fulfilment_routes).

Also invocable directly (Lambda Invoke) with the fulfilment body plus `store_id`, `order_id` and
`fulfilment_id`; it answers with the order view, or the contract's error body plus `status`.
"""

from typing import Any

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from access_center.core.observability import logger, metrics
from access_center.orders import fulfilment_routes
from access_center.stores.apis import store_system_resolver

app = store_system_resolver()
app.include_router(fulfilment_routes.router)


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    if "httpMethod" in event:
        return app.resolve(event, context)
    return fulfilment_routes.put_fulfilment_directly(event)
