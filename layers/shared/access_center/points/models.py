"""Reward points at the edge (API.md section 12): the ledger entry a store system pushes, and the answers
(the entry as stored, the customer's balance with what it is worth, what expires soon and the ledger).
The points page has no form: these are its answers', which the JSON route and the page share."""

from typing import Annotated, Self

from pydantic import Field, StrictInt, model_validator

from access_center.core.fields import Answer, Email, Identifier, Strict, Timestamp

MAX_POINTS = 10_000_000  # one entry, either way: a store's typo of a million-fold is refused, not kept
MAX_REASON = 200
MAX_PAGE = 100
DEFAULT_PAGE = 20  # the JSON route's default `limit`, and the page's entries a page

Points = Annotated[
    StrictInt,
    Field(
        ge=-MAX_POINTS,
        le=MAX_POINTS,
        description="Earned (positive) or spent or expired (negative); never 0. At most 10,000,000 either way.",
    ),
]
Reason = Annotated[str, Field(min_length=1, max_length=MAX_REASON)]


class PointsEntryIn(Strict):
    email: Email
    points: Points
    reason: Reason = Field(description='What the customer sees, like "Order 1042" or "Redeemed at checkout".')
    order_id: Identifier | None = Field(default=None, description="The order it came from or was spent on.")
    occurred_at: Timestamp
    expires_at: Timestamp | None = Field(
        default=None,
        description="When earned points lapse (the store pushes a negative entry then); after occurred_at.",
    )

    @model_validator(mode="after")
    def _sensible(self) -> Self:
        if self.points == 0:
            raise ValueError("points must not be 0")
        if self.expires_at is not None and self.expires_at <= self.occurred_at:
            raise ValueError("expires_at must be after occurred_at")  # both in the one UTC form: text order is time's
        return self


class StoredPointsEntry(Answer):
    """A ledger entry as the store system's PUT answers it."""

    entry_id: Identifier
    email: Email
    points: StrictInt
    reason: str
    order_id: str | None = None
    occurred_at: Timestamp
    expires_at: Timestamp | None = None


class PointsEntry(Answer):
    """A ledger entry as its customer sees it."""

    entry_id: Identifier
    points: StrictInt
    reason: str
    order_id: str | None = None
    occurred_at: Timestamp
    expires_at: Timestamp | None = None


class ExpiringPoints(Answer):
    points: StrictInt = Field(description="What this earning entry gave; the store expires it by a negative entry.")
    expires_at: Timestamp


class PointsSummary(Answer):
    balance: StrictInt = Field(description="The sum of every entry.")
    value: StrictInt = Field(description="`balance` x the store's `points_value`, in minor units of `currency`.")
    currency: str = Field(description="The store's `points_currency` (ISO 4217).")
    expiring: list[ExpiringPoints] = Field(
        description="Earning entries whose `expires_at` is within the next 30 days, soonest first (at most 50)."
    )
    entries: list[PointsEntry] = Field(description="The ledger, newest `occurred_at` first.")
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page of entries; null on the last.")
