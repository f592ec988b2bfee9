"""Tracking events at the edge (API.md section 6): what a store system (or its carrier-tracking
integration) posts about a parcel, and the event as stored in its fulfilment and answered."""

from typing import Annotated, Literal

from pydantic import Field

from access_center.core.fields import Answer, Strict, Timestamp

TrackingStatus = Literal[
    "info_received",
    "in_transit",
    "out_for_delivery",
    "available_for_pickup",
    "delivered",
    "attempt_failed",
    "exception",
]
Place = Annotated[str, Field(min_length=1, max_length=200)]
Description = Annotated[str, Field(min_length=1, max_length=500)]


class TrackingEventFields(Strict):
    status: TrackingStatus
    occurred_at: Timestamp
    location: Place | None = None
    description: Description | None = None
    estimated_delivery: Timestamp | None = None


class TrackingEventIn(TrackingEventFields):
    pass


class TrackingEvent(TrackingEventFields, Answer):
    """One step of a parcel's journey, as its fulfilment keeps it (newest first)."""
