"""The demo customer's quotes (API.md section 12): "Q-1001", an open configuration valid 30 days from
now (the hand grinder configured, "Burr: Steel" and "Colour: Black", with two bags of beans), and "Q-0987",
a quote that expired last week, so the Quotes page shows both states and the open one can be accepted
(the demo store's cart link) or declined. Pushed through the store-system route, as a store would; the
demo store's `quotes_enabled` is switched on in devtools.demo.seed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from devtools.emulator.gateway import Gateway

OPEN_QUOTE, EXPIRED_QUOTE = "quote-1001", "quote-0987"


def _in_days(days: float) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _line(line_id: str, sku: str, name: str, quantity: int, unit_price: int, **options: str) -> dict[str, Any]:
    chosen = [{"name": option, "value": value} for option, value in options.items()]
    return {
        "line_id": line_id,
        "sku": sku,
        "name": name,
        "quantity": quantity,
        "unit_price": unit_price,
        "options": chosen,
    }


def _totals(lines: list[dict[str, Any]], discount: int = 0) -> dict[str, int]:
    subtotal = sum(line["quantity"] * line["unit_price"] for line in lines)
    tax = (subtotal - discount) * 8 // 100
    return {"subtotal": subtotal, "discount": discount, "shipping": 0, "tax": tax, "total": subtotal - discount + tax}


def seed_quotes(gateway: Gateway) -> None:
    from devtools.demo.seed import DEMO_EMAIL, DEMO_STORE, _put  # here: seed.py imports this module

    quoted = [_line("l1", "MUG-STONE", "Stoneware Mug, 350 ml", 12, 1500)]
    _put(
        gateway,
        f"/admin/stores/{DEMO_STORE}/quotes/{EXPIRED_QUOTE}",
        {
            "number": "Q-0987",
            "email": DEMO_EMAIL,
            "kind": "quote",
            "valid_until": _in_days(-7),
            "currency": "USD",
            "lines": quoted,
            "totals": _totals(quoted),
        },
    )
    configured = [
        _line("l1", "GRN-HAND", "Hand Grinder, Steel Burr", 1, 6500, Burr="Steel", Colour="Black"),
        _line("l2", "BEAN-ETH-250", "Ethiopia Yirgacheffe, 250 g", 2, 1600),
    ]
    _put(
        gateway,
        f"/admin/stores/{DEMO_STORE}/quotes/{OPEN_QUOTE}",
        {
            "number": "Q-1001",
            "email": DEMO_EMAIL,
            "kind": "configuration",
            "valid_until": _in_days(30),
            "currency": "USD",
            "lines": configured,
            "totals": _totals(configured, discount=500),
        },
    )
