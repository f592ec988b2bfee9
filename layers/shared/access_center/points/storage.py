"""Reward points in the Customers table (points.items). A new entry is one transaction: the entry (on
condition that it does not exist), its ledger line, its place in the expiry index, and an ADD to the
customer's balance. So ten pushes of different entries at once all count, and one entry pushed ten times
counts once (nine transactions fail their condition and change nothing): the balance is never read,
changed and written back. Every read is a key lookup or a Query under the customer's key."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from access_center.core import clock
from access_center.db.pages import Page, newest_first
from access_center.db.transactions import transaction
from access_center.points.items import (
    BALANCE_SK,
    ENTRY_SK,
    EXPIRY_PREFIX,
    LEDGER_PREFIX,
    PointsBalanceItem,
    PointsEntryItem,
    PointsExpiryItem,
    PointsLedgerItem,
)
from access_center.points.rules import counts_as_expiring

if TYPE_CHECKING:
    from access_center.points.shapes import EntryContent, ExpiringPoints, PointsEntry


def entry_key(store_id: str, entry_id: str) -> str:
    return f"{store_id}#points-entry#{entry_id}"


def customer_key(store_id: str, email: str) -> str:
    return f"{store_id}#{email}"


def ledger_sk(occurred_at: str, entry_id: str) -> str:
    return f"{LEDGER_PREFIX}{occurred_at}#{entry_id}"


def expiry_sk(expires_at: str, entry_id: str) -> str:
    return f"{EXPIRY_PREFIX}{expires_at}#{entry_id}"


def get_entry(store_id: str, entry_id: str) -> PointsEntryItem | None:
    try:
        return PointsEntryItem.get(entry_key(store_id, entry_id), ENTRY_SK, consistent_read=True)
    except PointsEntryItem.DoesNotExist:
        return None


def add_entry(store_id: str, entry_id: str, content: EntryContent, digest: str) -> None:
    """Write a new entry, its ledger line, its expiry index item (earning entries with an end) and its
    share of the balance, at once. WriteConflict when the entry exists already (nothing is written)."""
    email, points = content["email"], content["points"]
    order_id, expires_at = content.get("order_id"), content.get("expires_at")
    customer = customer_key(store_id, email)
    reason, occurred_at = content["reason"], content["occurred_at"]
    entry = PointsEntryItem(
        entry_key(store_id, entry_id),
        ENTRY_SK,
        entry_id=entry_id,
        email=email,
        points=points,
        reason=reason,
        order_id=order_id,
        occurred_at=occurred_at,
        expires_at=expires_at,
        digest=digest,
        created_at=clock.now(),
    )
    ledger = PointsLedgerItem(
        customer,
        ledger_sk(occurred_at, entry_id),
        entry_id=entry_id,
        points=points,
        reason=reason,
        order_id=order_id,
        occurred_at=occurred_at,
        expires_at=expires_at,
    )
    balance = PointsBalanceItem(customer, BALANCE_SK)
    with transaction() as tx:
        tx.save(entry, condition=PointsEntryItem.pk.does_not_exist())
        tx.save(ledger)
        if expires_at is not None and counts_as_expiring(points, expires_at):
            tx.save(
                PointsExpiryItem(
                    customer, expiry_sk(expires_at, entry_id), entry_id=entry_id, points=points, expires_at=expires_at
                )
            )
        tx.update(balance, actions=[PointsBalanceItem.balance.add(points), PointsBalanceItem.entry_count.add(1)])


def balance(store_id: str, email: str) -> int:
    """The customer's balance (0 before their first entry)."""
    try:
        item = PointsBalanceItem.get(customer_key(store_id, email), BALANCE_SK, consistent_read=True)
    except PointsBalanceItem.DoesNotExist:
        return 0
    return int(item.balance or 0)


def shown(item: PointsLedgerItem) -> PointsEntry:
    entry: PointsEntry = {
        "entry_id": str(item.entry_id),
        "points": int(item.points),
        "reason": str(item.reason),
        "occurred_at": str(item.occurred_at),
    }
    if item.order_id is not None:
        entry["order_id"] = str(item.order_id)
    if item.expires_at is not None:
        entry["expires_at"] = str(item.expires_at)
    return entry


def ledger_page(store_id: str, email: str, limit: int, after: str | None) -> Page[PointsLedgerItem]:
    """The customer's ledger, newest first, older than `after` (a sort key): one Query."""
    return newest_first(PointsLedgerItem, customer_key(store_id, email), LEDGER_PREFIX, limit, after)


def expiring(store_id: str, email: str, start: str, end: str, limit: int) -> list[ExpiringPoints]:
    """Earning entries whose expires_at is in [start, end], soonest first: one Query on the expiry index."""
    found = PointsExpiryItem.query(
        customer_key(store_id, email),
        # "$" sorts after "#": every entry id at `end` falls inside.
        PointsExpiryItem.sk.between(f"{EXPIRY_PREFIX}{start}", f"{EXPIRY_PREFIX}{end}$"),
        limit=limit,
        consistent_read=True,
    )
    return [{"points": int(item.points), "expires_at": str(item.expires_at)} for item in found]


def all_ledger(store_id: str, email: str) -> Iterator[PointsLedgerItem]:
    """Every ledger line of the customer's, newest first, page by page (the privacy export)."""
    yield from PointsLedgerItem.query(
        customer_key(store_id, email), PointsLedgerItem.sk.startswith(LEDGER_PREFIX), scan_index_forward=False
    )
