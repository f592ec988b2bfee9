"""Wish lists in the Customers table (wishlists.items): the only code that reads or writes them. Every
limit is a write's condition, so requests racing past it cannot break it: the list count on the profile
(< 20, in the list's own transaction), the item count on the list (< 200, in the new item's), a SKU's
quantity (<= 999, in its update). A condition that fails is WriteConflict: the logic reads again and
decides again (db.retry)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from access_center.account.items import ProfileItem
from access_center.account.storage import PROFILE, profile_key
from access_center.core import clock
from access_center.db.transactions import conditional, transaction
from access_center.wishlists import sharing
from access_center.wishlists.items import (
    PREFIX,
    SHARE_SK,
    WishlistEntryItem,
    WishlistItem,
    WishlistShareItem,
    entry_sk,
    list_sk,
    share_key,
)
from access_center.wishlists.rules import token_hash


@dataclass
class StoredList:
    """A list and its items as stored."""

    head: WishlistItem
    entries: list[WishlistEntryItem] = field(default_factory=list)


def _query(key: str, prefix: str) -> Iterator[dict[str, Any]]:
    """Every item under `key` whose sk starts with `prefix`, page after page (consistent reads). Raw: a
    list and its items are two item classes under one prefix, each built from its own raw data."""
    connection = WishlistItem._get_connection()
    position = None
    while True:
        answer = connection.query(
            key,
            range_key_condition=WishlistItem.sk.startswith(prefix),
            consistent_read=True,
            exclusive_start_key=position,
        )
        yield from answer.get("Items", [])
        position = answer.get("LastEvaluatedKey")
        if not position:
            return


def _lists(key: str, prefix: str) -> list[StoredList]:
    found: dict[str, StoredList] = {}
    entries: list[WishlistEntryItem] = []
    for raw in _query(key, prefix):
        sk = raw["sk"]["S"]
        if "#" in sk[len(PREFIX) :]:
            entries.append(WishlistEntryItem.from_raw_data(raw))
        else:
            head = WishlistItem.from_raw_data(raw)
            found[head.list_id] = StoredList(head)
    for entry in entries:
        if entry.list_id in found:  # an item whose list is gone (a delete part-way): not shown
            found[entry.list_id].entries.append(entry)
    return list(found.values())


def all_lists(store_id: str, email: str) -> list[StoredList]:
    """Every list of the customer's with its items: one Query (paged: 20 lists of 200 items at most)."""
    return _lists(profile_key(store_id, email), PREFIX)


def get_list(store_id: str, email: str, list_id: str) -> StoredList | None:
    """One list with its items (one Query of its own prefix), or None."""
    found = [
        stored for stored in _lists(profile_key(store_id, email), list_sk(list_id)) if stored.head.list_id == list_id
    ]
    return found[0] if found else None


def get_head(store_id: str, email: str, list_id: str) -> WishlistItem | None:
    try:
        return WishlistItem.get(profile_key(store_id, email), list_sk(list_id), consistent_read=True)
    except WishlistItem.DoesNotExist:
        return None


def get_entry(store_id: str, email: str, list_id: str, sku: str) -> WishlistEntryItem | None:
    try:
        return WishlistEntryItem.get(profile_key(store_id, email), entry_sk(list_id, sku), consistent_read=True)
    except WishlistEntryItem.DoesNotExist:
        return None


def list_count(store_id: str, email: str) -> int:
    try:
        profile = ProfileItem.get(
            profile_key(store_id, email), PROFILE, consistent_read=True, attributes_to_get=["wishlist_count"]
        )
    except ProfileItem.DoesNotExist:
        return 0
    return int(profile.wishlist_count or 0)


def create_list(head: WishlistItem, limit: int) -> None:
    """Store a new list and count it; WriteConflict when the customer has `limit` lists already."""
    room = ProfileItem.wishlist_count.does_not_exist() | (ProfileItem.wishlist_count < limit)
    with transaction() as tx:
        tx.save(head, condition=WishlistItem.sk.does_not_exist())
        tx.update(ProfileItem(head.pk, PROFILE), actions=[ProfileItem.wishlist_count.add(1)], condition=room)


def _same_share(head: WishlistItem) -> Any:
    """The list still exists and is shared (or not) as `head` was read."""
    nonce = WishlistItem.share_nonce
    shared = nonce.does_not_exist() if head.share_nonce is None else nonce == head.share_nonce
    return WishlistItem.sk.exists() & shared


def _link(store_id: str, list_pk: str, list_id: str, nonce: str) -> WishlistShareItem:
    """The link item of the list's sharing that started with `nonce` (keyed by its token's hash)."""
    return WishlistShareItem(share_key(store_id, token_hash(sharing.link_token(list_pk, list_id, nonce))), SHARE_SK)


