"""Order again is throttled per customer and store (rates.REORDERS_PER_HOUR an hour): each cart link is a
ReorderStarted event for the store's systems, so a script's 25 POSTs made 25 events. Past the budget a
POST is 429 `rate_limited` with Retry-After (JSON), or a page that says when to try again; no event."""

from __future__ import annotations

import re
from html import unescape

import pytest

from access_center.db.rates import REORDERS_PER_HOUR
from access_center.reorder.logic import REORDER_STARTED
from devtools.emulator.gateway import Gateway
from tests.harness.bodies import store_settings
from tests.harness.catalog import published, put_product
from tests.harness.support import Client, Shop

PATH = "/store/account/api/orders/o1/reorder"


@pytest.fixture
def ann(shop: Shop, customer: Client) -> Client:
    settings = store_settings(cart_url_template="https://shop.example/cart/{items}")
    assert shop.admin.put("/admin/stores/s1", settings).status == 200
    assert shop.put_order("o1").status == 201
    put_product(shop.admin, "s1", "MUG-1")
    shop.login(customer, "ann@example.com")
    return customer


def _started() -> int:
    return sum(1 for e in published() if e["detail_type"] == REORDER_STARTED)


def test_past_the_hourly_budget_a_post_is_429_with_retry_after_and_no_event(shop: Shop, ann: Client) -> None:
    for _ in range(REORDERS_PER_HOUR):
        assert ann.post(PATH).status == 200
    assert _started() == REORDERS_PER_HOUR
    refused = ann.post(PATH)
    assert refused.status == 429
    assert refused.json()["error"] == "rate_limited"
    assert re.fullmatch(r"You have asked for a cart link many times in the last hour\. Try again in \d+ minutes?\.",
                        refused.json()["message"])  # fmt: skip
    assert 1 <= int(refused.header("Retry-After")) <= 3600
    assert _started() == REORDERS_PER_HOUR
    assert ann.get(PATH).status == 200  # the preview is a read: not throttled


def test_the_page_says_when_to_try_again(shop: Shop, ann: Client, gateway: Gateway) -> None:
    for _ in range(REORDERS_PER_HOUR):
        assert ann.post(PATH).status == 200
    page = ann.get("/store/account/orders/o1/reorder").body.decode()
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found
    refused = ann.form("/store/account/orders/o1/reorder", {"csrf": unescape(found.group(1))})
    assert refused.status == 429
    assert refused.header("Retry-After")
    assert re.search(r"Try again in \d+ minutes?\.", unescape(refused.body.decode()))
    assert _started() == REORDERS_PER_HOUR
    other = Client(gateway, "shop.example", ip="192.0.2.99")  # another customer has their own budget
    shop.login(other, "bob@example.com")
    assert shop.put_order("o2", email="bob@example.com", number="2002").status == 201
    assert other.post("/store/account/api/orders/o2/reorder").status == 200
