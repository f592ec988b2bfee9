"""The store setting `cart_url_template` (API.md section 6): an https link with `{items}` once, after the host."""

from __future__ import annotations

import pytest

from access_center.stores.models import StoreSettingsOut
from tests.harness.backends import table_items
from tests.harness.bodies import store_settings
from tests.harness.models import answer
from tests.harness.support import Client, Shop


@pytest.mark.parametrize(
    "link",
    [
        "https://shop.example/cart/{items}",
        "https://shop.example/cart?add={items}&utm_source=access-center",
        "https://shop.example:8443/products/cart#{items}",
    ],
)
def test_a_cart_link_is_stored_and_answered(shop: Shop, admin: Client, link: str) -> None:
    reply = admin.put("/admin/stores/s1", store_settings(cart_url_template=link))
    assert reply.status == 200, reply.body
    assert answer(StoreSettingsOut, reply)["cart_url_template"] == link


def test_the_setting_is_optional(shop: Shop, admin: Client) -> None:
    reply = admin.put("/admin/stores/s1", store_settings())
    assert "cart_url_template" not in answer(StoreSettingsOut, reply)


@pytest.mark.parametrize(
    "link",
    [
        "http://shop.example/cart/{items}",
        "https://shop.example/cart",
        "https://shop.example/cart/{items}/{items}",
        "https://{items}.shop.example/cart",
        "https://shop.example{items}",
        "https://shop.example/cart/{ items }",
        "https://shop.example/cart/{items}\n",
        "",
    ],
)
def test_a_cart_link_that_could_not_carry_the_items_safely_is_400(shop: Shop, admin: Client, link: str) -> None:
    before = table_items("StoresTable")
    reply = admin.put("/admin/stores/s1", store_settings(cart_url_template=link))
    assert reply.status == 400, reply.body
    assert reply.json()["error"] == "bad_request"
    assert table_items("StoresTable") == before
