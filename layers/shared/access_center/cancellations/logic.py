"""Cancellation requests: a customer asks, the store system decides. The request lives in its order
(`order["cancellation"]`), written through the order's versioned transaction (orders.changes.change_order),
so a fulfilment racing a request is seen: whichever writes second decides again on what the first wrote.

Nothing here emails or publishes: the Orders table's stream does (cancellations.notices, run by
ChangeNoticesFunction), once per state change, so a request that is refused or fails sends nothing and
a retried one nothing twice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from access_center.cancellations import rules
from access_center.companies.rules import Action
from access_center.core import clock
from access_center.core.observability import count
from access_center.orders import budget
from access_center.orders.changes import OrderChange, change_order
from access_center.stores.logic import Store

if TYPE_CHECKING:
    from access_center.orders.acting import Viewer
    from access_center.orders.shapes import Cancellation, Decision, Order, OrderView


def enabled(store: Store) -> bool:
    return store.settings.cancellations_enabled


def request(store: Store, viewer: Viewer, order_id: str, reason: str | None) -> Cancellation:
    """Ask to cancel an order the viewer may cancel (theirs, or as their company role allows): the
    request as it now stands (the open one where it exists)."""
    now = clock.iso(clock.now())

    def decide(order: Order) -> OrderChange[None]:
        acted_by = viewer.email if order["email"] != viewer.email else None  # a colleague's order: who asked
        changed = rules.requested(order, enabled(store), reason, now, acted_by)
        budget.check_customer(order, changed)  # the order's one item stays writable for the store
        return OrderChange(changed, None)

    done = change_order(store.store_id, order_id, decide, by=(viewer, Action.CANCEL))
    if done.written:
        count("CancellationsRequested")
    return done.view["cancellation"].copy()


def decide(store_id: str, order_id: str, decision: Decision, message: str | None) -> OrderView:
    """Record the store's decision on the open request: the order view."""
    now = clock.iso(clock.now())

    def decide_order(order: Order) -> OrderChange[None]:
        return OrderChange(budget.checked_store(order, rules.decided(order, decision, message, now)), None)

    done = change_order(store_id, order_id, decide_order)
    if done.written:
        count("CancellationsApproved" if decision == "approved" else "CancellationsDeclined")
    return done.view
