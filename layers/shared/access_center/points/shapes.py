"""Reward points as TypedDicts (points.logic builds them): the answers of points.models. Typing only:
product modules import this under `if TYPE_CHECKING:`; tests/unit/test_points_shapes.py keeps each
answer's keys its model's fields."""

from typing import NotRequired, TypedDict


class EntryContent(TypedDict):
    """What a store pushed under an entry id, as stored (its digest tells a re-push from a change)."""

    email: str
    points: int
    reason: str
    order_id: NotRequired[str]
    occurred_at: str
    expires_at: NotRequired[str]


class StoredPointsEntry(TypedDict):
    """points.models.StoredPointsEntry."""

    entry_id: str
    email: str
    points: int
    reason: str
    order_id: NotRequired[str]
    occurred_at: str
    expires_at: NotRequired[str]


class PointsEntry(TypedDict):
    """points.models.PointsEntry."""

    entry_id: str
    points: int
    reason: str
    order_id: NotRequired[str]
    occurred_at: str
    expires_at: NotRequired[str]


class ExpiringPoints(TypedDict):
    """points.models.ExpiringPoints."""

    points: int
    expires_at: str


class PointsSummary(TypedDict):
    """points.models.PointsSummary."""

    balance: int
    value: int
    currency: str
    expiring: list[ExpiringPoints]
    entries: list[PointsEntry]
    next_cursor: str | None


class PointsExport(TypedDict):
    """The privacy export's `points` section: the balance and every entry, newest first."""

    balance: int
    entries: list[PointsEntry]
