"""What the wish list pages share: their one Router (ListPagesFunction includes it as
wishlists.pages.router; the account's pages are wishlists.pages, those that links from outside open
wishlists.link_pages), and how an item is shown on them."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.event_handler.api_gateway import Router

from access_center.core.i18n import N_

if TYPE_CHECKING:
    from access_center.wishlists.shapes import WishlistLine

router = Router()


def availability(line: WishlistLine, addable: bool) -> str:
    """The item's state in words (marked, translated by the template)."""
    if not line["available"]:
        return N_("No longer sold")
    if line["in_stock"]:
        return N_("In stock")
    return N_("Out of stock, can be ordered") if addable else N_("Out of stock")


def quantity_field(sku: str) -> str:
    """The id of an item's quantity field: from its SKU, which may hold characters an id cannot."""
    return "quantity-" + hashlib.sha256(sku.encode()).hexdigest()[:12]


def rows(lines: list[WishlistLine], addable: list[bool]) -> list[dict[str, Any]]:
    return [
        {"line": line, "addable": ok, "availability": availability(line, ok), "field": quantity_field(line["sku"])}
        for line, ok in zip(lines, addable, strict=True)
    ]
