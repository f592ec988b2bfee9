"""Quotes and configurations (API.md section 12): store systems push them for a customer (the number
and the email never change; a quote the customer has answered is closed to changes); the customer
lists them, reads one, accepts it (the store's cart with its lines, and `QuoteAccepted` with the quoted
prices for the store to honour) or declines it (`QuoteDeclined`, with a reason). Accepting or declining
happens once: a conditional write (quotes.storage.answer), so of racing answers exactly one wins.
Customer routes and pages are 404 while the store has `quotes_enabled` off; the store's routes are not."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, cast

from access_center.core import clock, cursor
from access_center.core.errors import Conflict, NotFound
from access_center.core.i18n import N_
from access_center.core.observability import count
from access_center.db.retry import retry_on_conflict
from access_center.quotes import notices, rules
from access_center.quotes import storage as db
from access_center.stores.logic import Store, get_store

if TYPE_CHECKING:
    from collections.abc import Iterator

    from access_center.quotes.items import QuoteEntryItem, QuoteItem
    from access_center.quotes.models import QuoteIn
    from access_center.quotes.shapes import (
        QuoteCart,
        QuoteContent,
        QuoteList,
        QuoteSummary,
        QuoteView,
        StoreQuoteView,
    )

MAX_PAGE = 50
NO_SUCH_QUOTE = N_("No such quote.")
NOT_OFFERED = N_("This store does not offer quotes here.")
BUSY = N_("The quote is being changed. Try again.")
# A quote its customer has answered stays as they answered it: the store pushes a new one instead.
ANSWERED_ACCEPTED = N_("The customer has accepted this quote: it can no longer change. Push a new quote instead.")
ANSWERED_DECLINED = N_("The customer has declined this quote: it can no longer change. Push a new quote instead.")
# Why the customer cannot answer a quote any more.
EXPIRED = N_("This quote has expired: ask the store for a new one.")
ALREADY_ACCEPTED = N_("This quote is already accepted.")
ALREADY_DECLINED = N_("This quote was declined.")
CHANGED = N_("The store changed this quote after you opened it: check it again before you answer.")


def require_on(store: Store) -> None:
    """NotFound where the store has switched quotes off: the customer's routes and pages do not exist."""
    if not store.settings.quotes_enabled:
        raise NotFound(NOT_OFFERED)


def _now() -> str:
    return clock.iso(clock.now())


def view(item: QuoteItem, now: str) -> QuoteView:
    """The quote as its customer sees it at `now` (`expired` decided here)."""
    content = db.content_of(item)
    shown: QuoteView = {
        "quote_id": str(item.quote_id),
        "number": str(item.number),
        "kind": content["kind"],
        "status": rules.status(str(item.status), item.valid_until, now),
        "currency": content["currency"],
        "lines": content["lines"],
        "totals": content["totals"],
        "created_at": str(item.created_at),
        "updated_at": str(item.updated_at),
    }
    if "valid_until" in content:
        shown["valid_until"] = content["valid_until"]
    if item.decided_at:
        shown["decided_at"] = str(item.decided_at)
    if item.decline_reason:
        shown["decline_reason"] = str(item.decline_reason)
    return shown


def store_view(item: QuoteItem, now: str) -> StoreQuoteView:
    return {**view(item, now), "email": str(item.email)}


# ---- the store's side


def put(store_id: str, quote_id: str, body: QuoteIn) -> tuple[bool, StoreQuoteView]:
    """Create or change the quote (True: created). The same content again writes nothing; Conflict for
    another email or number, or for a change to a quote its customer has answered."""
    get_store(store_id)  # NotFound for a store that does not exist
    content = cast("QuoteContent", body.model_dump(include={"kind", "valid_until", "currency", "lines", "totals"}))
    if content.get("valid_until") is None:
        content.pop("valid_until", None)

    def attempt() -> tuple[bool, StoreQuoteView]:
        now = _now()
        previous = db.get_quote(store_id, quote_id)
        if previous is None:
            item = db.new_quote(store_id, quote_id, body.email, body.number, content, now)
            db.create_quote(item)
            return True, store_view(item, now)
        if previous.email != body.email:
            raise Conflict(N_("A quote's email cannot change: push a new quote for another customer."))
        if previous.number != body.number:
            raise Conflict(N_("A quote's number cannot change: push a new quote under a new id."))
        if db.content_of(previous) == content:
            return False, store_view(previous, now)
        if previous.status == rules.ACCEPTED:
            raise Conflict(ANSWERED_ACCEPTED)
        if previous.status != rules.OPEN:
            raise Conflict(ANSWERED_DECLINED)
        db.replace_content(previous, content, now)
        return False, store_view(previous, now)

    created, shown = retry_on_conflict(attempt, lambda: Conflict(BUSY))
    count("QuotesCreated" if created else "QuotesPushed")
    return created, shown


