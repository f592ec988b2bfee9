"""The customer's reward points, JSON: GET /store/account/api/points (API.md section 12): the balance (the
sum of the entries), its worth in the store's currency, what expires within 30 days, soonest first, and the
ledger newest first, paged with signed cursors; 404 where the store has points off; nobody else's."""

from __future__ import annotations

from typing import Any

from access_center.core import clock as product_clock
from access_center.points.models import PointsSummary
from tests.functional.points.conftest import ANN, API, BOB, POINTS_ON, entry, push
from tests.harness.bodies import store_settings
from tests.harness.clock import Clock
from tests.harness.models import answer
from tests.harness.support import Client, Shop

DAY = 24 * 3600


def _points(client: Client, query: str = "") -> dict[str, Any]:
    reply = client.get(API + query)
    assert reply.status == 200, reply.body
    return answer(PointsSummary, reply)  # type: ignore[no-any-return]


def _in_days(days: float) -> str:
    return product_clock.iso(product_clock.now() + days * DAY)


def test_no_entries_yet_is_a_zero_balance(ann: Client) -> None:
    assert _points(ann) == {"balance": 0, "value": 0, "currency": "USD", "expiring": [], "entries": [],
                            "next_cursor": None}  # fmt: skip


def test_the_balance_is_the_sum_of_the_entries_and_worth_it_times_the_points_value(
    points_store: Shop, ann: Client
) -> None:
    assert push(points_store, "e1", entry(120)).status == 201
    assert push(points_store, "e2", entry(300, occurred_at="2026-03-05T10:00:00Z", reason="Order 1002",
                                          order_id="o1002")).status == 201  # fmt: skip
    spent = {"email": "ann@example.com", "points": -200, "reason": "Redeemed", "occurred_at": "2026-03-09T10:00:00Z"}
    assert push(points_store, "e3", spent).status == 201
    assert push(points_store, "b1", entry(999, email=BOB)).status == 201
    shown = _points(ann)
    assert (shown["balance"], shown["value"], shown["currency"]) == (220, 1100, "USD")
    assert shown["entries"] == [
        {"entry_id": "e3", "points": -200, "reason": "Redeemed", "occurred_at": "2026-03-09T10:00:00Z"},
        {"entry_id": "e2", "points": 300, "reason": "Order 1002", "order_id": "o1002",
         "occurred_at": "2026-03-05T10:00:00Z"},
        {"entry_id": "e1", "points": 120, "reason": "Order 1001", "order_id": "o1001",
         "occurred_at": "2026-03-01T10:00:00Z"},
    ]  # fmt: skip


def test_expiring_lists_earning_entries_within_30_days_soonest_first(
    points_store: Shop, ann: Client, clock: Clock
) -> None:
    now = product_clock.iso(clock.now)
    for entry_id, days in (("soon", 12), ("sooner", 3), ("later", 31), ("gone", -1)):
        body = entry(100 + len(entry_id), occurred_at=now, expires_at=_in_days(days)) if days > 0 else entry(
            7, occurred_at=_in_days(-10), expires_at=_in_days(days))  # fmt: skip
        assert push(points_store, entry_id, body).status == 201
    negative = entry(-5, occurred_at=now, expires_at=_in_days(2))
    assert push(points_store, "neg", negative).status == 201
    assert _points(ann)["expiring"] == [
        {"points": 106, "expires_at": _in_days(3)},
        {"points": 104, "expires_at": _in_days(12)},
    ]
    clock.advance(20 * DAY)  # "sooner" and "soon" have lapsed; "later" is 11 days away now
    points_store.login(ann, ANN)  # the session has ended meanwhile
    assert _points(ann)["expiring"] == [{"points": 105, "expires_at": _in_days(11)}]


def test_the_ledger_is_newest_first_and_pages_with_a_signed_cursor(points_store: Shop, ann: Client) -> None:
    for day in range(1, 6):
        assert push(points_store, f"e{day}", entry(day, occurred_at=f"2026-03-0{day}T10:00:00Z")).status == 201
    assert push(points_store, "b1", entry(9, email=BOB, occurred_at="2026-03-09T10:00:00Z")).status == 201
    first = _points(ann, "?limit=2")
    assert [e["entry_id"] for e in first["entries"]] == ["e5", "e4"]
    assert first["balance"] == 15  # every page has the whole balance
    second = _points(ann, f"?limit=2&cursor={first['next_cursor']}")
    assert [e["entry_id"] for e in second["entries"]] == ["e3", "e2"]
    last = _points(ann, f"?limit=2&cursor={second['next_cursor']}")
    assert [e["entry_id"] for e in last["entries"]] == ["e1"]
    assert last["next_cursor"] is None


def test_a_cursor_of_another_customers_ledger_a_forged_one_or_a_bad_limit_is_400(
    points_store: Shop, ann: Client, gateway: Any
) -> None:
    for day in range(1, 4):
        assert (
            push(points_store, f"b{day}", entry(day, email=BOB, occurred_at=f"2026-03-0{day}T10:00:00Z")).status == 201
        )
    bob = Client(gateway, host="shop.example")
    points_store.login(bob, BOB)
    bobs = _points(bob, "?limit=1")["next_cursor"]
    assert bobs
    assert ann.get(f"{API}?cursor={bobs}").status == 400
    assert ann.get(f"{API}?cursor=forged.cursor").status == 400
    for limit in ("0", "101", "x", "9" * 5000):
        assert ann.get(f"{API}?limit={limit}").status == 400


def test_another_stores_entries_are_not_this_customers(points_store: Shop, ann: Client) -> None:
    other = Shop.create(points_store.admin, "s2", "other.example")
    other.settings(**POINTS_ON)
    assert push(other, "e1", entry(500)).status == 201
    assert _points(ann)["balance"] == 0


def test_a_store_with_points_off_answers_404_but_still_takes_pushes(points_store: Shop, ann: Client) -> None:
    assert push(points_store, "e1").status == 201
    assert points_store.admin.put("/admin/stores/s1", store_settings(points_enabled=False)).status == 200
    reply = ann.get(API)
    assert reply.status == 404
    assert reply.json()["error"] == "not_found"
    assert push(points_store, "e2", entry(occurred_at="2026-03-02T10:00:00Z")).status == 201


def test_signed_out_is_401(points_store: Shop, customer: Client) -> None:
    assert customer.get(API).status == 401
