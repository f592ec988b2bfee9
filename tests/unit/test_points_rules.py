"""Reward points' pure rules (points.rules) and the edge's entry model (points.models): the digest that
tells a re-push from a change, which entries count as expiring, what a balance is worth, and what an
entry may be."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from access_center.points import rules
from access_center.points.models import MAX_POINTS, PointsEntryIn
from access_center.points.shapes import EntryContent

BASE: EntryContent = {"email": "ann@example.com", "points": 120, "reason": "Order 1001",
                      "occurred_at": "2026-03-01T10:00:00Z"}  # fmt: skip


def test_the_digest_ignores_the_order_of_fields() -> None:
    shuffled: Any = dict(reversed(list(BASE.items())))
    assert rules.digest(shuffled) == rules.digest(BASE)


@pytest.mark.parametrize(
    "change",
    [{"points": 121}, {"points": -120}, {"reason": "Order 1002"}, {"order_id": "o1"}, {"expires_at": "2027-01-01T00:00:00Z"},
     {"occurred_at": "2026-03-01T10:00:01Z"}, {"email": "bob@example.com"}],
    ids=lambda change: next(iter(change)),
)  # fmt: skip
def test_any_change_of_content_changes_the_digest(change: dict[str, Any]) -> None:
    assert rules.digest({**BASE, **change}) != rules.digest(BASE)  # type: ignore[typeddict-item]


@given(st.text(max_size=50), st.text(max_size=50))
def test_two_reasons_share_a_digest_only_when_equal(first: str, second: str) -> None:
    same = rules.digest({**BASE, "reason": first}) == rules.digest({**BASE, "reason": second})
    assert same == (first == second)


def test_the_same_push_in_other_forms_has_the_same_digest() -> None:
    def content(**raw: Any) -> EntryContent:
        body = PointsEntryIn.model_validate({"email": "ann@example.com", "points": 5, "reason": "r", **raw})
        return {"email": body.email, "points": body.points, "reason": body.reason, "occurred_at": body.occurred_at}

    assert rules.digest(content(occurred_at="2026-03-01T12:00:00+02:00", email=" Ann@Example.COM")) == rules.digest(
        content(occurred_at="2026-03-01T10:00:00Z")
    )


@pytest.mark.parametrize(
    ("points", "expires_at", "expiring"),
    [(10, "2027-01-01T00:00:00Z", True), (10, None, False), (-10, "2027-01-01T00:00:00Z", False)],
)
def test_only_earning_entries_with_an_end_can_expire(points: int, expires_at: str | None, expiring: bool) -> None:
    assert rules.counts_as_expiring(points, expires_at) is expiring


@given(st.integers(-(10**12), 10**12), st.integers(1, 1_000_000))
def test_the_value_is_the_balance_times_the_points_value(balance: int, points_value: int) -> None:
    assert rules.value(balance, points_value) == balance * points_value


@given(st.integers(-MAX_POINTS, MAX_POINTS).filter(bool))
def test_any_non_zero_points_within_the_bound_make_an_entry(points: int) -> None:
    body = PointsEntryIn.model_validate(
        {"email": "a@example.com", "points": points, "reason": "r", "occurred_at": "2026-03-01T10:00:00Z"}
    )
    assert body.points == points


@pytest.mark.parametrize("points", [0, MAX_POINTS + 1, -MAX_POINTS - 1, 10**40])
def test_zero_or_out_of_bound_points_are_refused(points: int) -> None:
    with pytest.raises(ValidationError):
        PointsEntryIn.model_validate(
            {"email": "a@example.com", "points": points, "reason": "r", "occurred_at": "2026-03-01T10:00:00Z"}
        )


def test_an_expiry_is_compared_in_utc() -> None:
    """12:00+02:00 is 10:00Z: an expiry at 11:00Z is after it, though "11:00" < "12:00" as written."""
    body = PointsEntryIn.model_validate({"email": "a@example.com", "points": 1, "reason": "r",
                                         "occurred_at": "2026-03-01T12:00:00+02:00",
                                         "expires_at": "2026-03-01T11:00:00Z"})  # fmt: skip
    assert body.expires_at == "2026-03-01T11:00:00Z"
