"""What the store hears of the address book (API.md section 8, docs/store-events.md): `AddressAdded`,
`AddressUpdated` (each with the address as stored) and `AddressRemoved`, with the store and the email."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from access_center.aws import events

ADDED, UPDATED, REMOVED = "AddressAdded", "AddressUpdated", "AddressRemoved"


def address_changed(kind: str, store_id: str, email: str, address: Mapping[str, Any], source: str) -> None:
    events.publish(kind, {"store_id": store_id, "email": email, "address": dict(address), "source": source})


def address_removed(store_id: str, email: str, address_id: str, source: str) -> None:
    events.publish(REMOVED, {"store_id": store_id, "email": email, "address_id": address_id, "source": source})
