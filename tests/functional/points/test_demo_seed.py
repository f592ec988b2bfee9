"""The demo customer's points (devtools/demo/points_seed.py), pushed through the store route: five earning
entries and one redemption, one earning entry expiring in 12 days, and pushed again it changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from access_center.points import logic
from access_center.stores.logic import get_store
from devtools.demo.points_seed import entries, seed_points
from devtools.demo.seed import DEMO_EMAIL, DEMO_STORE, ORDERS
from tests.functional.points.conftest import POINTS_ON, points_items
from tests.harness.support import Client, Shop


def test_the_demo_customer_has_six_entries_one_redeemed_and_one_expiring_soon(admin: Client, gateway: Any) -> None:
    Shop.create(admin, DEMO_STORE, "demo.example", **POINTS_ON)
    seed_points(gateway)
    shown = logic.summary(get_store(DEMO_STORE), DEMO_EMAIL, 100, None)
    assert len(shown["entries"]) == 6
    assert [e["points"] < 0 for e in shown["entries"]].count(True) == 1
    assert len(shown["expiring"]) == 1
    assert shown["balance"] == sum(e["points"] for e in shown["entries"]) > 0


def test_the_same_entries_pushed_again_change_nothing(admin: Client) -> None:
    Shop.create(admin, DEMO_STORE, "demo.example", **POINTS_ON)
    pushed = entries({order_id: order for order_id, order, _ in ORDERS}, DEMO_EMAIL, datetime.now(UTC))
    assert [admin.put(f"/admin/stores/{DEMO_STORE}/points/{i}", body).status for i, body in pushed] == [201] * 6
    before = points_items()
    assert [admin.put(f"/admin/stores/{DEMO_STORE}/points/{i}", body).status for i, body in pushed] == [200] * 6
    assert points_items() == before
