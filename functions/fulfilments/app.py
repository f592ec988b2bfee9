"""PUT /admin/stores/{store_id}/orders/{order_id}/fulfilments/{fulfilment_id}: upsert a fulfilment.

Also invocable directly (Lambda Invoke) with the fulfilment body plus `store_id`, `order_id` and
`fulfilment_id`; it answers with the order view, or the contract's error body plus `status`.
"""

from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import ValidationError

from access_center.core.errors import DomainError
from access_center.core.observability import count, logger, metrics
from access_center.orders import logic as orders
from access_center.orders.models import DirectFulfilmentIn, FulfilmentIn
from access_center.web import apidoc
from access_center.web.resolver import JSON, FulfilmentId, OrderId, StoreId, create_resolver, error_body, json_response

app = create_resolver(customer_facing=False)


@app.put(
    "/admin/stores/<store_id>/orders/<order_id>/fulfilments/<fulfilment_id>",
    summary="Create or replace a fulfilment",
    description="`items` omitted: all that remains. Replaying the same body changes nothing. Also invocable directly.",
    responses=apidoc.store_system(
        {200: apidoc.json_body("OrderView", "The order with this fulfilment.")},
        {
            400: None,
            404: "No such order at this store.",
            409: (
                "More than remains of a line (`details`: line, remaining, requested), nothing left to fulfil, "
                "or the order is being changed by another request (send it again)."
            ),
            422: "A line the order does not have, or more than 100 fulfilments.",
        },
    ),
)
def put_fulfilment(
    store_id: StoreId, order_id: OrderId, fulfilment_id: FulfilmentId, body: FulfilmentIn
) -> Response[JSON]:
    view = orders.put_fulfilment(store_id, order_id, fulfilment_id, body)
    count("FulfilmentsRecorded")
    return json_response(200, view)


def _direct(event: dict[str, Any]) -> dict[str, Any]:
    try:
        request = DirectFulfilmentIn.model_validate(event)
        view = orders.put_fulfilment(request.store_id, request.order_id, request.fulfilment_id, request.fulfilment())
    except ValidationError as error:
        details = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in error.errors()]
        return {"status": 400, **error_body(400, "bad_request", "The request is not valid.", details)}
    except DomainError as error:
        return {"status": error.status, **error_body(error.status, error.code, error.message, error.details)}
    count("FulfilmentsRecorded")
    return view


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@metrics.log_metrics
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    if "httpMethod" in event:
        return app.resolve(event, context)
    return _direct(event)
