"""Store systems read their customers' gift registries and record purchases from them (StoreListsFunction;
store-system API, IAM-signed, scoped to the caller's store; API.md section 12). Accepted whether or not
the store shows registries to its customers (`registries_enabled`)."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Response, Router
from aws_lambda_powertools.event_handler.openapi.params import Path

from access_center.core.ids import ID_PATTERN
from access_center.registries import purchases
from access_center.registries.models import RegistryPurchaseIn
from access_center.web import apidoc
from access_center.web.requests import JSON, StoreId, json_response

router = Router()
RegistryId = Annotated[str, Path(pattern=ID_PATTERN, max_length=128)]


@router.get(
    "/admin/stores/<store_id>/registries/<registry_id>",
    summary="A gift registry with its owner's email and shipping address",
    description=(
        "The shipping address is read from the owner's address book now (null where none is chosen or it was "
        "removed). `closed`: closed by the owner, or its event date has passed."
    ),
    responses=apidoc.store_system(
        {200: apidoc.json_body("StoreGiftRegistry", "The registry.")},
        {400: None, 404: "No such registry at this store."},
    ),
)
def get_registry(store_id: StoreId, registry_id: RegistryId) -> Response[JSON]:
    return json_response(200, purchases.for_store(store_id, registry_id))


@router.post(
    "/admin/stores/<store_id>/registries/<registry_id>/purchases",
    summary="Record a purchase from a gift registry",
    description=(
        "Adds `quantity` to the item's `purchased` once per `order_id` and `sku`: the same purchase again "
        "changes nothing. The owner sees the counts, never the order or the buyer. No event."
    ),
    responses=apidoc.store_system(
        {200: apidoc.json_body("RegistryPurchase", "Recorded (or recorded before with the same quantity).")},
        {
            400: None,
            404: "No such registry at this store.",
            409: "This order's purchase of the SKU is recorded with another quantity, or the item is busy.",
            422: "The SKU is not on the registry.",
        },
    ),
)
def record_purchase(store_id: StoreId, registry_id: RegistryId, body: RegistryPurchaseIn) -> Response[JSON]:
    shown, _ = purchases.record(store_id, registry_id, body)
    return json_response(200, shown)
