"""The cart links a customer's lists fill (a saved cart restored, a wish list to the cart) share one hourly
budget per customer and store (catalog.cart_links): each tells the store's systems, so a script's
hundred POSTs are not a hundred events. Past it: 429 `rate_limited` with Retry-After, and no event."""

from __future__ import annotations

import re

import pytest

from access_center.catalog.cart_links import CART_LINKS_PER_HOUR
from tests.functional.carts.conftest import API, CART_URL, cart_body, push
from tests.harness.bodies import store_settings
from tests.harness.catalog import published, put_product
from tests.harness.support import Client, Shop

WISHLISTS = "/store/account/api/wishlists"


@pytest.fixture
def ann(shop: Shop, customer: Client) -> Client:
    settings = store_settings(saved_carts_enabled=True, wishlists_enabled=True, cart_url_template=CART_URL)
    assert shop.admin.put("/admin/stores/s1", settings).status == 200
    put_product(shop.admin, "s1", "MUG-1")
    assert push(shop, "c1", cart_body(items=[{"sku": "MUG-1", "quantity": 1}])).status == 201
    shop.login(customer, "ann@example.com")
    return customer


def _links_told() -> int:
    return sum(1 for e in published() if e["detail_type"] in ("SavedCartRestored", "WishlistCartStarted"))


def test_restores_and_wish_list_carts_share_one_hourly_budget(ann: Client) -> None:
    list_id = ann.post(WISHLISTS, {"name": "Mugs"}).json()["list_id"]
    assert ann.post(f"{WISHLISTS}/{list_id}/items", {"sku": "MUG-1"}).status == 201
    for n in range(CART_LINKS_PER_HOUR):
        path = f"{API}/c1/restore" if n % 2 else f"{WISHLISTS}/{list_id}/cart"
        assert ann.post(path).status == 200
    for path in (f"{API}/c1/restore", f"{WISHLISTS}/{list_id}/cart"):
        refused = ann.post(path)
        assert refused.status == 429
        assert refused.json()["error"] == "rate_limited"
        assert re.fullmatch(r"You have filled the cart many times in the last hour\. Try again in \d+ min\.",
                            refused.json()["message"])  # fmt: skip
        assert 1 <= int(refused.header("Retry-After")) <= 3600
    assert _links_told() == CART_LINKS_PER_HOUR
    assert ann.get(API).status == 200  # reading the lists is not throttled
