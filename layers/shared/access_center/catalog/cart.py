"""The store's cart, as everything that fills it sees it (order again, wish lists, saved carts, quotes):
whether a product can go in the cart now, and the store's cart link for (SKU, quantity) pairs. Pure rules."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Final, Literal
from urllib.parse import quote

if TYPE_CHECKING:
    from access_center.catalog.shapes import Product

Reason = Literal["unavailable", "out_of_stock"]
UNAVAILABLE: Final = "unavailable"  # no such product any more, or no longer sold
OUT_OF_STOCK: Final = "out_of_stock"  # sold, but out of stock and not taken on backorder
ITEMS = "{items}"  # where the cart link template takes its `sku:quantity` pairs (stores.models)
REGISTRY_ID = "{registry_id}"  # a gift registry's id for a purchase from it, else empty


def why_not_addable(product: Product | None) -> Reason | None:
    """None when the product can go in the cart; else the reason it cannot."""
    if product is None or not product["available"]:
        return UNAVAILABLE
    if not product["in_stock"] and not product.get("allow_backorder"):
        return OUT_OF_STOCK
    return None


def merged(pairs: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    """One pair per SKU (two lines of one SKU add up), in the order each SKU first came."""
    quantities: dict[str, int] = {}
    for sku, quantity in pairs:
        quantities[sku] = quantities.get(sku, 0) + quantity
    return list(quantities.items())


def cart_link(template: str | None, pairs: Iterable[tuple[str, int]], registry_id: str = "") -> str | None:
    """The store's cart link with these (SKU, quantity) pairs, or None (no template, or nothing to add);
    its `{registry_id}`, where it has one, is the registry's for a purchase from one, else empty.

    Each SKU is percent-encoded whole (`safe=""`): a `,` or `:` in a SKU cannot split the list, and a `/`,
    `?`, `&` or `#` cannot change where the link goes."""
    pairs = merged(pairs)
    if not template or not pairs:
        return None
    filled = template.replace(REGISTRY_ID, quote(registry_id, safe=""))
    return filled.replace(ITEMS, ",".join(f"{quote(sku, safe='')}:{quantity}" for sku, quantity in pairs))
