"""Cancellation requests at the edge (API.md section 6): what a customer and a store system send, and
the answer to a request. The request as stored in its order (`order["cancellation"]`) and answered in
the order view is part of the order's shape: orders.parts.Cancellation.
"""

from typing import Literal

from access_center.core.fields import Answer, Strict
from access_center.orders.parts import Reason, StoreMessage


class CancellationIn(Strict):
    """The customer's request: why, optionally (line breaks allowed; it is shown as text, never as a header)."""

    multiline_fields = frozenset({"reason"})
    reason: Reason | None = None


class CancellationDecisionIn(Strict):
    """The store system's answer, with a message for the customer."""

    multiline_fields = frozenset({"message"})
    decision: Literal["approved", "declined"]
    message: StoreMessage | None = None


class CancellationRequested(Answer):
    status: Literal["requested"]
