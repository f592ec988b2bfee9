"""Wish lists' pure rules (API.md section 12): the limits, what a list id and a share token look like,
an item as the catalog shows it now, the quantity an added SKU reaches, and the cart's lines."""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING

from access_center.catalog.cart import why_not_addable

if TYPE_CHECKING:
    from access_center.catalog.shapes import Product
    from access_center.wishlists.shapes import WishlistLine

MAX_LISTS = 20
MAX_ITEMS = 200  # distinct SKUs on one list
MAX_QUANTITY = 999  # of one SKU on one list
_LIST_ID = re.compile(r"w[0-9a-f]{16}")
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")


def is_list_id(text: str) -> bool:
    """Whether `text` can be a list id ("w" + 16 hex digits): anything else names no list, and must not
    reach a Query's key prefix (`w1` would otherwise find every list whose id starts so)."""
    return bool(_LIST_ID.fullmatch(text))


def is_share_token(text: str) -> bool:
    return bool(_TOKEN.fullmatch(text))


def token_hash(token: str) -> str:
    """The share lookup's key part: the SHA-256 of the token, so the table alone opens no list."""
    return hashlib.sha256(token.encode()).hexdigest()


def added_quantity(current: int, more: int) -> int | None:
    """The quantity after adding `more` to `current`; None past MAX_QUANTITY."""
    total = current + more
    return total if 0 < total <= MAX_QUANTITY else None


def line(sku: str, quantity: int, stored_name: str, product: Product | None) -> WishlistLine:
    """An item as shown now: the catalog's name, price and flags, or, for a SKU the catalog no longer
    has, the name it had when added, no price and not available."""
    if product is None:
        return {
            "sku": sku,
            "quantity": quantity,
            "name": stored_name,
            "current_unit_price": None,
            "currency": None,
            "available": False,
            "in_stock": False,
        }
    return {
        "sku": sku,
        "quantity": quantity,
        "name": product["name"],
        "current_unit_price": int(product["unit_price"]),
        "currency": product["currency"],
        "available": bool(product["available"]),
        "in_stock": bool(product["in_stock"]),
    }


def addable(product: Product | None) -> bool:
    """Whether the item can go in the store's cart now (catalog.cart: sold, and in stock or on backorder)."""
    return why_not_addable(product) is None


def cart_pairs(lines: list[WishlistLine], products: dict[str, Product]) -> list[tuple[str, int]]:
    """The (SKU, quantity) pairs of the items that can go in the cart, in the list's order."""
    return [(shown["sku"], shown["quantity"]) for shown in lines if addable(products.get(shown["sku"]))]
