"""Saved carts' pure rules: a line at the catalog's current price and whether it can go in the cart
(catalog.cart), what restoring a cart sends and leaves out, and whose name a cart shows after the store
pushes it again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from access_center.catalog.cart import cart_link, why_not_addable

if TYPE_CHECKING:
    from collections.abc import Mapping

    from access_center.carts.shapes import AddedLine, CartLine, SavedCartLine, SkippedLine
    from access_center.catalog.shapes import Product


def line(stored: CartLine, product: Product | None) -> SavedCartLine:
    """A stored line as the customer sees it: the product's name and price now, whether it can be added."""
    reason = why_not_addable(product)
    shown: SavedCartLine = {
        "sku": stored["sku"],
        "quantity": int(stored["quantity"]),
        "name": product["name"] if product else None,
        "current_unit_price": int(product["unit_price"]) if product else None,
        "currency": product["currency"] if product else None,
        "addable": reason is None,
    }
    if reason:
        shown["reason"] = reason
    return shown


def lines(stored: list[CartLine], products: Mapping[str, Product]) -> list[SavedCartLine]:
    return [line(item, products.get(item["sku"])) for item in stored]


def added(shown: list[SavedCartLine]) -> list[AddedLine]:
    """The lines a restore sends to the store's cart, at the prices the catalog has now."""
    return [
        {
            "sku": item["sku"],
            "quantity": item["quantity"],
            "unit_price": int(item["current_unit_price"] or 0),
            "currency": item["currency"] or "",
        }
        for item in shown
        if item["addable"]
    ]


def skipped(shown: list[SavedCartLine]) -> list[SkippedLine]:
    """The lines a restore leaves out, each with why."""
    return [{"sku": item["sku"], "reason": item["reason"]} for item in shown if "reason" in item]


def restore_link(template: str | None, shown: list[SavedCartLine]) -> str | None:
    """The store's cart link with the addable lines, or None (no template, or nothing can be added)."""
    return cart_link(template, [(item["sku"], item["quantity"]) for item in shown if item["addable"]])


def name_after_push(current: str | None, pushed_before: str | None, pushed_now: str | None) -> str | None:
    """The name a cart shows after the store pushes it: the store's new name when it sends one it did not
    send before; else the name it has (a customer's rename survives the store pushing its cart again).
    An empty name is no name."""
    if pushed_now is None or pushed_now == pushed_before:
        return current or None
    return pushed_now or None
