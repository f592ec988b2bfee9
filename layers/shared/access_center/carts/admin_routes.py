"""Store systems push their customers' saved carts (StoreListsFunction; store-system API, IAM-signed,
scoped to the caller's store like every store-system route; API.md section 12). Accepted whether or not
the store shows saved carts to its customers (`saved_carts_enabled`)."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Response, Router
from aws_lambda_powertools.event_handler.openapi.params import Path

from access_center.carts import logic
from access_center.carts.models import SavedCartIn
from access_center.core.ids import ID_PATTERN
from access_center.web import apidoc
from access_center.web.requests import JSON, StoreId, json_response

router = Router()
CartId = Annotated[str, Path(pattern=ID_PATTERN, max_length=128)]


@router.put(
    "/admin/stores/<store_id>/carts/<cart_id>",
    summary="Create or replace a customer's saved cart",
    description=(
        "The cart's SKUs and quantities (at most 200 lines, one per SKU, 1..9999 each) and when it was saved; "
        "prices come from the catalog when the customer looks. A `name` left out keeps the cart's name, and a "
        "name the store sent before does not undo the customer's rename. The same body again changes nothing. "
        "No event: the store knows what it pushed."
    ),
    responses=apidoc.store_system(
        {
            201: apidoc.json_body("StoredSavedCart", "Created."),
            200: apidoc.json_body("StoredSavedCart", "Replaced (or the same as stored)."),
        },
        {
            400: "A field missing or invalid: over 200 lines, a SKU twice, a quantity out of 1..9999, a bad `saved_at`.",
            404: "No such store.",
            409: "The cart belongs to another email (delete it first), or is being changed (send it again).",
        },
    ),
)
def put_cart(store_id: StoreId, cart_id: CartId, body: SavedCartIn) -> Response[JSON]:
    created, stored = logic.put(store_id, cart_id, body)
    return json_response(201 if created else 200, stored)


@router.delete(
    "/admin/stores/<store_id>/carts/<cart_id>",
    summary="Delete a customer's saved cart (it became an order, say)",
    description="Deleting one that is not there is not an error. No event.",
    responses=apidoc.store_system(
        {204: apidoc.no_body("Deleted (or was not there).")},
        {400: None, 409: "The cart is being changed (send it again)."},
    ),
)
def delete_cart(store_id: StoreId, cart_id: CartId) -> Response[None]:
    logic.remove_for_store(store_id, cart_id)
    return Response(status_code=204, body=None, headers={"Cache-Control": "no-store"})