def for_store(store_id: str, quote_id: str) -> StoreQuoteView:
    get_store(store_id)
    item = db.get_quote(store_id, quote_id)
    if item is None:
        raise NotFound(
            N_("No quote %(quote_id)s at store %(store_id)s."), quote_id=repr(quote_id), store_id=repr(store_id)
        )
    return store_view(item, _now())


# ---- the customer's side


def _theirs(store: Store, email: str, quote_id: str) -> QuoteItem:
    """The customer's quote; NotFound for none, and for another customer's (the same answer)."""
    item = db.get_quote(store.store_id, quote_id)
    if item is None or item.email != email:
        raise NotFound(NO_SUCH_QUOTE)
    return item


def list_for_customer(store: Store, email: str, limit: int, after: str | None) -> QuoteList:
    """A page of the customer's quotes, newest first. A cursor answers only for its own list: one from
    another customer or store is a 400."""
    require_on(store)
    partition = f"quotes#{store.store_id}#{email}"
    start = cursor.decode(partition, after) if after else None
    found = db.list_page(store.store_id, email, min(max(limit, 1), MAX_PAGE), start)
    now = _now()
    return {
        "quotes": [_summary(entry, now) for entry in found.items],
        "next_cursor": cursor.encode(partition, found.last) if found.more and found.last else None,
    }


def _summary(entry: QuoteEntryItem, now: str) -> QuoteSummary:
    shown: QuoteSummary = {
        "quote_id": str(entry.quote_id),
        "number": str(entry.number),
        "kind": "configuration" if entry.kind == "configuration" else "quote",
        "status": rules.status(str(entry.status), entry.valid_until, now),
        "currency": str(entry.currency),
        "total": int(entry.total),
        "created_at": str(entry.created_at),
    }
    if entry.valid_until:
        shown["valid_until"] = str(entry.valid_until)
    return shown


def one(store: Store, email: str, quote_id: str) -> QuoteView:
    require_on(store)
    return view(_theirs(store, email, quote_id), _now())


Answer = Literal["accepted", "declined"]


def _refuse_unless_open(current: str) -> None:
    """Conflict, saying why, for a quote that can no longer be answered."""
    if current == rules.EXPIRED:
        raise Conflict(EXPIRED)
    if current == rules.ACCEPTED:
        raise Conflict(ALREADY_ACCEPTED)
    if not rules.answerable(current):
        raise Conflict(ALREADY_DECLINED)


def _answer(
    store: Store, email: str, quote_id: str, status: Answer, reason: str | None, seen: str | None
) -> tuple[QuoteItem, str]:
    """Accept or decline the customer's quote once: (the quote as answered, when). Conflict, saying why,
    when it is expired, accepted or declined, also when a racing answer won, and, where the customer
    answers the quote as they saw it (`seen`: its `updated_at` then, as the quote page's forms send it),
    when the store changed it since."""
    require_on(store)

    def attempt() -> tuple[QuoteItem, str]:
        item = _theirs(store, email, quote_id)
        now = _now()
        _refuse_unless_open(rules.status(str(item.status), item.valid_until, now))
        if seen and seen != str(item.updated_at):
            raise Conflict(CHANGED)
        db.answer(item, status, now, reason)
        return item, now

    return retry_on_conflict(attempt, lambda: Conflict(BUSY))


def accept(store: Store, email: str, quote_id: str, seen: str | None = None) -> QuoteCart:
    """The store's cart link with the quote's lines (None where the store has no cart link), after
    telling the store what was accepted at which prices."""
    item, now = _answer(store, email, quote_id, rules.ACCEPTED, None, seen)
    lines = db.lines_of(item)
    cart_url = rules.cart_url(store.settings.cart_url_template, lines)
    notices.accepted(store.store_id, email, item, lines, db.totals_of(item), cart_url, now)
    count("QuotesAccepted")
    return {"cart_url": cart_url}


def decline(store: Store, email: str, quote_id: str, reason: str | None, seen: str | None = None) -> QuoteView:
    item, now = _answer(store, email, quote_id, rules.DECLINED, reason, seen)
    notices.declined(store.store_id, email, item, reason, now)
    count("QuotesDeclined")
    return view(item, now)


def exported(store_id: str, email: str) -> Iterator[QuoteView]:
    """Each of the customer's quotes as they see it (with when and why they answered), newest first:
    the privacy export's `quotes` section."""
    now = _now()
    for item in db.quotes_of(store_id, email):
        yield view(item, now)
