"""A parcel's timeline from the events a store system posts. Pure.

- The same event twice (status, time, location, description and estimate all equal) is stored once.
- Events may arrive out of order: the timeline is kept newest first by `occurred_at` (ties: the one
  received later first), and the parcel's `tracking_status` is the newest event's, whatever came last.
- `estimated_delivery` is the newest event's estimate that has one (a later event without an estimate
  keeps the earlier one); a delivered parcel shows none.
- At most MAX_EVENTS per fulfilment: beyond that the oldest go.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from access_center.orders.shapes import Fulfilment, TrackingEvent

MAX_EVENTS = 100


def with_event(fulfilment: Fulfilment, event: TrackingEvent) -> Fulfilment | None:
    """The fulfilment with `event` in its timeline, or None where it is there already."""
    events = list(fulfilment.get("events") or [])
    if event in events:
        return None
    # Newest first; a stable sort keeps a later-received event before an earlier one of the same time.
    events = sorted([event, *events], key=lambda e: e["occurred_at"], reverse=True)[:MAX_EVENTS]
    changed: Fulfilment = {**fulfilment, "events": events, "tracking_status": events[0]["status"]}
    estimate = next((e["estimated_delivery"] for e in events if e.get("estimated_delivery")), None)
    changed.pop("estimated_delivery", None)
    if estimate and events[0]["status"] != "delivered":
        changed["estimated_delivery"] = estimate
    return changed
