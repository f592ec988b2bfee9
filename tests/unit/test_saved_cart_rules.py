"""Saved carts' pure rules (carts.rules): a line at the catalog's price now, what restoring sends and
leaves out, and whose name a cart shows after the store pushes it again."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from access_center.carts import rules

CART = "https://shop.example/cart/{items}"


def _product(sku: str, **extra: Any) -> Any:
    return {"store_id": "s1", "sku": sku, "updated_at": "2026-01-01T00:00:00Z", "name": sku.title(),
            "unit_price": 1000, "currency": "EUR", "available": True, "in_stock": True, **extra}  # fmt: skip


def test_a_line_takes_the_products_name_and_price_now() -> None:
    assert rules.line({"sku": "MUG", "quantity": 2}, _product("MUG", unit_price=1400)) == {
        "sku": "MUG", "quantity": 2, "name": "Mug", "current_unit_price": 1400, "currency": "EUR", "addable": True,
    }  # fmt: skip


def test_a_line_without_a_product_is_unavailable_with_no_price() -> None:
    assert rules.line({"sku": "GONE", "quantity": 1}, None) == {
        "sku": "GONE", "quantity": 1, "name": None, "current_unit_price": None, "currency": None,
        "addable": False, "reason": "unavailable",
    }  # fmt: skip


def test_out_of_stock_is_addable_only_on_backorder() -> None:
    assert rules.line({"sku": "A", "quantity": 1}, _product("A", in_stock=False))["reason"] == "out_of_stock"
    assert rules.line({"sku": "A", "quantity": 1}, _product("A", in_stock=False, allow_backorder=True))["addable"]
    assert rules.line({"sku": "A", "quantity": 1}, _product("A", available=False))["reason"] == "unavailable"


def test_restore_sends_the_addable_lines_and_names_the_skipped_ones() -> None:
    products = {"A": _product("A"), "B": _product("B", in_stock=False)}
    shown = rules.lines(
        [{"sku": "A", "quantity": 2}, {"sku": "B", "quantity": 1}, {"sku": "C", "quantity": 3}], products
    )
    assert rules.restore_link(CART, shown) == "https://shop.example/cart/A:2"
    assert rules.added(shown) == [{"sku": "A", "quantity": 2, "unit_price": 1000, "currency": "EUR"}]
    assert rules.skipped(shown) == [{"sku": "B", "reason": "out_of_stock"}, {"sku": "C", "reason": "unavailable"}]
    assert rules.restore_link(None, shown) is None
    assert rules.restore_link(CART, shown[1:]) is None


NAMES = st.none() | st.sampled_from(["", "Weekend", "Party", "BBQ"])


@given(current=NAMES, before=NAMES)
def test_a_resend_or_a_push_without_a_name_keeps_the_carts_name(current: str | None, before: str | None) -> None:
    assert rules.name_after_push(current, before, None) == (current or None)
    assert rules.name_after_push(current, before, before) == (current or None)  # the same name resent


@given(current=NAMES, before=NAMES, now=st.sampled_from(["", "New name"]))
def test_a_name_the_store_did_not_send_before_replaces_the_carts(
    current: str | None, before: str | None, now: str
) -> None:
    if now != before:
        assert rules.name_after_push(current, before, now) == (now or None)
