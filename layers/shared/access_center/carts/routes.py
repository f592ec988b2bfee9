"""The customer's saved carts, JSON (CustomerListsFunction; API.md section 12): the list with today's
prices, rename, delete, and restore to the store's cart. The Saved carts page does the same without
JavaScript (carts.pages). A store that has switched saved carts off answers 404 on each."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Response, Router
from aws_lambda_powertools.event_handler.openapi.params import Path, Query

from access_center.account.customer import customer, signed_in
from access_center.carts import logic
from access_center.carts.models import MAX_PAGE, CartRenameIn
from access_center.carts.switch import OFF, carts_on
from access_center.core.ids import ID_PATTERN
from access_center.web import apidoc
from access_center.web.requests import JSON, json_response

router = Router()
CartId = Annotated[str, Path(pattern=ID_PATTERN, max_length=128)]
GUARDS = [carts_on, signed_in]


@router.get(
    "/api/carts",
    summary="The customer's saved carts, newest saved first, at today's prices",
    description=(
        "Each line with the product's name and price now (`current_unit_price` in `currency`; null where the "
        "store has no such product) and whether it can be added to the cart (`reason`: `unavailable`, no "
        "longer sold; `out_of_stock`, where the product takes no backorders)."
    ),
    security=apidoc.SESSION,
    responses=apidoc.customer(
        {200: apidoc.json_body("SavedCartList", "A page of saved carts, and the cursor of the next page.")},
        {400: "A `limit` out of 1..100, or a cursor not from this list.", 401: None, 404: OFF},
    ),
    middlewares=GUARDS,
)
def list_carts(
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 20,
    cursor: Annotated[str | None, Query(max_length=512)] = None,
) -> Response[JSON]:
    who = customer(router)
    return json_response(200, logic.list_for_customer(who.store, who.email, limit, cursor))


@router.patch(
    "/api/carts/<cart_id>",
    summary="Rename a saved cart",
    description='`""` or null: no name (the pages show when it was saved). The store hears `SavedCartRenamed`.',
    security=apidoc.SESSION,
    responses=apidoc.customer(
        {200: apidoc.json_body("SavedCart", "The cart, at today's prices.")},
        {400: "A name over 200 characters or with control characters.", 401: None, 404: OFF, 409: logic.BUSY},
    ),
    middlewares=GUARDS,
)
def rename_cart(cart_id: CartId, body: CartRenameIn) -> Response[JSON]:
    who = customer(router)
    return json_response(200, logic.rename(who.store, who.email, cart_id, body.name))


@router.delete(
    "/api/carts/<cart_id>",
    summary="Delete a saved cart",
    description="The store hears `SavedCartDeleted`.",
    security=apidoc.SESSION,
    responses=apidoc.customer({204: apidoc.no_body("Deleted.")}, {400: None, 401: None, 404: OFF, 409: logic.BUSY}),
    middlewares=GUARDS,
)
def delete_cart(cart_id: CartId) -> Response[None]:
    who = customer(router)
    logic.delete(who.store, who.email, cart_id)
    return Response(status_code=204, body=None, headers={"Cache-Control": "no-store"})


@router.post(
    "/api/carts/<cart_id>/restore",
    summary="Restore a saved cart: the store's cart link with the lines that can be added, at current prices",
    description=(
        "No body needed. The store's cart applies its current prices; `skipped` names the lines left out and "
        "why. The saved cart stays. The store hears `SavedCartRestored`. Send the customer to `cart_url`."
    ),
    security=apidoc.SESSION,
    responses=apidoc.customer(
        {200: apidoc.json_body("RestoredCart", "The cart link.")},
        {
            400: None,
            401: None,
            404: OFF,
            409: (
                "Nothing can be added (`details`: each line's `sku` and `reason`), or the store has no cart "
                "link (`cart_url_template`); `message` says which."
            ),
        },
    ),
    middlewares=GUARDS,
)
def restore_cart(cart_id: CartId) -> Response[JSON]:
    who = customer(router)
    return json_response(200, logic.restore(who.store, who.email, cart_id))
