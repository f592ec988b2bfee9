"""Tracking events: written into their fulfilment through the order's versioned transaction
(orders.changes.change_order), so events posted at once for one order are all kept."""

from __future__ import annotations

from typing import TYPE_CHECKING

from access_center.core.errors import NotFound
from access_center.core.i18n import N_
from access_center.core.observability import count
from access_center.orders import budget
from access_center.orders.changes import OrderChange, change_order
from access_center.tracking import rules

if TYPE_CHECKING:
    from access_center.orders.shapes import Order, OrderView, TrackingEvent


def add_event(store_id: str, order_id: str, fulfilment_id: str, event: TrackingEvent) -> OrderView:
    """The order view with the event in its fulfilment's timeline (the same event again changes nothing)."""

    def decide(order: Order) -> OrderChange[None]:
        fulfilments = list(order.get("fulfilments") or [])
        index = next((i for i, f in enumerate(fulfilments) if f["fulfilment_id"] == fulfilment_id), None)
        if index is None:
            raise NotFound(
                N_("No fulfilment %(fulfilment_id)s in order %(order_id)s."),
                fulfilment_id=repr(fulfilment_id),
                order_id=repr(order_id),
            )
        changed = rules.with_event(fulfilments[index], event)
        if changed is None:
            return OrderChange(None, None)
        fulfilments[index] = changed
        changed_order: Order = {**order, "fulfilments": fulfilments}
        return OrderChange(budget.checked_store(order, changed_order), None)

    done = change_order(store_id, order_id, decide)
    if done.written:
        count("TrackingEventsRecorded")
    return done.view
