"""The store-system fulfilment route (IAM-signed; FulfilmentsFunction), also invocable directly with the
body plus the ids the path would carry."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler.api_gateway import Response, Router
from pydantic import ValidationError

from access_center.core.errors import DomainError
from access_center.core.observability import count
from access_center.orders import logic
from access_center.orders.models import DirectFulfilmentIn, FulfilmentIn
from access_center.web import apidoc
from access_center.web.errors import error_body
from access_center.web.requests import JSON, FulfilmentId, OrderId, StoreId, json_response

router = Router()


@router.put(
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
                "the order would grow past its size budget, or the order is being changed by another request."
            ),
            422: "A line the order does not have, or more than 100 fulfilments.",
        },
    ),
)
def put_fulfilment(
    store_id: StoreId, order_id: OrderId, fulfilment_id: FulfilmentId, body: FulfilmentIn
) -> Response[JSON]:
    view = logic.put_fulfilment(store_id, order_id, fulfilment_id, body)
    count("FulfilmentsRecorded")
    return json_response(200, view)


def put_fulfilment_directly(event: dict[str, Any]) -> dict[str, Any]:
    """A direct Lambda invocation: the order view, or the contract's error body plus `status`."""
    try:
        request = DirectFulfilmentIn.model_validate(event)
        view = logic.put_fulfilment(request.store_id, request.order_id, request.fulfilment_id, request.fulfilment())
    except ValidationError as error:
        details = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in error.errors()]
        return {"status": 400, **error_body(400, "bad_request", "The request is not valid.", details)}
    except DomainError as error:
        return {"status": error.status, **error_body(error.status, error.code, error.message, error.details)}
    count("FulfilmentsRecorded")
    return dict(view)
