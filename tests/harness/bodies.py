"""What a store system sends: store settings and orders, for every test tier and the benchmarks."""

from __future__ import annotations

import time
from typing import Any

# One "now" per test run, so the same body built twice is the same body (a re-put writes nothing).
_RUN_STARTED = time.time()


def recent(hours_ago: float = 1.0) -> str:
    """A `placed_at` of a fresh order: an order placed long before it reaches the service is an import,
    which sends no confirmation (notifications.rules.is_history)."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(_RUN_STARTED - hours_ago * 3600))


def store_settings(name: str = "Shop One", domain: str = "shop.example", **extra: Any) -> dict[str, Any]:
    return {"name": name, "from_email": f"orders@{domain}", "support_email": f"help@{domain}", **extra}


def order_line(line_id: str, sku: str, name: str, quantity: int, unit_price: int) -> dict[str, Any]:
    return {"line_id": line_id, "sku": sku, "name": name, "quantity": quantity, "unit_price": unit_price}


def address(name: str, line1: str, city: str, postal_code: str, country_code: str = "US") -> dict[str, str]:
    return {"name": name, "line1": line1, "city": city, "postal_code": postal_code, "country_code": country_code}


def order_body(email: str = "ann@example.com", number: str = "1001", **extra: Any) -> dict[str, Any]:
    """Ann's order of two mugs and a tea, placed an hour ago; `extra` replaces or adds top-level fields."""
    return {
        "number": number,
        "email": email,
        "customer_name": "Ann Example",
        "placed_at": recent(),
        "currency": "EUR",
        "status": "processing",
        "items": [order_line("l1", "MUG-1", "Mug", 2, 1250), order_line("l2", "TEA-9", "Tea", 1, 800)],
        "totals": {"subtotal": 3300, "discount": 0, "shipping": 495, "tax": 627, "total": 4422},
        "shipping_address": address("Ann Example", "1 Main St", "Springfield", "12345"),
        **extra,
    }
