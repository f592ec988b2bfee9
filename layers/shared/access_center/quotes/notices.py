"""What the store hears of its quotes (API.md section 12, docs/store-events.md), published after the
customer's answer is written: `QuoteAccepted` with the lines at the quoted prices, the currency and the
totals (the store's cart charges its own prices: the store system honours the quote from this event),
and `QuoteDeclined` with the customer's reason. Each carries the store and the customer's email."""

from __future__ import annotations

from typing import TYPE_CHECKING

from access_center.aws import events

if TYPE_CHECKING:
    from access_center.quotes.items import QuoteItem
    from access_center.quotes.shapes import QuoteAccepted, QuoteDeclined, QuoteLine, QuoteTotals

ACCEPTED, DECLINED = "QuoteAccepted", "QuoteDeclined"


def accepted(
    store_id: str,
    email: str,
    item: QuoteItem,
    lines: list[QuoteLine],
    totals: QuoteTotals,
    cart_url: str | None,
    when: str,
) -> None:
    detail: QuoteAccepted = {
        "store_id": store_id,
        "email": email,
        "quote_id": str(item.quote_id),
        "number": str(item.number),
        "kind": "configuration" if item.kind == "configuration" else "quote",
        "currency": str(item.currency),
        "lines": lines,
        "totals": totals,
        "cart_url": cart_url,
        "accepted_at": when,
    }
    events.publish(ACCEPTED, detail)


def declined(store_id: str, email: str, item: QuoteItem, reason: str | None, when: str) -> None:
    detail: QuoteDeclined = {
        "store_id": store_id,
        "email": email,
        "quote_id": str(item.quote_id),
        "number": str(item.number),
        "reason": reason,
        "declined_at": when,
    }
    events.publish(DECLINED, detail)
