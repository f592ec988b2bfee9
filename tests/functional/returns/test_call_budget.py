"""DynamoDB calls of the return routes (bench/budgets.py), warm, on either backend. No Scan."""

from __future__ import annotations

import pytest

from bench.budgets import first_request
from devtools.awscalls import Calls
from tests.harness.bodies import order_body, store_settings
from tests.harness.support import Client, Shop, fresh_tallies, mapped_without_reads

# The clock stands still: a store's fair-share counter makes a second UpdateItem when the minute it was
# last written in has passed (web.fair_share), which the call budgets would otherwise meet at random.
pytestmark = pytest.mark.usefixtures("clock")

ANN = "ann@example.com"
LINE = {"items": [{"line_id": "l1", "quantity": 1, "reason": "damaged"}]}


@pytest.fixture
def ann(shop: Shop, customer: Client) -> Client:
    """Ann with shipped orders o1 and o2, behind a gateway whose domain mapping reads no table."""
    assert shop.admin.put("/admin/stores/s1", store_settings(returns_enabled=True)).status == 200
    for order_id in ("o1", "o2"):
        assert shop.put_order(order_id, order_body(number=order_id)).status == 201
        assert shop.fulfil(order_id, "f1", {"carrier": "UPS"}).status == 200
    shop.login(customer, ANN)
    return mapped_without_reads(customer)


def test_a_request_and_the_customers_list(ann: Client, calls: Calls) -> None:
    assert ann.post("/store/account/api/orders/o1/returns", LINE).status == 201
    fresh_tallies(calls)
    assert ann.post("/store/account/api/orders/o2/returns", LINE).status == 201
    assert calls.operations() == first_request("return request")
    fresh_tallies(calls)
    assert ann.get("/store/account/api/orders/o2/returns").status == 200
    assert calls.operations() == first_request("returns list")


def test_an_update_and_the_stores_list(shop: Shop, ann: Client, calls: Calls) -> None:
    made = [ann.post(f"/store/account/api/orders/{o}/returns", LINE).json()["return_id"] for o in ("o1", "o2")]
    assert shop.admin.put(f"/admin/stores/s1/returns/{made[0]}", {"status": "approved"}).status == 200
    fresh_tallies(calls)
    assert shop.admin.put(f"/admin/stores/s1/returns/{made[1]}", {"status": "approved"}).status == 200
    assert calls.operations() == first_request("return update")
    fresh_tallies(calls)
    assert shop.admin.get("/admin/stores/s1/returns?status=approved").status == 200
    assert calls.operations() == first_request("store returns list")
