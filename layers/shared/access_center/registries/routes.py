"""The customer's gift registries, JSON (CustomerListsFunction; API.md section 12). The registry pages'
forms post to the same logic (registries.pages). A store that has not switched registries on answers 404."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Response, Router
from aws_lambda_powertools.event_handler.openapi.params import Path

from access_center.account.customer import customer, signed_in
from access_center.catalog.logic import sku_from_path
from access_center.core.ids import ID_PATTERN
from access_center.registries import logic
from access_center.registries.models import RegistryChanges, RegistryIn, RegistryItemIn
from access_center.registries.switch import offered
from access_center.web import apidoc
from access_center.web.requests import JSON, json_response

router = Router()
RegistryId = Annotated[str, Path(pattern=ID_PATTERN, max_length=128)]
SkuSegment = Annotated[
    str, Path(min_length=1, max_length=300, description="The SKU, percent-encoded (`A B/1` is `A%20B%2F1`).")
]
NOT_YOURS = (
    "No such registry among this customer's (another customer's or store's registry ids included), or the store "
    "has not switched gift registries on (`registries_enabled`)."
)
OFF = "The store has not switched gift registries on (`registries_enabled`)."
ONE = apidoc.json_body("GiftRegistry", "The registry with its items and what was bought of each.")


def _no_content() -> Response[None]:
    return Response(status_code=204, body=None, headers={"Cache-Control": "no-store"})


@router.get(
    "/api/registries",
    summary="The customer's gift registries, newest first",
    security=apidoc.SESSION,
    responses=apidoc.customer({200: apidoc.json_body("GiftRegistryList", "Every registry.")}, {401: None, 404: OFF}),
    middlewares=[offered, signed_in],
)
def list_registries() -> Response[JSON]:
    who = customer(router)
    return json_response(200, logic.registries(who.store, who.email))


@router.post(
    "/api/registries",
    summary="Start a gift registry",
    description="Open, with its public page (`share_url`) from the start. The store hears `RegistryCreated`.",
    security=apidoc.SESSION,
    responses=apidoc.customer(
        {201: apidoc.json_body("GiftRegistry", "The new, empty registry.")},
        {
            400: None,
            401: None,
            404: OFF,
            409: "The customer has 20 registries already.",
            422: "The event date has passed, or the address is not in the customer's book.",
        },
    ),
    middlewares=[offered, signed_in],
)
def create_registry(body: RegistryIn) -> Response[JSON]:
    who = customer(router)
    return json_response(201, logic.create(who.store, who.email, body))


@router.get(
    "/api/registries/<registry_id>",
    summary="One gift registry with its items and how many of each were bought",
    security=apidoc.SESSION,
    responses=apidoc.customer({200: ONE}, {400: None, 401: None, 404: NOT_YOURS}),
    middlewares=[offered, signed_in],
)
def get_registry(registry_id: RegistryId) -> Response[JSON]:
    who = customer(router)
    return json_response(200, logic.one(who.store, who.email, registry_id))


@router.patch(
    "/api/registries/<registry_id>",
    summary="Change a gift registry, or close (or reopen) it",
    description=(
        "`message` or `address_id` sent as null or empty removes it. A registry whose event date has passed "
        "counts as closed whatever `closed` says. The store hears `RegistryUpdated` and `RegistryClosed`."
    ),
    security=apidoc.SESSION,
    responses=apidoc.customer(
        {200: ONE},
        {400: None, 401: None, 404: NOT_YOURS, 422: "A past event date, or an address not in the customer's book."},
    ),
    middlewares=[offered, signed_in],
)
def change_registry(registry_id: RegistryId, body: RegistryChanges) -> Response[JSON]:
    who = customer(router)
    return json_response(200, logic.change(who.store, who.email, registry_id, body))


@router.delete(
    "/api/registries/<registry_id>",
    summary="Delete a gift registry, its items, its purchases' counts and its public page",
    description="The store hears `RegistryDeleted`.",
    security=apidoc.SESSION,
    responses=apidoc.customer({204: apidoc.no_body("Deleted.")}, {400: None, 401: None, 404: NOT_YOURS}),
    middlewares=[offered, signed_in],
)
def delete_registry(registry_id: RegistryId) -> Response[None]:
    who = customer(router)
    logic.delete(who.store, who.email, registry_id)
    return _no_content()


@router.post(
    "/api/registries/<registry_id>/items",
    summary="Put a product on a gift registry (or set how many are wanted of one there)",
    description="The store hears `RegistryItemAdded`.",
    security=apidoc.SESSION,
    responses=apidoc.customer(
        {
            201: apidoc.json_body("GiftRegistry", "A new item: the registry."),
            200: apidoc.json_body("GiftRegistry", "The SKU was there: its wanted count is set. The registry."),
        },
        {
            400: None,
            401: None,
            404: NOT_YOURS,
            409: "The registry holds 200 items already.",
            422: "The catalog has no such SKU.",
        },
    ),
    middlewares=[offered, signed_in],
)
def add_item(registry_id: RegistryId, body: RegistryItemIn) -> Response[JSON]:
    who = customer(router)
    shown, created = logic.add_item(who.store, who.email, registry_id, body.sku, body.quantity)
    return json_response(201 if created else 200, shown)


@router.delete(
    "/api/registries/<registry_id>/items/<sku>",
    summary="Take a product off a gift registry",
    description="The store hears `RegistryItemRemoved`.",
    security=apidoc.SESSION,
    responses=apidoc.customer(
        {204: apidoc.no_body("Removed.")},
        {400: "A SKU over 100 characters or with control characters.", 401: None, 404: NOT_YOURS + " Or no such item."},
    ),
    middlewares=[offered, signed_in],
)
def remove_item(registry_id: RegistryId, sku: SkuSegment) -> Response[None]:
    who = customer(router)
    logic.remove_item(who.store, who.email, registry_id, sku_from_path(sku))
    return _no_content()
