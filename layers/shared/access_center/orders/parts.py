"""What other features keep inside an order, at the edge: its cancellation request (`order["cancellation"]`,
cancellations), its returns (`order["returns"]`, returns) and each parcel's tracking events (a
fulfilment's `events`, tracking). They are part of the order's stored shape and of its view
(orders.models), so they live with the order; each feature builds its requests and answers on them.

Beyond the contract's fields, a stored cancellation request keeps when it was made and decided and the
store's message; a return keeps when it was requested and last changed, the store's message and
return label (`label_url`, https), and each line's name as ordered.
"""

from typing import Annotated, Literal

from pydantic import Field

from access_center.core.fields import Answer, Email, HttpsUrl, Identifier, Quantity, ShortText, Strict, Timestamp

CancellationStatus = Literal["requested", "approved", "declined"]
ReturnStatus = Literal["requested", "approved", "declined", "received", "refunded"]
TrackingStatus = Literal[
    "info_received",
    "in_transit",
    "out_for_delivery",
    "available_for_pickup",
    "delivered",
    "attempt_failed",
    "exception",
]
Reason = Annotated[str, Field(min_length=1, max_length=1000)]  # why a customer asks to cancel
Comment = Annotated[str, Field(min_length=1, max_length=1000)]  # what a customer adds to a return
StoreMessage = Annotated[str, Field(min_length=1, max_length=2000)]
Place = Annotated[str, Field(min_length=1, max_length=200)]
Description = Annotated[str, Field(min_length=1, max_length=500)]
ACTED_BY = "The company member who asked, where it was not the order's buyer."


class Cancellation(Answer):
    """The order's cancellation request: `requested`, then `approved` (the order is cancelled) or `declined`."""

    multiline_fields = frozenset({"reason", "message"})
    status: CancellationStatus
    reason: Reason | None = None
    requested_at: Timestamp
    decided_at: Timestamp | None = None
    message: StoreMessage | None = None
    acted_by: Email | None = Field(default=None, description=ACTED_BY)


class ReturnLine(Answer):
    line_id: Identifier
    name: str
    quantity: Quantity
    reason: ShortText


class StoredReturn(Answer):
    """One return request as its order keeps it (and the order view shows it): `requested`, then
    `approved` or `declined`; approved, then `received`, then `refunded`."""

    multiline_fields = frozenset({"comment", "message"})
    return_id: Identifier
    number: str = Field(description="What the customer quotes: `R-{order number}-{n}`.")
    status: ReturnStatus
    items: list[ReturnLine]
    comment: Comment | None = None
    message: StoreMessage | None = None
    label_url: HttpsUrl | None = None
    requested_at: Timestamp
    updated_at: Timestamp
    acted_by: Email | None = Field(default=None, description=ACTED_BY)


class TrackingEventFields(Strict):
    status: TrackingStatus
    occurred_at: Timestamp
    location: Place | None = None
    description: Description | None = None
    estimated_delivery: Timestamp | None = None


class TrackingEvent(TrackingEventFields, Answer):
    """One step of a parcel's journey, as its fulfilment keeps it (newest first)."""
