"""Tracking events: written into their fulfilment through the order's versioned transaction
(orders.logic.change_order), so events posted at once for one order are all kept."""

from __future__ import annotations

from typing import Any

from access_center.core.errors import NotFound
from access_center.core.observability import count
from access_center.orders import budget
from access_center.orders import logic as orders
from access_center.tracking import rules


def add_event(store_id: str, order_id: str, fulfilment_id: str, event: dict[str, Any]) -> dict[str, Any]:
    """The order view with the event in its fulfilment's timeline (the same event again changes nothing)."""

    def change(order: dict[str, Any]) -> dict[str, Any] | None:
        fulfilments = list(order.get("fulfilments") or [])
        index = next((i for i, f in enumerate(fulfilments) if f["fulfilment_id"] == fulfilment_id), None)
        if index is None:
            raise NotFound(f"No fulfilment {fulfilment_id!r} in order {order_id!r}.")
        changed = rules.with_event(fulfilments[index], event)
        if changed is None:
            return None
        fulfilments[index] = changed
        return budget.checked_store(order, {**order, "fulfilments": fulfilments})

    written, view = orders.change_order(store_id, order_id, change)
    if written:
        count("TrackingEventsRecorded")
    return view
