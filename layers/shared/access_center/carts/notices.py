"""What the store hears of its customers' saved carts (API.md section 12, docs/store-events.md):
`SavedCartRenamed`, `SavedCartDeleted` and `SavedCartRestored`, each with the store and the customer's
email (section 8). The store's own pushes and deletes tell it nothing it does not know: no event."""

from __future__ import annotations

from typing import TYPE_CHECKING

from access_center.aws import events

if TYPE_CHECKING:
    from access_center.carts.shapes import SavedCartRestored

RENAMED, DELETED, RESTORED = "SavedCartRenamed", "SavedCartDeleted", "SavedCartRestored"


def renamed(store_id: str, email: str, cart_id: str, name: str | None, previous: str | None) -> None:
    detail = {"store_id": store_id, "email": email, "cart_id": cart_id, "name": name, "previous_name": previous}
    events.publish(RENAMED, detail)


def deleted(store_id: str, email: str, cart_id: str, name: str | None) -> None:
    events.publish(DELETED, {"store_id": store_id, "email": email, "cart_id": cart_id, "name": name})


def restored(detail: SavedCartRestored) -> None:
    events.publish(RESTORED, dict(detail))
