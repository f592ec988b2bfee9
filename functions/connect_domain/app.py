"""PUT and DELETE /admin/stores/{store_id}/domain: connect or disconnect the store's domain (store-system
API, IAM auth). Connecting creates the API Gateway custom domain and mapping; see access_center.domains."""

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from access_center import domains
from access_center.http import JSON, StoreId, create_resolver, json_response
from access_center.observability import logger, metrics
from access_center.schemas import DomainIn

app = create_resolver(customer_facing=False)


@app.put("/admin/stores/<store_id>/domain")
def put_domain(store_id: StoreId, body: DomainIn) -> Response[JSON]:
    return json_response(200, domains.connect(store_id, body))


@app.delete("/admin/stores/<store_id>/domain")
def delete_domain(store_id: StoreId) -> Response[None]:
    domains.disconnect(store_id)
    return Response(status_code=204, body=None, headers={"Cache-Control": "no-store"})


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@metrics.log_metrics
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)
