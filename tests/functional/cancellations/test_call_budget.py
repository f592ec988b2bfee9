"""DynamoDB calls of a cancellation request and a decision (bench/budgets.py), warm, on either backend:
one order read and one transaction; a repeated request only reads. No Scan."""

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


@pytest.fixture
def ann(shop: Shop, customer: Client) -> Client:
    """Ann with orders o1 and o2, behind a gateway whose domain mapping reads no table (API Gateway's
    custom domain, not a call of the product's)."""
    assert shop.admin.put("/admin/stores/s1", store_settings(cancellations_enabled=True)).status == 200
    for order_id in ("o1", "o2"):
        assert shop.put_order(order_id, order_body(number=order_id)).status == 201
    shop.login(customer, ANN)
    return mapped_without_reads(customer)


def test_a_request_is_a_session_read_the_order_and_one_transaction(ann: Client, calls: Calls) -> None:
    assert ann.post("/store/account/api/orders/o1/cancellation", {}).status == 202
    fresh_tallies(calls)
    assert ann.post("/store/account/api/orders/o2/cancellation", {}).status == 202
    assert calls.operations() == first_request("cancellation request")
    fresh_tallies(calls)
    assert ann.post("/store/account/api/orders/o2/cancellation", {}).status == 202
    assert calls.operations() == first_request("cancellation request repeated")


def test_a_decision_is_the_order_and_one_transaction(shop: Shop, ann: Client, calls: Calls) -> None:
    for order_id in ("o1", "o2"):
        assert ann.post(f"/store/account/api/orders/{order_id}/cancellation", {}).status == 202
    assert shop.admin.put("/admin/stores/s1/orders/o1/cancellation", {"decision": "approved"}).status == 200
    fresh_tallies(calls)
    assert shop.admin.put("/admin/stores/s1/orders/o2/cancellation", {"decision": "declined"}).status == 200
    assert calls.operations() == first_request("cancellation decision")
