"""Gift registries' pure rules (API.md section 12): the limits, what a registry id looks like, when a
registry counts as closed, how many of an item are still needed, and what a guest's "Buy" puts in the cart."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from access_center.catalog.cart import why_not_addable

if TYPE_CHECKING:
    from access_center.catalog.shapes import Product

MAX_REGISTRIES = 20  # per customer and store
MAX_ITEMS = 200  # distinct SKUs on one registry
MAX_WANTED = 999  # of one SKU
MAX_TITLE = 100
MAX_MESSAGE = 1000
_REGISTRY_ID = re.compile(r"r[0-9a-f]{16}")


def is_registry_id(text: str) -> bool:
    """Whether `text` can be a registry id ("r" + 16 hex digits): anything else names no registry."""
    return bool(_REGISTRY_ID.fullmatch(text))


def today(now: float) -> str:
    """The UTC date of `now`, as an event date is written (YYYY-MM-DD)."""
    return datetime.fromtimestamp(now, UTC).date().isoformat()


def has_passed(event_date: str, now: float) -> bool:
    """Whether the event's day is over (UTC): the day itself still counts as open."""
    return event_date < today(now)


def is_closed(closed: bool, event_date: str, now: float) -> bool:
    """Closed by its owner, or past its event date: decided at each request, nothing to sweep."""
    return closed or has_passed(event_date, now)


def valid_date(text: str) -> bool:
    """A real calendar date written YYYY-MM-DD."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def still_needed(wanted: int, purchased: int) -> int:
    """How many guests may still buy (never below zero: a store may record more than was wanted)."""
    return max(0, wanted - purchased)


def buyable(product: Product | None) -> bool:
    """Whether a guest's cart would take the product now (catalog.cart: sold, in stock or on backorder)."""
    return why_not_addable(product) is None
