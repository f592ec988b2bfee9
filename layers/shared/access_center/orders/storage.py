"""Orders, the customers' order lists, contacts and sticky browser sessions (Orders, Customers tables).

The order item is keyed by what writers address (store + order id), so a fulfilment posted right after
its order finds it with a strongly consistent GetItem. Each customer's list is a set of entry items in
the customer's own partition, written in the same transaction as the order: a list page is one Query
whatever the size of the store, and a sticky-contact order simply has two entries.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pynamodb.models import Model

from access_center.db.transactions import WriteConflict, conditional, transaction
from access_center.orders.items import BrowserSessionItem, ContactItem, OrderEntryItem, OrderItem

ENTRY_PREFIX = "order#"


@dataclass
class StoredOrder:
    store_id: str
    order_id: str
    order: dict[str, Any]
    listed_for: set[str]
    created_at: str
    updated_at: str
    version: int | None = None
    entry_keys: dict[str, str] = field(default_factory=dict)


def customer_key(store_id: str, email: str) -> str:
    return f"{store_id}#{email}"


def entry_key(order: dict[str, Any], order_id: str) -> str:
    return f"{ENTRY_PREFIX}{order['placed_at']}#{order_id}"


def get_order(store_id: str, order_id: str) -> StoredOrder | None:
    try:
        item = OrderItem.get(f"{store_id}#{order_id}", consistent_read=True)
    except OrderItem.DoesNotExist:
        return None
    return StoredOrder(
        store_id=item.store_id,
        order_id=item.order_id,
        order=item.order.as_dict(),
        listed_for=set(item.listed_for or ()),
        created_at=item.created_at,
        updated_at=item.updated_at,
        version=item.version,
    )


def save_order(
    stored: StoredOrder, summary: dict[str, Any], previous: StoredOrder | None, also: Sequence[Model] = ()
) -> None:
    """Write the order and every list entry in one transaction, guarded by the order's version, with
    `also` (another feature's items that must change with the order, e.g. a return's index item).

    Raises WriteConflict when another writer got there first (the caller re-reads and retries).
    """
    item = OrderItem(
        f"{stored.store_id}#{stored.order_id}",
        store_id=stored.store_id,
        order_id=stored.order_id,
        order=stored.order,
        listed_for=stored.listed_for,
        created_at=stored.created_at,
        updated_at=stored.updated_at,
    )
    if stored.version is not None:
        item.version = stored.version
    new_sk = entry_key(stored.order, stored.order_id)
    with transaction() as tx:
        tx.save(item)
        for email in sorted(stored.listed_for):
            tx.save(OrderEntryItem(customer_key(stored.store_id, email), new_sk, summary=summary))
        if previous is not None:
            old_sk = entry_key(previous.order, previous.order_id)
            for email in sorted(previous.listed_for):
                if old_sk != new_sk or email not in stored.listed_for:
                    tx.delete(OrderEntryItem(customer_key(stored.store_id, email), old_sk))
        for other in also:
            tx.save(other)
    stored.version = item.version


@dataclass
class EntryPage:
    summaries: list[dict[str, Any]]
    first: str | None  # sort key of the newest entry shown
    last: str | None  # sort key of the oldest entry shown
    more: bool  # entries exist beyond the page in the direction read


def list_entries(store_id: str, email: str, limit: int, start: str | None, *, newest_first: bool = True) -> EntryPage:
    """One page of a customer's order summaries (always returned newest first) after `start`, read
    older-wards (newest_first) or newer-wards. One Query, `limit + 1` items: the extra one only tells
    whether another page exists, so the last page has no dangling cursor."""
    pk = customer_key(store_id, email)
    # The raw Query through the model's own connection: the entries are flat summaries, read here
    # without building a model and a MapAttribute per entry (most of this route's CPU otherwise).
    answer = OrderEntryItem._get_connection().query(
        pk,
        range_key_condition=OrderEntryItem.sk.startswith(ENTRY_PREFIX),
        scan_index_forward=not newest_first,
        limit=limit + 1,
        exclusive_start_key={"pk": {"S": pk}, "sk": {"S": start}} if start else None,
    )
    items = answer.get("Items", [])
    more = len(items) > limit
    page = items[:limit] if newest_first else list(reversed(items[:limit]))
    return EntryPage(
        [_plain(entry["summary"]) for entry in page],
        page[0]["sk"]["S"] if page else None,
        page[-1]["sk"]["S"] if page else None,
        more,
    )


def _plain(value: dict[str, Any]) -> Any:
    """DynamoDB JSON -> Python, as PynamoDB reads an untyped map (numbers through json: 12 -> int)."""
    kind, data = next(iter(value.items()))
    if kind == "S":
        return data
    if kind == "N":
        return json.loads(data)
    if kind == "M":
        return {key: _plain(item) for key, item in data.items()}
    if kind == "L":
        return [_plain(item) for item in data]
    if kind == "BOOL":
        return bool(data)
    if kind == "NULL":
        return None
    raise ValueError(f"unexpected DynamoDB type {kind} in a list entry")


def get_contact(store_id: str, email: str) -> ContactItem | None:
    try:
        return ContactItem.get(customer_key(store_id, email), "contact")
    except ContactItem.DoesNotExist:
        return None


def offer_contact(store_id: str, email: str, rank: str, contact_id: str | None, name: str) -> None:
    """Keep the first-created contact for this email: write only if none is stored or this one ranks lower."""
    item = ContactItem(customer_key(store_id, email), "contact", rank=rank, contact_id=contact_id, name=name)
    try:
        with conditional():
            item.save(condition=ContactItem.pk.does_not_exist() | (ContactItem.rank > rank))
    except WriteConflict:
        pass  # an earlier-created contact is already the customer


def claim_browser_session(store_id: str, browser_session_id: str, email: str, now: float, lifetime: float) -> str:
    """The email of the first order that carried this browser session within its lifetime (claiming it
    for `email` if there is none, or the earlier claim has expired: a browser session id seen once
    must not collect strangers' orders forever). TTL removes expired claims; expiry is checked here."""
    expires_at = now + lifetime
    item = BrowserSessionItem(
        f"{store_id}#browser#{browser_session_id}", "browser", email=email, expires_at=expires_at, ttl=int(expires_at)
    )
    unclaimed = (
        BrowserSessionItem.pk.does_not_exist()
        | BrowserSessionItem.expires_at.does_not_exist()
        | (BrowserSessionItem.expires_at <= now)
    )
    try:
        with conditional():
            item.save(condition=unclaimed)
        return email
    except WriteConflict:
        return BrowserSessionItem.get(item.pk, "browser", consistent_read=True).email
