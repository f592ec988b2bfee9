"""Gift registries in the Customers table (registries.items): the only code that reads or writes them.
Every limit is a write's condition, so racing requests cannot break it: the registry count on the profile
(< 20, in the registry's own transaction), the item count on the registry (< 200, in the new item's), and
a purchase counted once (its item Put only where it is not there, in the transaction that adds it to the
item's `purchased`). A failed condition is WriteConflict: the logic reads again and decides again."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from access_center.account.items import ProfileItem
from access_center.account.storage import PROFILE, profile_key
from access_center.core import clock
from access_center.db.transactions import conditional, transaction
from access_center.registries import sharing
from access_center.registries.items import (
    ENTRY_PREFIX,
    HEAD_SK,
    ITEM_PREFIX,
    SHARE_SK,
    RegistryEntryItem,
    RegistryItem,
    RegistryLineItem,
    RegistryPurchaseItem,
    RegistryShareItem,
    entry_sk,
    item_sk,
    purchase_sk,
    registry_key,
    share_key,
)


@dataclass
class StoredRegistry:
    """A registry and its items as stored (its purchases are the store's: not read here)."""

    head: RegistryItem
    lines: list[RegistryLineItem] = field(default_factory=list)


def _query(key: str, prefix: str = "") -> Iterator[dict[str, Any]]:
    """Every item under `key` (whose sk starts with `prefix`), page after page, consistent. Raw: a
    registry's items are several classes under one key, each built from its own raw data."""
    connection = RegistryItem._get_connection()
    position = None
    while True:
        answer = connection.query(
            key,
            range_key_condition=RegistryItem.sk.startswith(prefix) if prefix else None,
            consistent_read=True,
            exclusive_start_key=position,
        )
        yield from answer.get("Items", [])
        position = answer.get("LastEvaluatedKey")
        if not position:
            return


def get_head(store_id: str, registry_id: str) -> RegistryItem | None:
    try:
        return RegistryItem.get(registry_key(store_id, registry_id), HEAD_SK, consistent_read=True)
    except RegistryItem.DoesNotExist:
        return None


def get_registry(store_id: str, registry_id: str) -> StoredRegistry | None:
    """The registry with its items: one Query of its key (its purchases skipped by the sk's prefix order:
    `item#` < `purchase#` < `registry`, so they are read past; 200 items and their purchases at most)."""
    head: RegistryItem | None = None
    lines: list[RegistryLineItem] = []
    for raw in _query(registry_key(store_id, registry_id)):
        sk = raw["sk"]["S"]
        if sk == HEAD_SK:
            head = RegistryItem.from_raw_data(raw)
        elif sk.startswith(ITEM_PREFIX):
            lines.append(RegistryLineItem.from_raw_data(raw))
    return StoredRegistry(head, lines) if head else None


def get_line(store_id: str, registry_id: str, sku: str) -> RegistryLineItem | None:
    try:
        return RegistryLineItem.get(registry_key(store_id, registry_id), item_sk(sku), consistent_read=True)
    except RegistryLineItem.DoesNotExist:
        return None


def get_purchase(store_id: str, registry_id: str, order_id: str, sku: str) -> RegistryPurchaseItem | None:
    try:
        return RegistryPurchaseItem.get(
            registry_key(store_id, registry_id), purchase_sk(order_id, sku), consistent_read=True
        )
    except RegistryPurchaseItem.DoesNotExist:
        return None


def entries(store_id: str, email: str) -> list[RegistryEntryItem]:
    """The customer's registries' entries: one Query (20 at most)."""
    key = profile_key(store_id, email)
    return list(RegistryEntryItem.query(key, RegistryEntryItem.sk.startswith(ENTRY_PREFIX), consistent_read=True))


def registry_count(store_id: str, email: str) -> int:
    try:
        profile = ProfileItem.get(
            profile_key(store_id, email), PROFILE, consistent_read=True, attributes_to_get=["registry_count"]
        )
    except ProfileItem.DoesNotExist:
        return 0
    return int(profile.registry_count or 0)


def get_share(store_id: str, token_hash: str) -> RegistryShareItem | None:
    try:
        return RegistryShareItem.get(share_key(store_id, token_hash), SHARE_SK)
    except RegistryShareItem.DoesNotExist:
        return None


def _link(store_id: str, head: RegistryItem) -> RegistryShareItem:
    token = sharing.link_token(head.pk, head.registry_id, head.share_nonce)
    return RegistryShareItem(share_key(store_id, sharing.token_hash(token)), SHARE_SK)


def create(store_id: str, head: RegistryItem, limit: int) -> None:
    """The registry, the owner's entry, its share link and its count on the profile, in one transaction;
    WriteConflict when the customer has `limit` registries already."""
    owner = profile_key(store_id, head.email)
    entry = RegistryEntryItem(
        owner,
        entry_sk(head.registry_id),
        registry_id=head.registry_id,
        title=head.title,
        event_date=head.event_date,
        closed=False,
        created_at=head.created_at,
    )
    link = _link(store_id, head)
    link.registry_id = head.registry_id
    room = ProfileItem.registry_count.does_not_exist() | (ProfileItem.registry_count < limit)
    with transaction() as tx:
        tx.save(head, condition=RegistryItem.sk.does_not_exist())
        tx.save(entry, condition=RegistryEntryItem.sk.does_not_exist())
        tx.save(link, condition=RegistryShareItem.pk.does_not_exist())
        tx.update(ProfileItem(owner, PROFILE), actions=[ProfileItem.registry_count.add(1)], condition=room)


def change(store_id: str, head: RegistryItem, changes: dict[str, Any], now: float) -> None:
    """Set the registry's fields named in `changes` (None removes message or address_id) and keep the
    owner's entry in step, where the registry is still as `head` was read; WriteConflict otherwise."""
    actions: list[Any] = [RegistryItem.updated_at.set(now)]
    entry_actions: list[Any] = []
    for name, value in changes.items():
        attribute = getattr(RegistryItem, name)
        actions.append(attribute.remove() if value is None else attribute.set(value))
        if name in ("title", "event_date", "closed"):
            entry_actions.append(getattr(RegistryEntryItem, name).set(value))
    as_read = RegistryItem.sk.exists() & (RegistryItem.updated_at == head.updated_at)
    with transaction() as tx:
        tx.update(RegistryItem(head.pk, HEAD_SK), actions=actions, condition=as_read)
        if entry_actions:
            entry = RegistryEntryItem(profile_key(store_id, head.email), entry_sk(head.registry_id))
            tx.update(entry, actions=entry_actions, condition=RegistryEntryItem.sk.exists())


def add_line(line: RegistryLineItem, limit: int) -> None:
    """A new SKU on the registry, counted on it; WriteConflict when the SKU is there already, the
    registry is gone or it holds `limit` items."""
    room = RegistryItem.sk.exists() & (RegistryItem.item_count < limit)
    with transaction() as tx:
        tx.save(line, condition=RegistryLineItem.sk.does_not_exist())
        tx.update(RegistryItem(line.pk, HEAD_SK), actions=[RegistryItem.item_count.add(1)], condition=room)


def set_wanted(line: RegistryLineItem, wanted: int) -> None:
    """The SKU's wanted count, where its item is still there; WriteConflict otherwise."""
    with conditional():
        line.update(actions=[RegistryLineItem.wanted.set(wanted)], condition=RegistryLineItem.sk.exists())


def remove_line(store_id: str, registry_id: str, sku: str) -> None:
    """The SKU off the registry and uncounted (its purchases stay: they are the store's records);
    WriteConflict when it is not there."""
    key = registry_key(store_id, registry_id)
    with transaction() as tx:
        tx.delete(RegistryLineItem(key, item_sk(sku)), condition=RegistryLineItem.sk.exists())
        tx.update(
            RegistryItem(key, HEAD_SK), actions=[RegistryItem.item_count.add(-1)], condition=RegistryItem.sk.exists()
        )


def record_purchase(store_id: str, registry_id: str, order_id: str, sku: str, quantity: int) -> None:
    """The purchase, once per order and SKU, and its quantity added to the item's `purchased`, in one
    transaction; WriteConflict when that purchase is there already (or raced in) or the item is gone."""
    key = registry_key(store_id, registry_id)
    purchase = RegistryPurchaseItem(
        key, purchase_sk(order_id, sku), order_id=order_id, sku=sku, quantity=quantity, recorded_at=clock.now()
    )
    with transaction() as tx:
        tx.condition_check(RegistryItem, key, HEAD_SK, condition=RegistryItem.sk.exists())
        tx.save(purchase, condition=RegistryPurchaseItem.sk.does_not_exist())
        tx.update(
            RegistryLineItem(key, item_sk(sku)),
            actions=[RegistryLineItem.purchased.add(quantity)],
            condition=RegistryLineItem.sk.exists(),
        )


def delete(store_id: str, head: RegistryItem, counted: bool) -> None:
    """In one transaction the registry, the owner's entry, the share link and its count on the profile
    (`counted`); then what was under the registry's key (items, purchases). The registry goes first: from
    then on no item or purchase can be written under it (each write checks it exists)."""
    owner = profile_key(store_id, head.email)
    with transaction() as tx:
        tx.delete(RegistryItem(head.pk, HEAD_SK), condition=RegistryItem.sk.exists())
        tx.delete(RegistryEntryItem(owner, entry_sk(head.registry_id)))
        tx.delete(_link(store_id, head))
        if counted:
            tx.update(
                ProfileItem(owner, PROFILE),
                actions=[ProfileItem.registry_count.add(-1)],
                condition=ProfileItem.registry_count > 0,
            )
    _sweep(head.pk)


def _sweep(key: str) -> None:
    for raw in list(_query(key)):
        RegistryLineItem(key, raw["sk"]["S"]).delete()


def _heads(store_id: str, email: str) -> Iterator[RegistryItem]:
    for entry in entries(store_id, email):
        head = get_head(store_id, entry.registry_id)
        if head is not None and head.email == email:
            yield head


def erase(store_id: str, email: str) -> None:
    """Every registry of the customer's with its items, purchases, share link and entry (privacy erasure;
    idempotent: an erasure stopped part-way finishes on the next run, the entry going last). The profile
    and its count are the profile holding's to delete."""
    for entry in entries(store_id, email):
        head = get_head(store_id, entry.registry_id)
        if head is not None and head.email == email:
            _link(store_id, head).delete()
        if head is None or head.email == email:
            _sweep(registry_key(store_id, entry.registry_id))  # the registry, its items and purchases
        RegistryEntryItem(entry.pk, entry.sk).delete()


def exported(store_id: str, email: str) -> Iterator[dict[str, Any]]:
    """The privacy export's section (API.md section 8): each registry with its items and how many of each
    were bought, never by whom (no order ids) nor its share token."""
    for head in sorted(_heads(store_id, email), key=lambda one: float(one.created_at)):
        stored = get_registry(store_id, head.registry_id)
        lines = stored.lines if stored else []
        yield {
            "registry_id": head.registry_id,
            "title": head.title,
            "event_date": head.event_date,
            "message": head.message or "",
            "address_id": head.address_id,
            "closed_by_you": bool(head.closed),
            "created_at": clock.iso(float(head.created_at)),
            "items": [
                {
                    "sku": line.sku,
                    "name": line.name,
                    "wanted": int(line.wanted),
                    "purchased": int(line.purchased or 0),
                    "added_at": clock.iso(float(line.added_at)),
                }
                for line in sorted(lines, key=lambda one: float(one.added_at))
            ],
        }
