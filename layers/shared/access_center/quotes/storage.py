"""The quotes in the Customers table (quotes.items): a quote and its customer's list entry are written
in one transaction guarded by the quote's version, so the list and the quote never disagree. The
customer's answer (accept or decline) is one more condition on that write: the quote is still open and,
at the time of the request, still valid; a racing answer or push makes it fail (WriteConflict), and the
caller reads again and decides again."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, cast

from access_center.account.storage import profile_key
from access_center.db.pages import Page, newest_first
from access_center.db.transactions import transaction
from access_center.quotes.items import ENTRY_PREFIX, QUOTE_SK, QuoteEntryItem, QuoteItem
from access_center.quotes.rules import OPEN

if TYPE_CHECKING:
    from access_center.quotes.shapes import QuoteContent, QuoteLine, QuoteTotals


def quote_key(store_id: str, quote_id: str) -> str:
    return f"{store_id}#quote#{quote_id}"


def entry_sk(created_at: str, quote_id: str) -> str:
    return f"{ENTRY_PREFIX}{created_at}#{quote_id}"


def get_quote(store_id: str, quote_id: str) -> QuoteItem | None:
    try:
        return QuoteItem.get(quote_key(store_id, quote_id), QUOTE_SK, consistent_read=True)
    except QuoteItem.DoesNotExist:
        return None


def lines_of(item: QuoteItem) -> list[QuoteLine]:
    return cast("list[QuoteLine]", list(item.lines or []))  # as save_quote wrote them


def totals_of(item: QuoteItem) -> QuoteTotals:
    return cast("QuoteTotals", item.totals.as_dict())


def content_of(item: QuoteItem) -> QuoteContent:
    """What the store pushed, as stored: compared with a new push to see whether anything changed."""
    content: QuoteContent = {
        "kind": "configuration" if item.kind == "configuration" else "quote",
        "currency": str(item.currency),
        "lines": lines_of(item),
        "totals": totals_of(item),
    }
    if item.valid_until is not None:
        content["valid_until"] = str(item.valid_until)
    return content


def _entry(item: QuoteItem) -> QuoteEntryItem:
    return QuoteEntryItem(
        profile_key(str(item.store_id), str(item.email)),
        str(item.entry_sk),
        quote_id=item.quote_id,
        number=item.number,
        kind=item.kind,
        valid_until=item.valid_until,
        currency=item.currency,
        total=int(totals_of(item)["total"]),
        status=item.status,
        created_at=item.created_at,
    )


def _fill(item: QuoteItem, content: QuoteContent, now: str) -> None:
    item.kind = content["kind"]
    item.valid_until = content.get("valid_until")
    item.currency = content["currency"]
    item.lines = list(content["lines"])
    item.totals = dict(content["totals"])
    item.updated_at = now


def new_quote(store_id: str, quote_id: str, email: str, number: str, content: QuoteContent, now: str) -> QuoteItem:
    item = QuoteItem(
        quote_key(store_id, quote_id),
        QUOTE_SK,
        store_id=store_id,
        quote_id=quote_id,
        email=email,
        number=number,
        status=OPEN,
        entry_sk=entry_sk(now, quote_id),
        created_at=now,
    )
    _fill(item, content, now)
    return item


def create_quote(item: QuoteItem) -> None:
    """Write a new quote and its list entry (WriteConflict when another push created it first: the
    version condition of a new item is that none exists)."""
    with transaction() as tx:
        tx.save(item)
        tx.save(_entry(item))


def replace_content(item: QuoteItem, content: QuoteContent, now: str) -> None:
    """Write the store's new content over an open quote, and its summary over the entry (WriteConflict
    when the quote changed since `item` was read, or is no longer open)."""
    _fill(item, content, now)
    with transaction() as tx:
        tx.save(item, condition=QuoteItem.status == OPEN)
        tx.save(_entry(item))


def answer(item: QuoteItem, status: str, now: str, reason: str | None) -> None:
    """The customer's answer (accepted or declined at `now`), on the quote and its entry: WriteConflict
    unless the quote is still what `item` read (its version), open, and valid at `now`."""
    still_open = (QuoteItem.status == OPEN) & (QuoteItem.valid_until.does_not_exist() | (QuoteItem.valid_until > now))
    actions: list[Any] = [QuoteItem.status.set(status), QuoteItem.decided_at.set(now)]
    if reason:
        actions.append(QuoteItem.decline_reason.set(reason))
    with transaction() as tx:
        tx.update(item, actions=actions, condition=still_open)
        tx.update(_entry(item), actions=[QuoteEntryItem.status.set(status)])
    item.status, item.decided_at, item.decline_reason = status, now, reason or None


def list_page(store_id: str, email: str, limit: int, after: str | None) -> Page[QuoteEntryItem]:
    """The customer's quote entries, newest first, older than `after` (a sort key): one Query."""
    return newest_first(QuoteEntryItem, profile_key(store_id, email), ENTRY_PREFIX, limit, after)


def has_quotes(store_id: str, email: str) -> bool:
    """Whether the store sent any quote to this email (login.delivery: a customer the store knows)."""
    found = QuoteEntryItem.query(
        profile_key(store_id, email), QuoteEntryItem.sk.startswith(ENTRY_PREFIX), limit=1, attributes_to_get=["pk"]
    )
    return next(iter(found), None) is not None


def quotes_of(store_id: str, email: str) -> Iterator[QuoteItem]:
    """Every quote of the customer's, newest first, for the privacy export: their entries (a paged Query,
    followed as it is consumed), each quote read by its key."""
    found = QuoteEntryItem.query(
        profile_key(store_id, email), QuoteEntryItem.sk.startswith(ENTRY_PREFIX), scan_index_forward=False
    )
    for entry in found:
        item = get_quote(store_id, str(entry.quote_id))
        if item is not None and item.email == email:
            yield item
