"""The demo customer's reward points (API.md section 12): a point per whole dollar of five delivered demo
orders (devtools.demo.seed.ORDERS), each valid a year, the oldest of them expiring in 12 days, and 100
points redeemed on order 1001. Pushed through the store-system route, as a store's loyalty system would;
the demo store's `points_enabled` (with `points_value` 1 and USD) is switched on in devtools.demo.seed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from devtools.emulator.gateway import Gateway

EARNED_ON = ("demo-978", "demo-988", "demo-992", "demo-999", "demo-1001")
EXPIRING_SOON = "demo-978"  # its year is almost up: the page's "Expiring soon"
REDEEMED = ("demo-1001", 100)


def _iso(moment: datetime) -> str:
    return moment.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def entries(orders: dict[str, dict[str, Any]], email: str, now: datetime) -> list[tuple[str, dict[str, Any]]]:
    """(entry id, body) of each of the demo customer's entries, oldest first."""
    pushed: list[tuple[str, dict[str, Any]]] = []
    for order_id in EARNED_ON:
        order = orders[order_id]
        placed = datetime.fromisoformat(order["placed_at"])
        expires = now + timedelta(days=12) if order_id == EXPIRING_SOON else placed + timedelta(days=365)
        body = {
            "email": email,
            "points": order["totals"]["total"] // 100,
            "reason": f"Order {order['number']}",
            "order_id": order_id,
            "occurred_at": order["placed_at"],
            "expires_at": _iso(expires),
        }
        pushed.append((f"earn-{order_id}", body))
    order_id, points = REDEEMED
    spent_at = _iso(datetime.fromisoformat(orders[order_id]["placed_at"]) + timedelta(minutes=1))
    body = {
        "email": email,
        "points": -points,
        "reason": f"Redeemed on order {orders[order_id]['number']}",
        "order_id": order_id,
        "occurred_at": spent_at,
    }
    pushed.append((f"redeem-{order_id}", body))
    return pushed


def seed_points(gateway: Gateway) -> None:
    from devtools.demo.seed import DEMO_EMAIL, DEMO_STORE, ORDERS, _put  # here: seed.py imports this module

    orders = {order_id: order for order_id, order, _ in ORDERS}
    for entry_id, body in entries(orders, DEMO_EMAIL, datetime.now(UTC)):
        _put(gateway, f"/admin/stores/{DEMO_STORE}/points/{entry_id}", body, ok=(200, 201))
