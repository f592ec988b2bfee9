"""Tracking events at the edge (API.md section 6): what a store system (or its carrier-tracking
integration) posts about a parcel. The event as stored in its fulfilment and answered is part of the
order's shape: orders.parts.TrackingEvent."""

from access_center.orders.parts import TrackingEventFields


class TrackingEventIn(TrackingEventFields):
    pass
