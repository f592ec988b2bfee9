"""Where a quote stands, decided when it is read, and whether it can still be answered: pure rules.

A quote is `open` until its customer accepts or declines it (stored), and `expired` while open once its
`valid_until` has passed (never stored: decided at the time of each request, and again inside the
accepting or declining write, whose condition compares `valid_until` with that time). Times are the
contract's ISO 8601 UTC strings, which sort as they compare (four-digit years: core.fields)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from access_center.catalog.cart import cart_link

if TYPE_CHECKING:
    from access_center.quotes.shapes import QuoteLine, Status

OPEN: Final = "open"
ACCEPTED: Final = "accepted"
DECLINED: Final = "declined"
EXPIRED: Final = "expired"


def status(stored: str, valid_until: str | None, now: str) -> Status:
    """Where the quote stands at `now`: `expired` once an open quote's `valid_until` is not after it."""
    if stored == OPEN:
        return EXPIRED if valid_until is not None and valid_until <= now else OPEN
    return ACCEPTED if stored == ACCEPTED else DECLINED


def answerable(current: str) -> bool:
    """Whether a quote that stands at `current` can still be accepted or declined: only while open."""
    return current == OPEN


def cart_url(template: str | None, lines: list[QuoteLine]) -> str | None:
    """The store's cart link with every line of the quote (two lines of one SKU add up), or None where
    the store has no cart link. The quoted prices travel in the event, not in the link."""
    return cart_link(template, [(line["sku"], int(line["quantity"])) for line in lines])