def change_list(store_id: str, email: str, head: WishlistItem, name: str | None, nonce: str | None, now: float) -> None:
    """Rename and share or unshare the list as read in `head`, in one transaction with its share link:
    `nonce` is the list's sharing nonce after the change (None: not shared; wishlists.sharing). WriteConflict
    when the list is gone or its sharing changed since `head` was read."""
    actions: list[Any] = [WishlistItem.updated_at.set(now)]
    if name is not None:
        actions.append(WishlistItem.name.set(name))
    if nonce != head.share_nonce:
        actions.append(WishlistItem.share_nonce.set(nonce) if nonce else WishlistItem.share_nonce.remove())
    with transaction() as tx:
        tx.update(WishlistItem(head.pk, head.sk), actions=actions, condition=_same_share(head))
        if nonce and nonce != head.share_nonce:
            link = _link(store_id, head.pk, head.list_id, nonce)
            link.email, link.list_id, link.shared_at = email, head.list_id, now
            tx.save(link, condition=WishlistShareItem.pk.does_not_exist())
        if head.share_nonce and nonce != head.share_nonce:
            tx.delete(_link(store_id, head.pk, head.list_id, head.share_nonce))


def get_share(store_id: str, token_hash: str) -> WishlistShareItem | None:
    try:
        return WishlistShareItem.get(share_key(store_id, token_hash), SHARE_SK)
    except WishlistShareItem.DoesNotExist:
        return None


def add_entry(entry: WishlistEntryItem, limit: int) -> None:
    """A new SKU on the list, counted on the list; WriteConflict when the SKU is there already, the list
    is gone or it holds `limit` items."""
    head = WishlistItem(entry.pk, list_sk(entry.list_id))
    room = WishlistItem.sk.exists() & (WishlistItem.item_count < limit)
    with transaction() as tx:
        tx.save(entry, condition=WishlistEntryItem.sk.does_not_exist())
        tx.update(head, actions=[WishlistItem.item_count.add(1)], condition=room)


def set_quantity(entry: WishlistEntryItem, quantity: int) -> None:
    """The SKU's quantity, where its item still holds what was read; WriteConflict otherwise."""
    with conditional():
        entry.update(
            actions=[WishlistEntryItem.quantity.set(quantity)],
            condition=WishlistEntryItem.sk.exists() & (WishlistEntryItem.quantity == entry.quantity),
        )


def remove_entry(store_id: str, email: str, list_id: str, sku: str) -> None:
    """The SKU off the list and uncounted; WriteConflict when it is not there."""
    key = profile_key(store_id, email)
    with transaction() as tx:
        tx.delete(WishlistEntryItem(key, entry_sk(list_id, sku)), condition=WishlistEntryItem.sk.exists())
        tx.update(
            WishlistItem(key, list_sk(list_id)),
            actions=[WishlistItem.item_count.add(-1)],
            condition=WishlistItem.sk.exists(),
        )


def delete_list(store_id: str, stored: StoredList, counted: bool) -> None:
    """The list's items, then in one transaction the list (still holding as many items as when it was
    read: an item added or removed meanwhile fails it, and the caller reads again), its count on the
    profile (`counted`: the profile counts it) and its share link."""
    head = stored.head
    for entry in stored.entries:
        WishlistEntryItem(entry.pk, entry.sk).delete()
    unchanged = WishlistItem.sk.exists() & (WishlistItem.item_count == int(head.item_count or 0)) & _same_share(head)
    with transaction() as tx:
        tx.delete(WishlistItem(head.pk, head.sk), condition=unchanged)
        if counted:
            tx.update(
                ProfileItem(head.pk, PROFILE),
                actions=[ProfileItem.wishlist_count.add(-1)],
                condition=ProfileItem.wishlist_count > 0,
            )
        if head.share_nonce:
            tx.delete(_link(store_id, head.pk, head.list_id, head.share_nonce))


def erase(store_id: str, email: str) -> None:
    """Every list, item and share link of the customer's (privacy erasure; idempotent). The profile and
    its count are the profile holding's to delete."""
    key = profile_key(store_id, email)
    for raw in list(_query(key, PREFIX)):
        nonce = raw.get("share_nonce", {}).get("S")
        if nonce and "list_id" in raw:
            _link(store_id, key, raw["list_id"]["S"], nonce).delete()
        WishlistItem(key, raw["sk"]["S"]).delete()


def exported(store_id: str, email: str) -> Iterator[dict[str, Any]]:
    """The privacy export's section (API.md section 8): each list with its name, when it was started,
    whether it is shared (never the token: it opens the list) and its items, as stored."""
    for stored in sorted(all_lists(store_id, email), key=lambda one: float(one.head.created_at)):
        yield {
            "list_id": stored.head.list_id,
            "name": stored.head.name,
            "created_at": clock.iso(float(stored.head.created_at)),
            "shared": stored.head.share_nonce is not None,
            "items": [
                {
                    "sku": entry.sku,
                    "name": entry.name,
                    "quantity": int(entry.quantity),
                    "added_at": clock.iso(float(entry.added_at)),
                }
                for entry in sorted(stored.entries, key=lambda one: float(one.added_at))
            ],
        }
