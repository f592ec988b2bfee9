"""Return requests: a customer asks to return shipped lines, the store system moves the return on.
Each return lives in its order (`order["returns"]`), written through the order's versioned transaction
(orders.changes.change_order) with its index item in the Returns table, so two requests at once can never
hold more than shipped: the second re-reads and decides on what the first wrote.

Nothing here emails or publishes: the Orders table's stream does (returns.notices), once per change."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from access_center.companies.rules import Action
from access_center.core import clock, cursor
from access_center.core.errors import NotFound
from access_center.core.i18n import N_
from access_center.core.observability import count
from access_center.orders import budget
from access_center.orders import logic as orders
from access_center.orders.changes import OrderChange, change_order
from access_center.returns import rules
from access_center.returns import storage as db
from access_center.returns.items import ReturnItem
from access_center.stores.logic import Store

if TYPE_CHECKING:
    from access_center.orders.acting import Viewer
    from access_center.orders.shapes import Order, ReturnStatus, StoredReturn
    from access_center.returns.shapes import RequestedLine, Return

MAX_PAGE = 100


def answered(order_id: str, order_number: str, stored: StoredReturn) -> Return:
    """A return as the routes answer it: the stored return plus its order."""
    return {**stored, "order_id": order_id, "order_number": order_number}


def request(store: Store, viewer: Viewer, order_id: str, lines: list[RequestedLine], comment: str | None) -> Return:
    """A new return of an order the viewer may return (theirs, or as their company role allows), or the
    open one this request repeats."""
    now = clock.iso(clock.now())
    return_id = "ret_" + secrets.token_hex(8)  # store-wide, unguessable: the store system addresses it alone

    def decide(order: Order) -> OrderChange[StoredReturn]:
        acted_by = viewer.email if order["email"] != viewer.email else None  # a colleague's order: who asked
        changed, request_made = rules.requested(order, store.settings, return_id, lines, comment, now, acted_by)
        budget.check_customer(order, changed)  # the order's one item stays writable for the store
        writes = _changed_index(store.store_id, order_id, return_id, changed) if changed is not None else []
        return OrderChange(changed, request_made, writes)

    done = change_order(store.store_id, order_id, decide, by=(viewer, Action.RETURN))
    if done.written:
        count("ReturnsRequested")
    return answered(order_id, done.view["number"], done.answer)


def _changed_index(store_id: str, order_id: str, return_id: str, order: Order) -> list[ReturnItem]:
    """Only the index item of the return that changed (the others stand as they were written)."""
    return [
        db.index_item(store_id, order_id, answered(order_id, order["number"], r))
        for r in order["returns"]
        if r["return_id"] == return_id
    ]


def for_customer(viewer: Viewer, order_id: str) -> dict[str, list[Return]]:
    order = orders.get_for_customer(viewer, order_id)
    return {"returns": [answered(order_id, order["number"], r) for r in reversed(order.get("returns") or [])]}


def update(store_id: str, return_id: str, status: ReturnStatus, message: str | None, label_url: str | None) -> Return:
    order_id = db.order_of(store_id, return_id)
    if order_id is None:
        raise NotFound(
            N_("No return %(return_id)s at store %(store_id)s."), return_id=repr(return_id), store_id=repr(store_id)
        )
    now = clock.iso(clock.now())

    def decide(order: Order) -> OrderChange[None]:
        changed = budget.checked_store(order, rules.updated(order, return_id, status, message, label_url, now))
        writes = _changed_index(store_id, order_id, return_id, changed) if changed is not None else []
        return OrderChange(changed, None, writes)

    done = change_order(store_id, order_id, decide)
    if done.written:
        count(f"Returns{status.title()}")
    found = next(r for r in done.view["returns"] if r["return_id"] == return_id)
    return answered(order_id, done.view["number"], found)


def _partition(store_id: str, status: str | None) -> str:
    return f"returns#{store_id}#{status or '*'}"


def list_for_store(store_id: str, status: str | None, limit: int, after: str | None) -> dict[str, Any]:
    """The store's returns (in one state, or all), newest first; the cursor is bound to the store and filter."""
    partition = _partition(store_id, status)
    start = cursor.decode(partition, after) if after else None
    found = db.page(store_id, status, min(max(limit, 1), MAX_PAGE), start)
    return {
        "returns": found.returns,
        "next_cursor": cursor.encode(partition, found.last) if found.more and found.last else None,
    }
