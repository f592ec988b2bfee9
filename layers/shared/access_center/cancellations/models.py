"""Cancellation requests at the edge (API.md section 6): what a customer and a store system send, and
the request as stored in its order (`order["cancellation"]`) and answered in the order view.

Beyond the contract's fields, the stored request keeps when it was made and decided, and the store's
message; the customer sees all of it on the order page.
"""

from typing import Annotated, Literal

from pydantic import Field

from access_center.core.fields import Answer, Strict, Timestamp

CancellationStatus = Literal["requested", "approved", "declined"]
Reason = Annotated[str, Field(min_length=1, max_length=1000)]
StoreMessage = Annotated[str, Field(min_length=1, max_length=2000)]


class CancellationIn(Strict):
    """The customer's request: why, optionally (line breaks allowed; it is shown as text, never as a header)."""

    multiline_fields = frozenset({"reason"})
    reason: Reason | None = None


class CancellationDecisionIn(Strict):
    """The store system's answer, with a message for the customer."""

    multiline_fields = frozenset({"message"})
    decision: Literal["approved", "declined"]
    message: StoreMessage | None = None


class Cancellation(Answer):
    """The order's cancellation request: `requested`, then `approved` (the order is cancelled) or `declined`."""

    multiline_fields = frozenset({"reason", "message"})
    status: CancellationStatus
    reason: Reason | None = None
    requested_at: Timestamp
    decided_at: Timestamp | None = None
    message: StoreMessage | None = None


class CancellationRequested(Answer):
    status: Literal["requested"]
