"""Which lines of an order can be ordered again, and the store's cart link for them: pure rules."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final
from urllib.parse import quote

if TYPE_CHECKING:
    from access_center.catalog.shapes import Product
    from access_center.orders.shapes import OrderLine
    from access_center.reorder.shapes import Reason, ReorderLine

UNAVAILABLE: Final = "unavailable"  # no such product any more, or no longer sold
OUT_OF_STOCK: Final = "out_of_stock"  # sold, but out of stock and not taken on backorder
ITEMS = "{items}"  # where the cart link template takes its `sku:quantity` pairs (stores.models)


def why_not_addable(product: Product | None) -> Reason | None:
    """None when the product can go in the cart; else the reason it cannot."""
    if product is None or not product["available"]:
        return UNAVAILABLE
    if not product["in_stock"] and not product.get("allow_backorder"):
        return OUT_OF_STOCK
    return None


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
    quantities: dict[str, int] = {}
    for shown in lines:
        if shown["addable"]:
            quantities[shown["sku"]] = quantities.get(shown["sku"], 0) + shown["quantity"]
    return list(quantities.items())


def cart_url(template: str | None, lines: list[ReorderLine]) -> str | None:
    """The store's cart link with the addable lines, or None (no template, or nothing to add).

    Each SKU is percent-encoded whole (`safe=""`): a `,` or `:` in a SKU cannot split the list, and a `/`,
    `?`, `&` or `#` cannot change where the link goes."""
    pairs = cart_items(lines)
    if not template or not pairs:
        return None
    return template.replace(ITEMS, ",".join(f"{quote(sku, safe='')}:{quantity}" for sku, quantity in pairs))
