"""PUT /admin/stores/{store_id}: create or replace a store's settings (store-system API, IAM auth)."""

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from access_center.core.observability import logger, metrics
from access_center.orders.models import StoreSettingsIn
from access_center.stores import logic as stores
from access_center.web import apidoc
from access_center.web.resolver import JSON, StoreId, create_resolver, json_response

app = create_resolver(customer_facing=False)


@app.put(
    "/admin/stores/<store_id>",
    summary="Create or replace a store's settings",
    responses=apidoc.store_system({200: apidoc.json_body("StoreSettingsOut", "The stored settings.")}, {400: None}),
)
def put_store(store_id: StoreId, body: StoreSettingsIn) -> Response[JSON]:
    return json_response(200, stores.save_settings(store_id, body))


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@metrics.log_metrics
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)
