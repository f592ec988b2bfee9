"""The store system's tracking events (TrackingEventsFunction; store-system API, IAM-signed, scoped to
the caller's store like every store-system route)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from aws_lambda_powertools.event_handler.api_gateway import Response, Router

from access_center.tracking import logic
from access_center.tracking.models import TrackingEventIn
from access_center.web import apidoc
from access_center.web.requests import JSON, FulfilmentId, OrderId, StoreId, json_response

if TYPE_CHECKING:
    from access_center.orders.shapes import TrackingEvent

router = Router()


@router.post(
    "/admin/stores/<store_id>/orders/<order_id>/fulfilments/<fulfilment_id>/events",
    summary="Add a tracking event to a parcel's timeline",
    description=(
        "The fulfilment's `events` stay newest first by `occurred_at` (events may arrive out of order), its "
        "`tracking_status` is the newest event's and `estimated_delivery` the newest estimate; at most 100 "
        "events, the oldest go. The same event twice is stored once."
    ),
    responses=apidoc.store_system(
        {200: apidoc.json_body("OrderView", "The order with the event.")},
        {
            400: None,
            404: "No such order or fulfilment at this store.",
            409: "The order would grow past its size budget, or is being changed by another request (send it again).",
        },
    ),
)
def add_tracking_event(
    store_id: StoreId, order_id: OrderId, fulfilment_id: FulfilmentId, body: TrackingEventIn
) -> Response[JSON]:
    return json_response(200, logic.add_event(store_id, order_id, fulfilment_id, cast("TrackingEvent", body.stored())))
