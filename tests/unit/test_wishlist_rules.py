"""Wish lists' pure rules (access_center.wishlists.rules) and their TypedDicts kept to their models."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from access_center.catalog.shapes import Product
from access_center.wishlists import models, rules, shapes

MUG: Product = {
    "store_id": "s1",
    "sku": "MUG-1",
    "updated_at": "2026-11-20T10:00:00Z",
    "name": "Mug",
    "unit_price": 1300,
    "currency": "EUR",
    "available": True,
    "in_stock": True,
}


@pytest.mark.parametrize(
    ("shape", "model"),
    [
        (shapes.WishlistLine, models.WishlistLine),
        (shapes.WishlistView, models.Wishlist),
        (shapes.WishlistLists, models.WishlistList),
        (shapes.WishlistCart, models.WishlistCart),
    ],
    ids=lambda p: p.__name__,
)
def test_each_shape_has_its_models_fields(shape: Any, model: type[BaseModel]) -> None:
    keys = set(shape.__required_keys__) | set(shape.__optional_keys__)
    assert keys == set(model.model_fields)
    assert set(shape.__optional_keys__) == {n for n, f in model.model_fields.items() if not f.is_required()}


def test_an_item_shows_the_catalogs_name_price_and_flags_now() -> None:
    shown = rules.line("MUG-1", 2, "Old name", {**MUG, "in_stock": False})
    assert shown == {"sku": "MUG-1", "quantity": 2, "name": "Mug", "current_unit_price": 1300, "currency": "EUR",
                     "available": True, "in_stock": False}  # fmt: skip


def test_an_item_the_catalog_dropped_keeps_its_name_without_price_and_is_unavailable() -> None:
    shown = rules.line("MUG-1", 1, "Mug as added", None)
    assert shown == {"sku": "MUG-1", "quantity": 1, "name": "Mug as added", "current_unit_price": None,
                     "currency": None, "available": False, "in_stock": False}  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "addable"),
    [({}, True), ({"available": False}, False), ({"in_stock": False}, False),
     ({"in_stock": False, "allow_backorder": True}, True)],
)  # fmt: skip
def test_what_the_cart_takes(changes: dict[str, Any], addable: bool) -> None:
    product: Any = {**MUG, **changes}
    assert rules.addable(product) is addable
    assert rules.addable(None) is False


def test_the_cart_gets_the_addable_items_in_the_lists_order() -> None:
    tea: Product = {**MUG, "sku": "TEA-9", "name": "Tea", "available": False}
    lines = [
        rules.line("TEA-9", 1, "Tea", tea),
        rules.line("MUG-1", 3, "Mug", MUG),
        rules.line("GONE", 1, "Gone", None),
    ]
    assert rules.cart_pairs(lines, {"MUG-1": MUG, "TEA-9": tea}) == [("MUG-1", 3)]


@given(st.integers(min_value=0, max_value=rules.MAX_QUANTITY), st.integers(min_value=1, max_value=2000))
def test_a_quantity_grows_to_999_at_most(current: int, more: int) -> None:
    total = rules.added_quantity(current, more)
    assert total == (current + more if current + more <= rules.MAX_QUANTITY else None)


@pytest.mark.parametrize(
    ("text", "ok"),
    [("w0123456789abcdef", True), ("w1", False), ("W0123456789ABCDEF", False), ("w0123456789abcdef0", False),
     ("w0123456789abcde#", False), ("", False)],
)  # fmt: skip
def test_only_a_list_ids_shape_names_a_list(text: str, ok: bool) -> None:
    assert rules.is_list_id(text) is ok


def test_a_share_token_is_32_url_safe_characters_and_its_key_is_its_hash() -> None:
    from access_center.wishlists import sharing

    token = sharing.link_token("s1#ann@example.com", "w0123456789abcdef", sharing.new_nonce())
    assert rules.is_share_token(token)
    assert not rules.is_share_token(token[:-1])
    assert not rules.is_share_token(token + "a")
    assert not rules.is_share_token("a" * 31 + "/")
    assert len(rules.token_hash(token)) == 64
    assert token not in rules.token_hash(token)


def test_a_share_token_is_bound_to_its_list_and_its_sharing() -> None:
    from access_center.wishlists import sharing

    nonce = sharing.new_nonce()
    token = sharing.link_token("s1#ann@example.com", "w0123456789abcdef", nonce)
    assert token == sharing.link_token("s1#ann@example.com", "w0123456789abcdef", nonce)
    assert token != sharing.link_token("s2#ann@example.com", "w0123456789abcdef", nonce)  # another store's
    assert token != sharing.link_token("s1#bob@example.com", "w0123456789abcdef", nonce)
    assert token != sharing.link_token("s1#ann@example.com", "w0123456789abcdee", nonce)
    assert token != sharing.link_token("s1#ann@example.com", "w0123456789abcdef", sharing.new_nonce())
