"""The customer's wish lists, JSON (CustomerListsFunction; API.md section 12). The list pages' forms post
to the same logic (wishlists.pages). A store that has not switched wish lists on answers 404 here."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Response, Router
from aws_lambda_powertools.event_handler.openapi.params import Path

from access_center.account.customer import customer, signed_in
from access_center.catalog.logic import sku_from_path
from access_center.core.ids import ID_PATTERN
from access_center.web import apidoc
from access_center.web.requests import JSON, json_response
from access_center.wishlists import logic
from access_center.wishlists.models import WishlistChanges, WishlistIn, WishlistItemIn
from access_center.wishlists.switch import offered

router = Router()
ListId = Annotated[str, Path(pattern=ID_PATTERN, max_length=128)]
SkuSegment = Annotated[
    str, Path(min_length=1, max_length=300, description="The SKU, percent-encoded (`A B/1` is `A%20B%2F1`).")
]
NOT_YOURS = (
    "No such list among this customer's (another customer's or store's list ids included), or the store has not "
    "switched wish lists on (`wishlists_enabled`)."
)
OFF = "The store has not switched wish lists on (`wishlists_enabled`)."
ONE_LIST = apidoc.json_body("Wishlist", "The list, its items at the catalog's prices now.")


def _no_content() -> Response[None]:
    return Response(status_code=204, body=None, headers={"Cache-Control": "no-store"})


@router.get(
    "/api/wishlists",
    summary="The customer's wish lists with their items at today's prices, newest first",
    security=apidoc.SESSION,
    responses=apidoc.customer({200: apidoc.json_body("WishlistList", "Every list.")}, {401: None, 404: OFF}),
    middlewares=[offered, signed_in],
)
def list_wishlists() -> Response[JSON]:
    who = customer(router)
    return json_response(200, logic.lists(who.store, who.email))


@router.post(
    "/api/wishlists",
    summary="Start a wish list",
    description="The store hears `WishlistCreated`.",
    security=apidoc.SESSION,
    responses=apidoc.customer(
        {201: apidoc.json_body("Wishlist", "The new, empty list.")},
        {400: None, 401: None, 404: OFF, 409: "The customer has 20 lists already."},
    ),
    middlewares=[offered, signed_in],
)
def create_wishlist(body: WishlistIn) -> Response[JSON]:
    who = customer(router)
    return json_response(201, logic.create(who.store, who.email, body.name))


@router.get(
    "/api/wishlists/<list_id>",
    summary="One wish list with its items at today's prices",
    security=apidoc.SESSION,
    responses=apidoc.customer({200: ONE_LIST}, {400: None, 401: None, 404: NOT_YOURS}),
    middlewares=[offered, signed_in],
)
def get_wishlist(list_id: ListId) -> Response[JSON]:
    who = customer(router)
    return json_response(200, logic.one(who.store, who.email, list_id))


@router.patch(
    "/api/wishlists/<list_id>",
    summary="Rename a wish list, or share or unshare it",
    description=(
        "`shared: true` gives the list a read-only page without login (`share_url`); `false` stops that link "
        "for good (sharing again makes a new one). The store hears `WishlistRenamed` and `WishlistShared`."
    ),
    security=apidoc.SESSION,
    responses=apidoc.customer({200: ONE_LIST}, {400: None, 401: None, 404: NOT_YOURS}),
    middlewares=[offered, signed_in],
)
def change_wishlist(list_id: ListId, body: WishlistChanges) -> Response[JSON]:
    who = customer(router)
    return json_response(200, logic.change(who.store, who.email, list_id, body))


@router.delete(
    "/api/wishlists/<list_id>",
    summary="Delete a wish list, its items and its shared link",
    description="The store hears `WishlistDeleted`.",
    security=apidoc.SESSION,
    responses=apidoc.customer({204: apidoc.no_body("Deleted.")}, {400: None, 401: None, 404: NOT_YOURS}),
    middlewares=[offered, signed_in],
)
def delete_wishlist(list_id: ListId) -> Response[None]:
    who = customer(router)
    logic.delete(who.store, who.email, list_id)
    return _no_content()


@router.post(
    "/api/wishlists/<list_id>/items",
    summary="Put a product on a wish list (or add to the quantity already there)",
    description="The store hears `WishlistItemAdded`.",
    security=apidoc.SESSION,
    responses=apidoc.customer(
        {
            201: apidoc.json_body("Wishlist", "A new item: the list."),
            200: apidoc.json_body("Wishlist", "The SKU was on the list: its quantity grew. The list."),
        },
        {
            400: None,
            401: None,
            404: NOT_YOURS,
            409: "The list holds 200 items already.",
            422: "The catalog has no such SKU, or the list would hold more than 999 of it.",
        },
    ),
    middlewares=[offered, signed_in],
)
def add_item(list_id: ListId, body: WishlistItemIn) -> Response[JSON]:
    who = customer(router)
    shown, created = logic.add_item(who.store, who.email, list_id, body.sku, body.quantity)
    return json_response(201 if created else 200, shown)


@router.delete(
    "/api/wishlists/<list_id>/items/<sku>",
    summary="Take a product off a wish list",
    description="The store hears `WishlistItemRemoved`.",
    security=apidoc.SESSION,
    responses=apidoc.customer(
        {204: apidoc.no_body("Removed.")},
        {400: "A SKU over 100 characters or with control characters.", 401: None, 404: NOT_YOURS + " Or no such item."},
    ),
    middlewares=[offered, signed_in],
)
def remove_item(list_id: ListId, sku: SkuSegment) -> Response[None]:
    who = customer(router)
    logic.remove_item(who.store, who.email, list_id, sku_from_path(sku))
    return _no_content()


@router.post(
    "/api/wishlists/<list_id>/cart",
    summary="The store's cart link with the list's items that can be ordered now",
    description="Items no longer sold, or out of stock without backorder, are left out. The store hears `WishlistCartStarted`.",
    security=apidoc.SESSION,
    responses=apidoc.customer(
        {200: apidoc.json_body("WishlistCart", "The cart link.")},
        {
            400: None,
            401: None,
            404: NOT_YOURS,
            409: "Nothing on the list can be added now, or the store has no cart link (`cart_url_template`).",
        },
    ),
    middlewares=[offered, signed_in],
)
def start_cart(list_id: ListId) -> Response[JSON]:
    who = customer(router)
    return json_response(200, logic.start_cart(who.store, who.email, list_id))
