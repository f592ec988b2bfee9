"""Which lines of an order can be ordered again, and the store's cart link for them (catalog.cart): pure rules."""

from __future__ import annotations

from typing import TYPE_CHECKING

from access_center.catalog.cart import cart_link, why_not_addable

if TYPE_CHECKING:
    from access_center.catalog.shapes import Product
    from access_center.orders.shapes import OrderLine
    from access_center.reorder.shapes import ReorderLine


def line(item: OrderLine, product: Product | None) -> ReorderLine:
    """An order line as "order again" shows it: what was paid, what it costs now, whether it can be added."""
    reason = why_not_addable(product)
    shown: ReorderLine = {
        "line_id": item["line_id"],
        "sku": item.get("sku", ""),
        "name": item["name"],
        "quantity": int(item["quantity"]),
        "paid_unit_price": int(item["unit_price"]),
        "current_unit_price": int(product["unit_price"]) if product else None,
        "addable": reason is None,
    }
    if product:
        shown["current_currency"] = product["currency"]
    if reason:
        shown["reason"] = reason
    return shown


def cart_items(lines: list[ReorderLine]) -> list[tuple[str, int]]:
    """The addable lines as (sku, quantity), one pair per SKU (two lines of one SKU add up), in order."""
    return [(shown["sku"], shown["quantity"]) for shown in lines if shown["addable"]]


def cart_url(template: str | None, lines: list[ReorderLine]) -> str | None:
    """The store's cart link with the addable lines, or None (no template, or nothing to add)."""
    return cart_link(template, cart_items(lines))
