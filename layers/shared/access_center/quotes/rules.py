"""Where a quote stands, decided when it is read, and why an answer is refused: pure rules.

A quote is `open` until its customer accepts or declines it (stored), and `expired` while open once its
`valid_until` has passed (never stored: decided at the time of each request, and again inside the
accepting or declining write, whose condition compares `valid_until` with that time). Times are the
contract's ISO 8601 UTC strings, which sort as they compare (four-digit years: core.fields)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from access_center.catalog.cart import cart_link
from access_center.core.i18n import N_

if TYPE_CHECKING:
    from access_center.quotes.shapes import QuoteLine, Status

OPEN: Final = "open"
ACCEPTED: Final = "accepted"
DECLINED: Final = "declined"
EXPIRED: Final = "expired"

# Why a quote cannot be accepted or declined any more, by where it stands.
REFUSALS: dict[str, str] = {
    EXPIRED: N_("This quote has expired: ask the store for a new one."),
    ACCEPTED: N_("This quote is already accepted."),
    DECLINED: N_("This quote was declined."),
}


def status(stored: str, valid_until: str | None, now: str) -> Status:
    """Where the quote stands at `now`: `expired` once an open quote's `valid_until` is not after it."""
    if stored == OPEN:
        return EXPIRED if valid_until is not None and valid_until <= now else OPEN
    return ACCEPTED if stored == ACCEPTED else DECLINED


def refusal(current: str) -> str | None:
    """Why a quote that stands at `current` cannot be answered (None: it is open)."""
    return REFUSALS.get(current)


def cart_url(template: str | None, lines: list[QuoteLine]) -> str | None:
    """The store's cart link with every line of the quote (two lines of one SKU add up), or None where
    the store has no cart link. The quoted prices travel in the event, not in the link."""
    return cart_link(template, [(line["sku"], int(line["quantity"])) for line in lines])
