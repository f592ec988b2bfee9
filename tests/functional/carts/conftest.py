"""Saved carts' fixtures: a store with saved carts on and a cart link, a catalog of four products (one out
of stock without backorder, one no longer sold), and Ann signed in."""

from __future__ import annotations

from typing import Any

import pytest

from devtools.emulator.gateway import Reply
from tests.harness.bodies import store_settings
from tests.harness.catalog import put_product
from tests.harness.support import Client, Shop

ANN, BOB = "ann@example.com", "bob@example.com"
CART_URL = "https://shop.example/cart/{items}"
API = "/store/account/api/carts"


def cart_body(email: str = ANN, saved_at: str = "2026-03-01T10:00:00Z", **extra: Any) -> dict[str, Any]:
    """Ann's cart: two mugs, a tea (out of stock, no backorder) and a scale (no longer sold)."""
    return {
        "email": email,
        "name": "Weekend order",
        "items": [{"sku": "MUG-1", "quantity": 2}, {"sku": "TEA-9", "quantity": 1}, {"sku": "SCL-1", "quantity": 1}],
        "saved_at": saved_at,
        **extra,
    }


def push(shop: Shop, cart_id: str, body: dict[str, Any] | None = None, store_id: str | None = None) -> Reply:
    return shop.admin.put(f"/admin/stores/{store_id or shop.store_id}/carts/{cart_id}", body or cart_body())


@pytest.fixture
def ann(shop: Shop, customer: Client) -> Client:
    assert (
        shop.admin.put("/admin/stores/s1", store_settings(saved_carts_enabled=True, cart_url_template=CART_URL)).status
        == 200
    )
    assert put_product(shop.admin, "s1", "MUG-1", unit_price=1400).status == 200
    assert put_product(shop.admin, "s1", "TEA-9", name="Tea", unit_price=800, in_stock=False).status == 200
    assert put_product(shop.admin, "s1", "SCL-1", name="Scale", unit_price=3900, available=False).status == 200
    assert put_product(shop.admin, "s1", "BEAN-1", name="Beans", unit_price=1750, in_stock=False,
                       allow_backorder=True).status == 200  # fmt: skip
    shop.login(customer, ANN)
    return customer
