"""Store systems push reward points entries: PUT /admin/stores/{store_id}/points/{entry_id} (API.md
section 12): 201 new, 200 the same again (changing nothing), 409 different content or another email, 404
an unknown store, and what is not an entry (huge numbers, calendar extremes, 0 points) a 4xx that writes
nothing. No event: the store pushed it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from access_center.points.models import StoredPointsEntry
from tests.functional.points.conftest import ANN, BOB, entry, points_items, push
from tests.harness.catalog import published
from tests.harness.models import answer
from tests.harness.support import Shop


def _keys() -> list[str]:
    return sorted(f"{item['pk']['S']} {item['sk']['S']}" for item in points_items())


def test_a_new_entry_is_201_and_the_same_again_is_200_and_writes_nothing(shop: Shop) -> None:
    first = push(shop, "e1", entry(expires_at="2027-03-01T10:00:00Z"))
    assert first.status == 201, first.body
    assert answer(StoredPointsEntry, first) == {"entry_id": "e1", **entry(expires_at="2027-03-01T10:00:00Z")}
    assert _keys() == [
        f"s1#{ANN} points",
        f"s1#{ANN} points#2026-03-01T10:00:00Z#e1",
        f"s1#{ANN} points-expiry#2027-03-01T10:00:00Z#e1",
        "s1#points-entry#e1 entry",
    ]
    stored = points_items()
    again = push(shop, "e1", entry(expires_at="2027-03-01T10:00:00+00:00", email=" Ann@Example.com"))
    assert again.status == 200, again.body
    assert answer(StoredPointsEntry, again) == answer(StoredPointsEntry, first)
    assert points_items() == stored  # the balance counted it once
    assert published() == []  # the store knows what it pushed


def test_an_entry_is_taken_while_the_store_shows_no_points(shop: Shop) -> None:
    assert push(shop, "e1").status == 201


def test_a_spending_entry_has_no_expiry_index_item(shop: Shop) -> None:
    assert push(shop, "e1", entry(-50, reason="Redeemed", expires_at="2027-01-01T00:00:00Z")).status == 201
    assert not [k for k in _keys() if "points-expiry#" in k]


@pytest.mark.parametrize(
    "change",
    [{"points": 121}, {"reason": "Order 1002"}, {"order_id": None}, {"occurred_at": "2026-03-02T10:00:00Z"},
     {"expires_at": "2027-01-01T00:00:00Z"}],
    ids=lambda change: next(iter(change)),
)  # fmt: skip
def test_other_content_under_an_existing_id_is_409_and_writes_nothing(shop: Shop, change: dict[str, Any]) -> None:
    assert push(shop, "e1").status == 201
    before = points_items()
    body = {k: v for k, v in {**entry(), **change}.items() if v is not None}
    reply = push(shop, "e1", body)
    assert reply.status == 409, reply.body
    assert reply.json()["error"] == "conflict"
    assert points_items() == before


def test_another_email_under_an_existing_id_is_409_and_writes_nothing(shop: Shop) -> None:
    assert push(shop, "e1").status == 201
    before = points_items()
    reply = push(shop, "e1", entry(email=BOB))
    assert reply.status == 409
    assert "email cannot change" in reply.json()["message"]
    assert points_items() == before


def test_an_unknown_store_is_404_and_writes_nothing(shop: Shop) -> None:
    reply = push(shop, "e1", store_id="nope")
    assert reply.status == 404
    assert points_items() == []


def test_the_largest_entries_either_way_are_taken(shop: Shop) -> None:
    assert push(shop, "e1", entry(10_000_000)).status == 201
    assert push(shop, "e2", entry(-10_000_000, reason="x" * 200)).status == 201


BAD: dict[str, dict[str, Any]] = {
    "zero points": entry(0),
    "past ten million": entry(10_000_001),
    "below minus ten million": entry(-10_000_001),
    "points as text": entry("5"),  # type: ignore[arg-type]
    "points as float": entry(5.0),  # type: ignore[arg-type]
    "points as bool": entry(True),
    "a reason too long": entry(reason="x" * 201),
    "an empty reason": entry(reason=""),
    "a reason on two lines": entry(reason="two\nlines"),
    "no reason": {k: v for k, v in entry().items() if k != "reason"},
    "no occurred_at": {k: v for k, v in entry().items() if k != "occurred_at"},
    "a bad occurred_at": entry(occurred_at="yesterday"),
    "year 10000 in UTC": entry(occurred_at="9999-12-31T23:59:59-23:59"),
    "year 0": entry(occurred_at="0000-01-01T00:00:00Z"),
    "before the year 1000 in UTC": entry(occurred_at="0001-01-01T00:00:00+01:00"),
    "expiring before it occurred": entry(expires_at="2026-02-01T00:00:00Z"),
    "expiring as it occurred": entry(expires_at="2026-03-01T10:00:00Z"),
    "a bad expires_at": entry(expires_at="9999-12-31T23:59:59-23:59"),
    "a bad order id": entry(order_id="a b"),
    "an email that is not one": entry(email="ann"),
    "an unknown field": entry(balance=5),
}


@pytest.mark.parametrize("body", BAD.values(), ids=BAD.keys())
def test_what_is_not_an_entry_is_a_4xx_in_the_contracts_shape_and_writes_nothing(shop: Shop, body: Any) -> None:
    reply = push(shop, "e1", body)
    assert reply.status in (400, 422), reply.body
    assert reply.json()["error"] in ("bad_request", "unprocessable")
    assert points_items() == []


@pytest.mark.parametrize(
    "raw",
    ['{"points": ' + "9" * 5000 + "}", json.dumps(entry()).replace("120", "9" * 5000), "[" * 1000, "{", "null"],
    ids=["5000-digit number", "5000-digit points", "nested 1000 deep", "not JSON", "null"],
)
def test_hostile_json_is_a_4xx_and_writes_nothing(shop: Shop, raw: str) -> None:
    reply = shop.admin.request("PUT", "/admin/stores/s1/points/e1", raw=raw)
    assert 400 <= reply.status < 500, reply.body
    assert points_items() == []


def test_a_bad_entry_id_is_a_4xx(shop: Shop) -> None:
    assert 400 <= shop.admin.put("/admin/stores/s1/points/a%20b", entry()).status < 500
    assert points_items() == []
