"""Orders, the customers' order lists, contacts and sticky browser sessions (Orders, Customers tables).

The order item is keyed by what writers address (store + order id), so a fulfilment posted right after
its order finds it with a strongly consistent GetItem. Each customer's list is a set of entry items in
the customer's own partition, written in the same transaction as the order: a list page is one Query
whatever the size of the store, and a sticky-contact order simply has two entries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pynamodb.expressions.condition import Condition
from pynamodb.models import Model

from access_center.companies.storage import company_key
from access_center.db.transactions import WriteConflict, conditional, transaction
from access_center.db.values import plain
from access_center.orders.items import BrowserSessionItem, ContactItem, OrderEntryItem, OrderItem

if TYPE_CHECKING:
    from access_center.orders.shapes import AnyOrder, Order, OrderEntry

ENTRY_PREFIX = "order#"


@dataclass
class OrderRecord:
    """The Orders item as storage reads and writes it; `order` is the map orders.models.StoredOrder describes."""

    store_id: str
    order_id: str
    order: Order
    listed_for: set[str]
    created_at: str
    updated_at: str
    version: int | None = None
    entry_keys: dict[str, str] = field(default_factory=dict)


def customer_key(store_id: str, email: str) -> str:
    return f"{store_id}#{email}"


def entry_key(order: AnyOrder, order_id: str) -> str:
    return f"{ENTRY_PREFIX}{order['placed_at']}#{order_id}"


def get_order(store_id: str, order_id: str) -> OrderRecord | None:
    try:
        item = OrderItem.get(f"{store_id}#{order_id}", consistent_read=True)
    except OrderItem.DoesNotExist:
        return None
    return OrderRecord(
        store_id=item.store_id,
        order_id=item.order_id,
        order=item.order.as_dict(),
        listed_for=set(item.listed_for or ()),
        created_at=item.created_at,
        updated_at=item.updated_at,
        version=item.version,
    )


@dataclass(frozen=True)
class Listing:
    """What each customer's list entry of an order holds (orders.logic.listing)."""

    summary: OrderEntry
    search: str
    status_key: str
    delivery_sort: str | None  # None: not on its way (not in the ByDelivery index)


def save_order(stored: OrderRecord, listing: Listing, previous: OrderRecord | None, also: Sequence[Model] = ()) -> None:
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
    company = _company_key(stored)
    with transaction() as tx:
        tx.save(item)
        for email in sorted(stored.listed_for):
            tx.save(_entry(customer_key(stored.store_id, email), new_sk, listing, listing.summary))
        if company is not None:  # the company's list says who placed it
            tx.save(_entry(company, new_sk, listing, {**listing.summary, "placed_by": stored.order["email"]}))
        if previous is not None:
            old_sk = entry_key(previous.order, previous.order_id)
            for email in sorted(previous.listed_for):
                if old_sk != new_sk or email not in stored.listed_for:
                    tx.delete(OrderEntryItem(customer_key(stored.store_id, email), old_sk))
            old_company = _company_key(previous)
            if old_company is not None and (old_company, old_sk) != (company, new_sk):
                tx.delete(OrderEntryItem(old_company, old_sk))
        for other in also:
            tx.save(other)
    stored.version = item.version


def _company_key(stored: OrderRecord) -> str | None:
    company_id = stored.order.get("company_id")
    return company_key(stored.store_id, company_id) if company_id else None


def _entry(pk: str, sk: str, listing: Listing, summary: OrderEntry) -> OrderEntryItem:
    return OrderEntryItem(
        pk,
        sk,
        summary=summary,
        search=listing.search,
        status_key=listing.status_key,
        delivery_sort=listing.delivery_sort,
    )


@dataclass
class EntryPage:
    summaries: list[OrderEntry]
    first: str | None  # position of the newest (or, by delivery, nearest) entry shown
    last: str | None  # position of the last entry shown, or read where the read budget ran out
    more: bool  # entries may exist beyond the page in the direction read


@dataclass(frozen=True)
class EntryFilter:
    """Which of a customer's entries a list shows. `placed_from`/`placed_until` bound `placed_at`
    (UTC, `placed_from <= placed_at < placed_until`); in `placed_at` order they are the key condition."""

    text: str | None = None  # case-folded words, each matched anywhere in the entry's `search`
    status_key: str | None = None
    fulfilment_status: str | None = None
    placed_from: str | None = None
    placed_until: str | None = None
    by_delivery: bool = False  # the ByDelivery index: on their way, nearest expected delivery first

    def filters(self) -> bool:
        """Whether entries are read that the page may not show (a filter expression)."""
        timed = self.by_delivery and (self.placed_from or self.placed_until)
        return bool(self.text or self.status_key or self.fulfilment_status or timed)


# A filtered list reads at most this many entries per page: a search that matches little in a long
# history answers with what it found so far and a cursor to read on (bench.scaling measures it).
READ_BUDGET = 1000
_EVERYTHING = EntryFilter()


