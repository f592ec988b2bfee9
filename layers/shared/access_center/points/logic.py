"""Reward points (API.md section 12): store systems push ledger entries (earned, spent, expired: a signed
number of points); the balance is the sum of the entries. The customer sees the balance, what it is worth
in the store's currency, what expires within 30 days and the ledger, newest first. A store that has
switched points off has none for its customers (NotFound), while its pushes are still kept.

An entry id is pushed once: the same content again changes nothing (200), different content under it is a
Conflict (409), another email above all. The store pushed it, so no event tells the store of it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from access_center.core import clock, cursor
from access_center.core.errors import Conflict, NotFound
from access_center.core.i18n import N_
from access_center.db.retry import retry_on_conflict
from access_center.points import rules
from access_center.points import storage as db
from access_center.stores.logic import Store, get_store

if TYPE_CHECKING:
    from collections.abc import Iterator

    from access_center.points.models import PointsEntryIn
    from access_center.points.shapes import EntryContent, PointsEntry, PointsExport, PointsSummary, StoredPointsEntry

MAX_PAGE = 100  # points.models.MAX_PAGE: the routes refuse more
MAX_EXPIRING = 50  # what expires soon, shown whole on one page
NOT_HERE = N_("This store has no reward points.")
BUSY = N_("This points entry is being written elsewhere. Send it again.")
OTHER_EMAIL = N_("A points entry's email cannot change: push a correcting entry under a new id.")
OTHER_CONTENT = N_("Another entry is stored under this id: push a change as a new entry under a new id.")


def require_on(store: Store) -> None:
    """NotFound where the store has switched points off: the feature does not exist there."""
    if not store.settings.points_enabled:
        raise NotFound(NOT_HERE)


def _busy() -> Exception:
    return Conflict(BUSY)


def content_of(body: PointsEntryIn) -> EntryContent:
    content: EntryContent = {
        "email": body.email,
        "points": body.points,
        "reason": body.reason,
        "occurred_at": body.occurred_at,
    }
    if body.order_id is not None:
        content["order_id"] = body.order_id
    if body.expires_at is not None:
        content["expires_at"] = body.expires_at
    return content


def _stored(entry_id: str, content: EntryContent) -> StoredPointsEntry:
    return {"entry_id": entry_id, **content}


def put(store_id: str, entry_id: str, body: PointsEntryIn) -> tuple[bool, StoredPointsEntry]:
    """Record the store's entry (True: new). The same content again writes nothing; another email or
    other content under the same id is a Conflict, and writes nothing either."""
    get_store(store_id)  # NotFound for a store that does not exist: no points of nobody's
    content = content_of(body)
    digest = rules.digest(content)

    def attempt() -> tuple[bool, StoredPointsEntry]:
        existing = db.get_entry(store_id, entry_id)
        if existing is not None:
            if existing.email != content["email"]:
                raise Conflict(OTHER_EMAIL)
            if existing.digest != digest:
                raise Conflict(OTHER_CONTENT)
            return False, _stored(entry_id, content)
        db.add_entry(store_id, entry_id, content, digest)  # WriteConflict: pushed meanwhile; read again
        return True, _stored(entry_id, content)

    return retry_on_conflict(attempt, _busy)


def summary(store: Store, email: str, limit: int, after: str | None) -> PointsSummary:
    """The customer's balance, its worth, what expires within 30 days (soonest first) and a page of the
    ledger, newest first. A cursor answers only for its own customer's ledger."""
    require_on(store)
    store_id = store.store_id
    partition = f"points#{db.customer_key(store_id, email)}"
    start = cursor.decode(partition, after) if after else None
    now = clock.now()
    page = db.ledger_page(store_id, email, min(max(limit, 1), MAX_PAGE), start)
    soon = db.expiring(store_id, email, clock.iso(now), clock.iso(now + rules.EXPIRING_SECONDS), MAX_EXPIRING)
    balance = db.balance(store_id, email)
    settings = store.settings
    return {
        "balance": balance,
        "value": rules.value(balance, settings.points_value or 0),
        "currency": settings.points_currency or "",
        "expiring": soon,
        "entries": [db.shown(item) for item in page.items],
        "next_cursor": cursor.encode(partition, page.last) if page.more and page.last else None,
    }


def ledger(store_id: str, email: str) -> Iterator[PointsEntry]:
    """Every entry of the customer's, newest first (the privacy export; a test recomputes the balance)."""
    for item in db.all_ledger(store_id, email):
        yield db.shown(item)


def exported(store_id: str, email: str) -> PointsExport | None:
    """The privacy export's `points` section: the balance and the ledger; None where there is no entry."""
    entries = list(ledger(store_id, email))
    if not entries:
        return None
    return {"balance": db.balance(store_id, email), "entries": entries}
