"""Order again: GET and POST /store/account/api/orders/{order_id}/reorder (API.md section 6)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from access_center.core.clock import iso
from access_center.reorder.models import ReorderCart, ReorderPreview
from devtools import template
from devtools.emulator.gateway import Gateway
from tests.harness.backends import data_items
from tests.harness.bodies import order_body, order_line, store_settings
from tests.harness.catalog import published, put_product
from tests.harness.clock import Clock
from tests.harness.models import answer
from tests.harness.support import Client, Shop

ANN, BOB = "ann@example.com", "bob@example.com"
CART = "https://shop.example/cart/{items}"
PATH = "/store/account/api/orders/o1/reorder"


def _cart_link(shop: Shop, template_url: str | None = CART) -> None:
    settings = store_settings(**({"cart_url_template": template_url} if template_url else {}))
    assert shop.admin.put(f"/admin/stores/{shop.store_id}", settings).status == 200


@pytest.fixture
def ann(shop: Shop, customer: Client) -> Client:
    """Ann, logged in, with order o1 (2 x MUG-1 at 12.50, 1 x TEA-9 at 8.00) and a store with a cart link."""
    _cart_link(shop)
    assert shop.put_order("o1").status == 201
    shop.login(customer, ANN)
    return customer


def _preview(client: Client, path: str = PATH) -> dict[str, Any]:
    reply = client.get(path)
    assert reply.status == 200, reply.body
    assert reply.header("Cache-Control") == "no-store"
    return answer(ReorderPreview, reply)  # type: ignore[no-any-return]


def _lines(preview: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {line["sku"]: line for line in preview["lines"]}


def test_the_preview_shows_what_was_paid_what_it_costs_now_and_the_cart_link(shop: Shop, ann: Client) -> None:
    put_product(shop.admin, "s1", "MUG-1", unit_price=1400)
    put_product(shop.admin, "s1", "TEA-9", unit_price=800)
    preview = _preview(ann)
    assert preview == {
        "currency": "EUR",
        "lines": [
            {
                "line_id": "l1",
                "sku": "MUG-1",
                "name": "Mug",
                "quantity": 2,
                "paid_unit_price": 1250,
                "current_unit_price": 1400,
                "current_currency": "EUR",
                "addable": True,
            },
            {
                "line_id": "l2",
                "sku": "TEA-9",
                "name": "Tea",
                "quantity": 1,
                "paid_unit_price": 800,
                "current_unit_price": 800,
                "current_currency": "EUR",
                "addable": True,
            },
        ],
        "cart_url": "https://shop.example/cart/MUG-1:2,TEA-9:1",
    }


def test_a_sku_the_store_has_no_product_for_is_unavailable_without_a_price(shop: Shop, ann: Client) -> None:
    put_product(shop.admin, "s1", "MUG-1")
    tea = _lines(_preview(ann))["TEA-9"]
    assert (tea["addable"], tea["reason"], tea["current_unit_price"]) == (False, "unavailable", None)
    assert "current_currency" not in tea


def test_a_removed_product_is_unavailable(shop: Shop, ann: Client) -> None:
    put_product(shop.admin, "s1", "MUG-1")
    put_product(shop.admin, "s1", "TEA-9")
    assert shop.admin.request("DELETE", "/admin/stores/s1/products/TEA-9").status == 204
    assert _lines(_preview(ann))["TEA-9"]["reason"] == "unavailable"


def test_a_product_no_longer_sold_is_unavailable_even_in_stock(shop: Shop, ann: Client) -> None:
    put_product(shop.admin, "s1", "MUG-1", available=False, in_stock=True, allow_backorder=True, unit_price=1500)
    mug = _lines(_preview(ann))["MUG-1"]
    assert (mug["addable"], mug["reason"], mug["current_unit_price"]) == (False, "unavailable", 1500)


def test_out_of_stock_is_not_addable_unless_the_product_takes_backorders(shop: Shop, ann: Client) -> None:
    put_product(shop.admin, "s1", "MUG-1", in_stock=False)
    put_product(shop.admin, "s1", "TEA-9", in_stock=False, allow_backorder=True)
    preview = _preview(ann)
    mug, tea = _lines(preview)["MUG-1"], _lines(preview)["TEA-9"]
    assert (mug["addable"], mug["reason"]) == (False, "out_of_stock")
    assert tea["addable"] is True
    assert "reason" not in tea
    assert preview["cart_url"] == "https://shop.example/cart/TEA-9:1"


def test_the_cart_link_holds_only_the_addable_lines_at_the_stores_current_prices(shop: Shop, ann: Client) -> None:
    put_product(shop.admin, "s1", "MUG-1", unit_price=999)
    put_product(shop.admin, "s1", "TEA-9", available=False)
    preview = _preview(ann)
    assert _lines(preview)["MUG-1"]["current_unit_price"] == 999
    reply = ann.post(PATH)
    assert reply.status == 200, reply.body
    assert answer(ReorderCart, reply) == {"cart_url": "https://shop.example/cart/MUG-1:2"}
    (event,) = published()
    assert event["detail"]["items"] == [
        {"line_id": "l1", "sku": "MUG-1", "quantity": 2, "unit_price": 999, "currency": "EUR"}
    ]
    assert event["detail"]["skipped"] == [{"line_id": "l2", "sku": "TEA-9", "reason": "unavailable"}]


def test_skus_are_percent_encoded_in_the_cart_link_and_lines_of_one_sku_add_up(shop: Shop, customer: Client) -> None:
    _cart_link(shop, "https://shop.example/cart?add={items}&ref=again")
    odd = "A,B:1 /x&y#z?ö"
    lines = [order_line("l1", odd, "Odd", 2, 100), order_line("l2", "MUG-1", "Mug", 1, 100)]
    lines.append(order_line("l3", odd, "Odd again", 3, 100))
    totals = {"subtotal": 600, "total": 600}
    assert shop.put_order("o1", order_body(items=lines, totals=totals)).status == 201
    put_product(shop.admin, "s1", odd)
    put_product(shop.admin, "s1", "MUG-1")
    shop.login(customer, ANN)
    expected = "https://shop.example/cart?add=A%2CB%3A1%20%2Fx%26y%23z%3F%C3%B6:5,MUG-1:1&ref=again"
    assert _preview(customer)["cart_url"] == expected
    assert customer.post(PATH).json() == {"cart_url": expected}


def test_a_line_without_a_sku_is_unavailable(shop: Shop, customer: Client) -> None:
    _cart_link(shop)
    lines = [order_line("l1", "", "Gift wrap", 1, 300), order_line("l2", "MUG-1", "Mug", 1, 1250)]
    assert shop.put_order("o1", order_body(items=lines, totals={"subtotal": 1550, "total": 1550})).status == 201
    put_product(shop.admin, "s1", "MUG-1")
    shop.login(customer, ANN)
    preview = _preview(customer)
    assert [(line["sku"], line["addable"], line.get("reason")) for line in preview["lines"]] == [
        ("", False, "unavailable"),
        ("MUG-1", True, None),
    ]
    assert preview["cart_url"] == "https://shop.example/cart/MUG-1:1"


def test_ordering_again_tells_the_store_with_its_store_id(shop: Shop, ann: Client, clock: Clock) -> None:
    put_product(shop.admin, "s1", "MUG-1")
    put_product(shop.admin, "s1", "TEA-9", in_stock=False)
    assert published() == []
    assert ann.post(PATH).status == 200
    (event,) = published()
    assert event["detail_type"] == "ReorderStarted"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", event["time"])
    assert event["time"] == iso(clock.now)  # the product's clock, to the second
    assert event["detail"] == {
        "store_id": "s1",
        "order_id": "o1",
        "order_number": "1001",
        "items": [{"line_id": "l1", "sku": "MUG-1", "quantity": 2, "unit_price": 1300, "currency": "EUR"}],
        "skipped": [{"line_id": "l2", "sku": "TEA-9", "reason": "out_of_stock"}],
        "cart_url": "https://shop.example/cart/MUG-1:2",
    }
    assert ANN not in str(event)


def test_the_preview_alone_tells_the_store_nothing(shop: Shop, ann: Client) -> None:
    put_product(shop.admin, "s1", "MUG-1")
    _preview(ann)
    assert published() == []


def _everything_stored() -> dict[str, list[dict[str, Any]]]:
    return {name: data_items(name) for name in template.table_definitions()}


def test_nothing_addable_is_409_saying_why_and_tells_the_store_nothing(shop: Shop, ann: Client) -> None:
    put_product(shop.admin, "s1", "MUG-1", in_stock=False)
    preview = _preview(ann)
    assert preview["cart_url"] is None
    before = _everything_stored()
    reply = ann.post(PATH)
    assert reply.status == 409
    body = reply.json()
    assert body["error"] == "conflict"
    assert "Nothing from this order can be added" in body["message"]
    assert body["details"] == [
        {"line_id": "l1", "sku": "MUG-1", "reason": "out_of_stock"},
        {"line_id": "l2", "sku": "TEA-9", "reason": "unavailable"},
    ]
    assert published() == []
    assert _everything_stored() == before


def test_a_store_without_a_cart_link_shows_the_lines_but_ordering_again_is_409(shop: Shop, ann: Client) -> None:
    _cart_link(shop, None)
    put_product(shop.admin, "s1", "MUG-1")
    preview = _preview(ann)
    assert preview["cart_url"] is None
    assert _lines(preview)["MUG-1"]["addable"] is True
    reply = ann.post(PATH)
    assert reply.status == 409
    assert "cart cannot be filled from here" in reply.json()["message"]
    assert published() == []


def test_another_customers_order_is_404_and_tells_the_store_nothing(shop: Shop, ann: Client, gateway: Gateway) -> None:
    put_product(shop.admin, "s1", "MUG-1")
    assert shop.put_order("b1", order_body(email=BOB, number="2001")).status == 201
    bob = Client(gateway, host="shop.example")
    shop.login(bob, BOB)
    for reply in (bob.get(PATH), bob.post(PATH), ann.get("/store/account/api/orders/nope/reorder")):
        assert reply.status == 404
        assert reply.json()["error"] == "not_found"
    assert bob.get("/store/account/api/orders/b1/reorder").status == 200
    assert published() == []


def test_another_stores_order_is_404_on_this_stores_domain(shop: Shop, admin: Client, gateway: Gateway) -> None:
    other = Shop.create(admin, "s2", "other.example", name="Shop Two")
    assert other.put_order("o1").status == 201  # Ann's order o1 is at the other store
    assert shop.put_order("o9", order_body(number="1009")).status == 201
    client = Client(gateway, host="shop.example")
    shop.login(client, ANN)
    assert client.get(PATH).status == 404
    assert client.post(PATH).status == 404


def test_without_a_session_both_are_401(shop: Shop, ann: Client, gateway: Gateway) -> None:
    stranger = Client(gateway, host="shop.example")
    assert stranger.get(PATH).status == 401
    assert stranger.post(PATH).status == 401
    assert published() == []


def test_a_foreign_origin_cannot_order_again_for_the_customer(shop: Shop, ann: Client) -> None:
    put_product(shop.admin, "s1", "MUG-1")
    reply = ann.post(PATH, headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"})
    assert reply.status == 403
    assert published() == []