def list_entries(
    pk: str,
    limit: int,
    start: str | None,
    *,
    forwards: bool = True,
    where: EntryFilter = _EVERYTHING,
) -> EntryPage:
    """One page of a customer's order summaries (always returned in the list's order: newest first, or
    nearest delivery first) from the list under `pk` (a customer's, or a company's) after position `start`, read forwards in that order (to older or later
    entries) or backwards. Unfiltered: one Query
    of `limit + 1` items (the extra one only tells whether another page exists). Filtered: Queries
    until `limit` entries match or READ_BUDGET entries were read; `last` is then where reading stopped."""
    # The list's order is the index's descending (placed_at, newest first) or ascending (deliveries).
    query: dict[str, Any] = {
        "scan_index_forward": forwards if where.by_delivery else not forwards,
        "filter_condition": _filter_condition(where),
    }
    if where.by_delivery:
        query["index_name"] = OrderEntryItem.by_delivery.Meta.index_name
    else:
        query["range_key_condition"] = _placed_condition(where)
    position = _start_key(pk, start, where.by_delivery) if start else None
    connection = OrderEntryItem._get_connection()
    found: list[dict[str, Any]] = []
    read = 0
    more = False
    last_read: dict[str, Any] | None = None
    while True:
        # The raw Query through the model's own connection: the entries are flat summaries, read here
        # without building a model and a MapAttribute per entry (most of this route's CPU otherwise).
        wanted = limit + 1 - len(found)
        batch = wanted if not where.filters() else min(max(wanted, 100), READ_BUDGET - read)
        answer = connection.query(pk, limit=batch, exclusive_start_key=position, **query)
        found.extend(answer.get("Items", []))
        read += answer.get("ScannedCount", len(answer.get("Items", [])))
        position = answer.get("LastEvaluatedKey")
        if len(found) > limit:
            more, found = True, found[:limit]
            break
        if position is None:
            break
        if where.filters() and read >= READ_BUDGET:
            more, last_read = True, position
            break
    page = found if forwards else list(reversed(found))
    ends = [_position(entry, where.by_delivery) for entry in page]
    first, last = (ends[0], ends[-1]) if ends else (None, None)
    if last_read is not None:  # the budget ran out: the page ends where reading stopped
        stop = _position(last_read, where.by_delivery)
        first, last = (first, stop) if forwards else (stop, last)
    return EntryPage([plain(entry["summary"]) for entry in page], first, last, more)


def _placed_condition(where: EntryFilter) -> Any:
    # The entries' sort keys are `order#{placed_at}#{order_id}`: `order#{t}` sorts before every entry
    # placed at t or later, and after every entry placed before t.
    low = f"{ENTRY_PREFIX}{where.placed_from}" if where.placed_from else ENTRY_PREFIX
    high = f"{ENTRY_PREFIX}{where.placed_until}" if where.placed_until else f"{ENTRY_PREFIX}~"
    if not (where.placed_from or where.placed_until):
        return OrderEntryItem.sk.startswith(ENTRY_PREFIX)
    return OrderEntryItem.sk.between(low, high)


def _filter_condition(where: EntryFilter) -> Any:
    conditions: list[Condition] = []
    if where.text:  # every word, in any order (orders.search)
        conditions.extend(OrderEntryItem.search.contains(word) for word in where.text.split())
    if where.status_key:
        conditions.append(OrderEntryItem.status_key == where.status_key)
    if where.fulfilment_status:
        # The derived state (orders.search.SHIPPING_FIELD); an entry stored before it, on fulfilment_status.
        shipping = OrderEntryItem.summary["shipping"]
        conditions.append(
            (shipping == where.fulfilment_status)
            | (shipping.does_not_exist() & (OrderEntryItem.summary["fulfilment_status"] == where.fulfilment_status))
        )
    if where.by_delivery and where.placed_from:
        conditions.append(OrderEntryItem.summary["placed_at"] >= where.placed_from)
    if where.by_delivery and where.placed_until:
        conditions.append(OrderEntryItem.summary["placed_at"] < where.placed_until)
    combined = None
    for condition in conditions:
        combined = condition if combined is None else combined & condition
    return combined


def _position(entry: dict[str, Any], by_delivery: bool) -> str:
    """Where a page stops, as the cursor carries it: the sort key, and by delivery the index's key too."""
    sk = entry["sk"]["S"]
    return f"{entry['delivery_sort']['S']}\n{sk}" if by_delivery else sk


def _start_key(pk: str, position: str, by_delivery: bool) -> dict[str, Any]:
    if not by_delivery:
        return {"pk": {"S": pk}, "sk": {"S": position}}
    delivery_sort, _, sk = position.partition("\n")
    return {"pk": {"S": pk}, "sk": {"S": sk}, "delivery_sort": {"S": delivery_sort}}


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
