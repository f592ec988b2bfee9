"""What the store hears of gift registries (API.md section 12, docs/store-events.md), each with the store,
the owner's email and the registry: `RegistryCreated` (title, event date), `RegistryUpdated` (the fields
that changed), `RegistryClosed` (the owner closed it), `RegistryDeleted`, `RegistryItemAdded` (the SKU and
how many are wanted now) and `RegistryItemRemoved`. A purchase is the store's own record: no event."""

from __future__ import annotations

from typing import Any

from access_center.aws import events

CREATED, UPDATED, CLOSED, DELETED = "RegistryCreated", "RegistryUpdated", "RegistryClosed", "RegistryDeleted"
ITEM_ADDED, ITEM_REMOVED = "RegistryItemAdded", "RegistryItemRemoved"


def _publish(kind: str, store_id: str, email: str, registry_id: str, **detail: Any) -> None:
    events.publish(kind, {"store_id": store_id, "email": email, "registry_id": registry_id, **detail})


def created(store_id: str, email: str, registry_id: str, title: str, event_date: str) -> None:
    _publish(CREATED, store_id, email, registry_id, title=title, event_date=event_date)


def updated(store_id: str, email: str, registry_id: str, changed: list[str]) -> None:
    _publish(UPDATED, store_id, email, registry_id, changed=changed)


def closed(store_id: str, email: str, registry_id: str) -> None:
    _publish(CLOSED, store_id, email, registry_id)


def deleted(store_id: str, email: str, registry_id: str) -> None:
    _publish(DELETED, store_id, email, registry_id)


def item_added(store_id: str, email: str, registry_id: str, sku: str, wanted: int) -> None:
    _publish(ITEM_ADDED, store_id, email, registry_id, sku=sku, wanted=wanted)


def item_removed(store_id: str, email: str, registry_id: str, sku: str) -> None:
    _publish(ITEM_REMOVED, store_id, email, registry_id, sku=sku)
