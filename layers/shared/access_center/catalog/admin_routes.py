"""The store-system catalog routes (ProductsFunction; store-system API, IAM-signed, scoped to the
caller's store by access_center.stores.callers like every store-system route)."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Response, Router
from aws_lambda_powertools.event_handler.openapi.params import Path

from access_center.catalog import logic
from access_center.catalog.models import ProductIn
from access_center.core.observability import count
from access_center.web import apidoc
from access_center.web.requests import JSON, StoreId, json_response

router = Router()

# Percent-encoded in the path (a SKU may hold a space, `/` or `#`): up to 100 characters, 3 bytes each.
SkuSegment = Annotated[
    str,
    Path(
        min_length=1,
        max_length=300,
        description="The product's SKU, percent-encoded (`A B/1` is `A%20B%2F1`), as order lines carry it.",
    ),
]
_BAD_SKU = "A SKU over 100 characters, with control characters, or with spaces at its ends."


@router.put(
    "/admin/stores/<store_id>/products/<sku>",
    summary="Create or replace a product of the store's catalog",
    description='What "order again" offers: the current price, whether it is still sold and in stock.',
    responses=apidoc.store_system(
        {200: apidoc.json_body("ProductOut", "The stored product.")},
        {400: _BAD_SKU, 404: "No such store."},
    ),
)
def put_product(store_id: StoreId, sku: SkuSegment, body: ProductIn) -> Response[JSON]:
    product = logic.put_product(store_id, sku, body)
    count("ProductsPut")
    return json_response(200, product)


@router.delete(
    "/admin/stores/<store_id>/products/<sku>",
    summary="Remove a product from the store's catalog",
    description='Idempotent: a product that is not there is gone already. "Order again" then shows it as unavailable.',
    responses=apidoc.store_system({204: apidoc.no_body("Removed (or was not there).")}, {400: _BAD_SKU}),
)
def delete_product(store_id: StoreId, sku: SkuSegment) -> Response[None]:
    logic.delete_product(store_id, sku)
    count("ProductsDeleted")
    # No body at all (a 204 with JSON `null` breaks clients that keep the connection open).
    return Response(status_code=204, headers={"Cache-Control": "no-store"})
