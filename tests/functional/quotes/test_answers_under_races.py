"""A quote is answered once, however many answers race (API.md section 12): the answer is a conditional
write (quotes.storage.answer), so of racing accepts exactly one wins and one event is published; an accept
racing a decline leaves one of them; a store push racing an accept never changes what was accepted; and
the condition itself refuses an answer written after `valid_until`, whatever the request read before.
The races run on the logic, as separate Lambda containers would (tests/harness/support.race)."""

from __future__ import annotations

import pytest

from access_center.core import clock as product_clock
from access_center.db.transactions import WriteConflict
from access_center.quotes import logic
from access_center.quotes import storage as db
from access_center.quotes.models import QuoteIn
from access_center.stores.logic import get_store
from tests.functional.quotes.helpers import ANN, put_quote, quote_body
from tests.harness.catalog import published
from tests.harness.clock import Clock
from tests.harness.support import Shop, race


def _kinds() -> list[str]:
    return [event["detail_type"] for event in published() if event["detail_type"].startswith("Quote")]


def test_of_racing_accepts_exactly_one_wins_and_one_event_is_published(quoting: Shop) -> None:
    assert put_quote(quoting, "q1").status == 201
    store = get_store("s1")

    results = race(lambda _: logic.accept(store, ANN, "q1"), 6)

    won = [r for r in results if isinstance(r, dict)]
    assert len(won) == 1, results
    assert won[0]["cart_url"] == "https://shop.example/cart/GRN-1:1,FLT-100:2"
    assert sorted(r for r in results if not isinstance(r, dict)) == [409] * 5
    assert _kinds() == ["QuoteAccepted"]
    assert logic.one(store, ANN, "q1")["status"] == "accepted"


def test_an_accept_racing_a_decline_leaves_exactly_one_answer(quoting: Shop) -> None:
    assert put_quote(quoting, "q1").status == 201
    store = get_store("s1")

    def answer(i: int) -> object:
        return logic.accept(store, ANN, "q1") if i % 2 else logic.decline(store, ANN, "q1", "no")

    results = race(answer, 4)

    assert sum(1 for r in results if r != 409) == 1, results
    (kind,) = _kinds()
    expected = "accepted" if kind == "QuoteAccepted" else "declined"
    assert logic.one(store, ANN, "q1")["status"] == expected
    entries = logic.list_for_customer(store, ANN, 10, None)["quotes"]
    assert [entry["status"] for entry in entries] == [expected]


def test_a_push_racing_an_accept_never_changes_what_was_accepted(quoting: Shop) -> None:
    assert put_quote(quoting, "q1").status == 201
    store = get_store("s1")
    cheaper = QuoteIn.model_validate(quote_body(totals={"subtotal": 100, "total": 100}))

    results = race(lambda i: logic.accept(store, ANN, "q1") if i == 0 else logic.put("s1", "q1", cheaper), 2)

    (event,) = [e["detail"] for e in published() if e["detail_type"] == "QuoteAccepted"]
    stored = logic.one(store, ANN, "q1")
    assert stored["status"] == "accepted"
    assert event["totals"] == stored["totals"]  # the store hears exactly what the quote says now
    if results[1] == 409:  # the accept came first: the push found the quote answered
        assert stored["totals"]["total"] == 25200
    else:
        assert stored["totals"]["total"] == 100


def test_the_answers_condition_refuses_a_write_after_valid_until(quoting: Shop, clock: Clock) -> None:
    valid_until = product_clock.iso(clock.now + 60)
    assert put_quote(quoting, "q1", quote_body(valid_until=valid_until)).status == 201
    item = db.get_quote("s1", "q1")
    assert item is not None

    with pytest.raises(WriteConflict):  # read while valid, written at valid_until: refused by the table
        db.answer(item, "accepted", valid_until, None)

    assert db.get_quote("s1", "q1").status == "open"  # type: ignore[union-attr]
    db.answer(item, "accepted", product_clock.iso(clock.now + 59), None)
    assert db.get_quote("s1", "q1").status == "accepted"  # type: ignore[union-attr]
