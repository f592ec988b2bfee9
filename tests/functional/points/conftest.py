"""Reward points' fixtures: a store with points on (a point worth 1 cent of USD... times 5), Ann signed in,
and a helper that pushes an entry through the store-system route."""

from __future__ import annotations

from typing import Any

import pytest

from devtools.emulator.gateway import Reply
from tests.harness.backends import data_items
from tests.harness.bodies import store_settings
from tests.harness.support import Client, Shop

ANN, BOB = "ann@example.com", "bob@example.com"
API = "/store/account/api/points"
POINTS_ON: dict[str, Any] = {"points_enabled": True, "points_value": 5, "points_currency": "USD"}


def entry(
    points: int = 120, email: str = ANN, occurred_at: str = "2026-03-01T10:00:00Z", **extra: Any
) -> dict[str, Any]:
    """Ann earns 120 points on order 1001."""
    return {"email": email, "points": points, "reason": "Order 1001", "order_id": "o1001", "occurred_at": occurred_at,
            **extra}  # fmt: skip


def push(shop: Shop, entry_id: str, body: dict[str, Any] | None = None, store_id: str | None = None) -> Reply:
    return shop.admin.put(f"/admin/stores/{store_id or shop.store_id}/points/{entry_id}", body or entry())


def points_items() -> list[dict[str, Any]]:
    """The Customers table's points items: entries, ledger lines, expiry index, balances."""
    return [
        item
        for item in data_items("CustomersTable")
        if "#points-entry#" in item["pk"]["S"] or item["sk"]["S"].startswith("points")
    ]


@pytest.fixture
def points_store(shop: Shop) -> Shop:
    assert shop.admin.put("/admin/stores/s1", store_settings(**POINTS_ON)).status == 200
    return shop


@pytest.fixture
def ann(points_store: Shop, customer: Client) -> Client:
    points_store.login(customer, ANN)
    return customer
