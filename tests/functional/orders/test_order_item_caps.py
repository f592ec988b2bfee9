"""An order's one item stays writable whatever customers and store systems do (orders.budget): one order
is driven to every cap (fulfilments, tracking events per parcel, returns by the customer's size limit,
then the store's own size limit), each refusal a clear 4xx that writes nothing, never a 500; and then
the store can still push the order, approve a return and post a tracking event.

Before the budget, an order with 100 lines of 500-character names took 6 returns: the 7th was a 500
(DynamoDB's 400 KB item limit), and so was every write of the store's on that order after it."""

from __future__ import annotations

from typing import Any

import pytest

from access_center.orders import budget
from tests.harness.bodies import order_body, order_line
from tests.harness.support import Client, Shop

LINES = 100
LONG_ID = "line-" + "0" * 118  # 123 characters of the 128 a line id may have
NAME = "Hand-thrown stoneware mug, speckled glaze, " * 12
ORDER = "/store/account/api/orders/big"
ADMIN = "/admin/stores/s1/orders/big"


def _line_id(i: int) -> str:
    return f"{LONG_ID}{i:03}"


def _big_order(**extra: Any) -> dict[str, Any]:
    """100 lines of 300-character names and long line ids: about 50 KB, under the 64 KiB body limit."""
    lines = [order_line(_line_id(i), f"SKU-{i:03}", NAME[:300], 1000, 100) for i in range(LINES)]
    total = LINES * 1000 * 100
    return order_body(items=lines, totals={"subtotal": total, "total": total}, **extra)


def _event(n: int, description: str = "Scanned") -> dict[str, Any]:
    minutes = f"{n // 60 % 24:02}:{n % 60:02}"
    day = f"{1 + n // 1440:02}"
    return {"status": "in_transit", "occurred_at": f"2026-11-{day}T{minutes}:00Z", "description": description}


def _stored_bytes() -> int:
    from access_center.orders.logic import get_for_store

    order = get_for_store("s1", "big")
    order.pop("listed_for")
    return budget.item_bytes(order)


@pytest.fixture
def ann(shop: Shop, customer: Client) -> Client:
    shop.settings(returns_enabled=True)
    assert shop.put_order("big", _big_order()).status == 201
    shop.login(customer, "ann@example.com")
    return customer


@pytest.mark.slow("about a hundred writes of a 400 KB item, which moto copies on every call")
def test_an_order_driven_to_every_cap_stays_writable_for_its_store(shop: Shop, ann: Client) -> None:
    # Fulfilments (at most 100) and events per parcel (at most 100, the oldest go) have count caps of their
    # own (test_fulfilments, test_tracking_events); here the first parcel ships 20 of every line.
    twenty_each = [{"line_id": _line_id(i), "quantity": 20} for i in range(LINES)]
    assert shop.fulfil("big", "f000", {"items": twenty_each, "carrier": "UPS", "tracking_number": "T0"}).status == 200
    one_each = [{"line_id": _line_id(i), "quantity": 1} for i in range(LINES)]

    # Returns of every line with a long comment, until the customer's share of the item is used up: a 409
    # saying to contact the store, and nothing written (before the budget: a 500 once past 400 KB).
    lines = [{"line_id": _line_id(i), "quantity": 1, "reason": "damaged"} for i in range(LINES)]
    made = []
    for n in range(10):
        reply = ann.post(f"{ORDER}/returns", {"items": lines, "comment": f"Return {n}: " + "chipped. " * 100})
        if reply.status != 201:
            break
        made.append(reply.json()["return_id"])
    assert reply.status == 409, reply.body
    assert (reply.json()["error"], reply.json()["message"]) == ("conflict", budget.CUSTOMER_FULL)
    assert len(made) >= 3
    assert _stored_bytes() <= budget.CUSTOMER_LIMIT

    # The store's own writes until its 409: parcels of one unit of every line (about 15 KB each: few
    # writes of a big item, which is what moto copies on every call), then long events on the first
    # parcel (500 four-byte characters and a place of 200) to use up what is left.
    for n in range(1, 40):
        reply = shop.fulfil("big", f"f{n:03}", {"items": one_each, "carrier": "UPS", "tracking_number": f"T{n}"})
        if reply.status != 200:
            break
    assert reply.status == 409, reply.body
    long_text, place = "📦" * 500, "🏭" * 200
    for n in range(60):
        reply = shop.admin.post(f"{ADMIN}/fulfilments/f000/events", {**_event(n, long_text), "location": place})
        if reply.status != 200:
            break
    assert reply.status == 409, reply.body
    assert reply.json()["error"] == "conflict"
    assert reply.json()["details"] == [
        {"limit_bytes": budget.ORDER_LIMIT, "bytes": reply.json()["details"][0]["bytes"]}
    ]
    before = shop.stored_order("big")
    assert (
        shop.admin.post(f"{ADMIN}/fulfilments/f000/events", {**_event(n, long_text), "location": place}).status == 409
    )
    assert shop.stored_order("big") == before
    assert _stored_bytes() <= budget.ORDER_LIMIT < budget.DYNAMODB_ITEM_LIMIT

    # At every cap, the store still writes the order: pushes it (a new status), approves a return, posts
    # a tracking event.
    assert shop.put_order("big", _big_order(status="shipped")).status == 200
    approved = shop.admin.put(f"/admin/stores/s1/returns/{made[0]}", {"status": "approved"})
    assert approved.status == 200, approved.body
    assert shop.admin.post(f"{ADMIN}/fulfilments/f000/events", _event(5000, "Delivered")).status == 200
    view = ann.get(ORDER).json()
    assert view["status"] == "shipped"
    assert view["returns"][0]["status"] == "approved"
    assert view["fulfilments"][0]["events"][0]["description"] == "Delivered"


def test_a_cancellation_request_past_the_customers_share_is_409(shop: Shop, ann: Client) -> None:
    from access_center.orders.budget import check_customer

    order = {"reason": "x" * 10}
    with pytest.raises(Exception, match="no room") as refused:
        check_customer(order, {"reason": "x" * budget.CUSTOMER_LIMIT})
    assert getattr(refused.value, "status", None) == 409
    check_customer({"reason": "x" * (budget.CUSTOMER_LIMIT + 10)}, {"reason": "y" * (budget.CUSTOMER_LIMIT + 10)})
