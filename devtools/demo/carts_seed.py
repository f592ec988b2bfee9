"""The demo customer's saved cart (API.md section 12): "Weekend order", three products of the demo
catalog (devtools.demo.seed.PRODUCTS), one of them the hand grinder, out of stock without backorder, so
the Saved carts page shows a line that restoring leaves out. Pushed through the store-system route, as a
store would; the demo store's `saved_carts_enabled` is switched on in devtools.demo.seed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from devtools.emulator.gateway import Gateway

CART_ID = "cart-weekend"
LINES = (("BEAN-ETH-250", 2), ("MUG-STONE", 2), ("GRN-HAND", 1))


def seed_carts(gateway: Gateway) -> None:
    from devtools.demo.seed import DEMO_EMAIL, DEMO_STORE, _put  # here: seed.py imports this module

    saved_at = (datetime.now(UTC) - timedelta(days=2)).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    body = {
        "email": DEMO_EMAIL,
        "name": "Weekend order",
        "items": [{"sku": sku, "quantity": quantity} for sku, quantity in LINES],
        "saved_at": saved_at,
    }
    _put(gateway, f"/admin/stores/{DEMO_STORE}/carts/{CART_ID}", body, ok=(200, 201))
