"""What the store hears of wish lists (API.md section 12, docs/store-events.md), each with the store, the
customer's email and the list: `WishlistCreated`, `WishlistRenamed` (with the name), `WishlistDeleted`,
`WishlistItemAdded` (the SKU, how many were added and how many the list now holds), `WishlistItemUpdated`
(the list page set a quantity), `WishlistItemRemoved`, `WishlistShared` (`shared` true with the link, or
false: the link stopped working) and `WishlistCartStarted` (the lines that went to the cart link)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from access_center.aws import events

if TYPE_CHECKING:
    from access_center.wishlists.shapes import CartLine

CREATED, RENAMED, DELETED = "WishlistCreated", "WishlistRenamed", "WishlistDeleted"
ITEM_ADDED, ITEM_UPDATED, ITEM_REMOVED = "WishlistItemAdded", "WishlistItemUpdated", "WishlistItemRemoved"
SHARED, CART_STARTED = "WishlistShared", "WishlistCartStarted"


def _publish(kind: str, store_id: str, email: str, list_id: str, **detail: Any) -> None:
    events.publish(kind, {"store_id": store_id, "email": email, "list_id": list_id, **detail})


def created(store_id: str, email: str, list_id: str, name: str) -> None:
    _publish(CREATED, store_id, email, list_id, name=name)


def renamed(store_id: str, email: str, list_id: str, name: str) -> None:
    _publish(RENAMED, store_id, email, list_id, name=name)


def deleted(store_id: str, email: str, list_id: str) -> None:
    _publish(DELETED, store_id, email, list_id)


def item_added(store_id: str, email: str, list_id: str, sku: str, added: int, quantity: int) -> None:
    _publish(ITEM_ADDED, store_id, email, list_id, sku=sku, added=added, quantity=quantity)


def item_changed(store_id: str, email: str, list_id: str, sku: str, quantity: int) -> None:
    _publish(ITEM_UPDATED, store_id, email, list_id, sku=sku, quantity=quantity)


def item_removed(store_id: str, email: str, list_id: str, sku: str) -> None:
    _publish(ITEM_REMOVED, store_id, email, list_id, sku=sku)


def shared(store_id: str, email: str, list_id: str, on: bool, share_url: str | None) -> None:
    link = {"share_url": share_url} if on and share_url else {}
    _publish(SHARED, store_id, email, list_id, shared=on, **link)


def cart_started(store_id: str, email: str, list_id: str, items: list[CartLine], cart_url: str) -> None:
    _publish(CART_STARTED, store_id, email, list_id, items=[dict(item) for item in items], cart_url=cart_url)
