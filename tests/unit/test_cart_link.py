"""The store's cart link (catalog.cart), as order again, the lists and gift registries fill it."""

from __future__ import annotations

from access_center.catalog.cart import cart_link

TEMPLATE = "https://shop.example/cart/{items}?registry={registry_id}"


def test_the_registry_id_is_filled_for_a_purchase_from_a_registry_and_empty_otherwise() -> None:
    assert cart_link(TEMPLATE, [("MUG-1", 2)], registry_id="r1") == "https://shop.example/cart/MUG-1:2?registry=r1"
    assert cart_link(TEMPLATE, [("MUG-1", 2)]) == "https://shop.example/cart/MUG-1:2?registry="


def test_what_fills_the_link_cannot_change_where_it_goes() -> None:
    link = cart_link(TEMPLATE, [("A/B?x#", 1), ("A/B?x#", 2)], registry_id="r&1/..")
    assert link == "https://shop.example/cart/A%2FB%3Fx%23:3?registry=r%261%2F.."


def test_nothing_to_add_or_no_template_is_no_link() -> None:
    assert cart_link(TEMPLATE, []) is None
    assert cart_link(None, [("MUG-1", 1)]) is None
