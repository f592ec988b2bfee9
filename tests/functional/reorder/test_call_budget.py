"""DynamoDB calls of "order again" (bench/budgets.py), warm, on either backend: one order read and one
BatchGetItem of the products, whatever the number of lines up to 100 distinct SKUs. No Scan."""

from __future__ import annotations

import pytest

from bench.budgets import first_request
from devtools.awscalls import Calls
from tests.harness.bodies import order_body, order_line, store_settings
from tests.harness.catalog import put_product
from tests.harness.support import Client, Shop, fresh_tallies, mapped_without_reads

# The clock stands still: a store's fair-share counter makes a second UpdateItem when the minute it was
# last written in has passed (web.fair_share), which the call budgets would otherwise meet at random.
pytestmark = pytest.mark.usefixtures("clock")

ANN = "ann@example.com"


@pytest.fixture
def ann(shop: Shop, customer: Client) -> Client:
    """Ann with two orders of 40 lines over 20 SKUs each, behind a gateway whose domain mapping reads
    no table (API Gateway's custom domain, not a call of the product's)."""
    assert shop.admin.put("/admin/stores/s1", store_settings(cart_url_template="https://shop.example/c/{items}")).status
    for order_id in ("o1", "o2"):
        lines = [order_line(f"l{n}", f"SKU-{n % 20}", f"Item {n}", 1, 100) for n in range(40)]
        body = order_body(number=order_id, items=lines, totals={"subtotal": 4000, "total": 4000})
        assert shop.put_order(order_id, body).status == 201
    for n in range(20):
        put_product(shop.admin, "s1", f"SKU-{n}")
    shop.login(customer, ANN)
    return mapped_without_reads(customer)


def test_the_preview_is_a_session_read_the_order_and_one_batch_get(ann: Client, calls: Calls) -> None:
    assert ann.get("/store/account/api/orders/o1/reorder").status == 200
    fresh_tallies(calls)
    assert ann.get("/store/account/api/orders/o2/reorder").status == 200
    assert calls.operations() == first_request("reorder preview")
    assert calls.count("eventbridge") == 0


def test_ordering_again_adds_only_the_event_for_the_store(ann: Client, calls: Calls) -> None:
    assert ann.post("/store/account/api/orders/o1/reorder").status == 200
    fresh_tallies(calls)
    assert ann.post("/store/account/api/orders/o2/reorder").status == 200
    assert calls.operations() == first_request("reorder start")
    assert calls.operations("eventbridge") == ["PutEvents"]
