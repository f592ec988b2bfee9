"""Store systems push quotes and configurations (API.md section 12): 201 then 200, the same body again
writes nothing, `email` and `number` never change, an answered quote no longer changes, and what is not a
quote (too many lines or options, long texts, huge numbers, calendar extremes) is a 4xx that writes nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest

from access_center.quotes.models import StoreQuoteView
from tests.functional.quotes.helpers import ANN, API, BOB, line, put_quote, quote_body, quote_items
from tests.harness.catalog import published
from tests.harness.models import answer
from tests.harness.support import Client, Shop


def test_a_pushed_quote_is_201_then_200_and_the_same_body_writes_nothing(quoting: Shop) -> None:
    created = put_quote(quoting, "q1", quote_body(email="  Ann@Example.COM "))
    assert created.status == 201, created.body
    shown = answer(StoreQuoteView, created)
    assert (shown["quote_id"], shown["email"], shown["status"], shown["kind"]) == ("q1", ANN, "open", "configuration")
    assert shown["lines"][0]["options"] == [{"name": "Burr", "value": "Steel"}, {"name": "Colour", "value": "Black"}]
    assert shown["lines"][1]["options"] == []
    assert shown["totals"] == {"subtotal": 26200, "discount": 1000, "shipping": 0, "tax": 0, "total": 25200}
    stored = quote_items()
    assert [item["pk"]["S"] for item in stored] == ["s1#ann@example.com", "s1#quote#q1"]

    again = put_quote(quoting, "q1")

    assert again.status == 200
    assert answer(StoreQuoteView, again) == shown
    assert quote_items() == stored
    assert published() == []  # a push tells the store nothing it does not know


def test_a_change_is_200_and_the_customers_list_shows_it_where_it_was(quoting: Shop, ann: Client) -> None:
    assert put_quote(quoting, "q1").status == 201
    before = ann.get(API).json()["quotes"][0]

    changed = put_quote(quoting, "q1", quote_body(lines=[line(quantity=3)], totals={"subtotal": 74700, "total": 74700}))

    assert changed.status == 200
    assert changed.json()["lines"] == [line(quantity=3, options=[])]
    after = ann.get(API).json()["quotes"]
    assert len(after) == 1
    assert (after[0]["total"], after[0]["created_at"]) == (74700, before["created_at"])
    assert ann.get(f"{API}/q1").json()["totals"]["total"] == 74700


def test_the_store_reads_a_quote_back_with_its_status_decision_and_reason(quoting: Shop, ann: Client) -> None:
    assert put_quote(quoting, "q1").status == 201
    assert ann.post(f"{API}/q1/decline", {"reason": "Too dear\nfor now"}).status == 200

    read = quoting.admin.get("/admin/stores/s1/quotes/q1")

    assert read.status == 200
    shown = answer(StoreQuoteView, read)
    assert (shown["status"], shown["decline_reason"], shown["email"]) == ("declined", "Too dear\nfor now", ANN)
    assert shown["decided_at"].endswith("Z")


@pytest.mark.parametrize(("field", "value"), [("email", BOB), ("number", "Q-2000")])
def test_changing_the_email_or_number_is_409_and_writes_nothing(quoting: Shop, field: str, value: str) -> None:
    assert put_quote(quoting, "q1").status == 201
    stored = quote_items()

    refused = put_quote(quoting, "q1", quote_body(**{field: value}))

    assert refused.status == 409
    assert refused.json()["error"] == "conflict"
    assert quote_items() == stored


@pytest.mark.parametrize("answer_path", ["accept", "decline"])
def test_an_answered_quote_no_longer_changes_but_the_same_body_is_still_200(
    quoting: Shop, ann: Client, answer_path: str
) -> None:
    assert put_quote(quoting, "q1").status == 201
    assert ann.post(f"{API}/q1/{answer_path}").status == 200
    stored = quote_items()

    assert put_quote(quoting, "q1").status == 200
    refused = put_quote(quoting, "q1", quote_body(valid_until="2099-06-01T00:00:00Z"))

    assert refused.status == 409
    assert "can no longer change" in refused.json()["message"]
    assert quote_items() == stored


def test_an_unknown_store_is_404_and_an_unknown_quote_is_404_to_read(quoting: Shop) -> None:
    assert put_quote(quoting, "q1", store_id="nope").status == 404
    assert quoting.admin.get("/admin/stores/s1/quotes/q404").status == 404
    assert quoting.admin.get("/admin/stores/nope/quotes/q1").status == 404
    assert quote_items() == []


def test_a_store_with_quotes_off_still_takes_pushes(shop: Shop) -> None:
    assert put_quote(shop, "q1").status == 201
    assert shop.admin.get("/admin/stores/s1/quotes/q1").json()["status"] == "open"


def _refused(quoting: Shop, body: Any, raw: str | None = None) -> None:
    sent = quoting.admin.put("/admin/stores/s1/quotes/q1", body, raw=raw)
    assert 400 <= sent.status < 500, (sent.status, sent.body)
    assert set(sent.json()) <= {"error", "message", "details"}
    assert quote_items() == []


def _long_option() -> dict[str, Any]:
    return quote_body(lines=[line(options=[{"name": "Engraving", "value": "x" * 201}])])


BAD_BODIES = {
    "no lines": quote_body(lines=[]),
    "201 lines": quote_body(lines=[line(f"l{n}") for n in range(201)]),
    "21 options": quote_body(lines=[line(options=[{"name": f"o{n}", "value": "v"} for n in range(21)])]),
    "a 201-character option": _long_option(),
    "a 201-character name": quote_body(lines=[line(name="n" * 201)]),
    "a line twice": quote_body(lines=[line(), line()]),
    "another kind": quote_body(kind="estimate"),
    "a price as text": quote_body(lines=[{**line(), "unit_price": "12"}]),
    "a negative quantity": quote_body(lines=[line(quantity=-1)]),
    "a lower-case currency": quote_body(currency="eur"),
    "no totals": {k: v for k, v in quote_body().items() if k != "totals"},
    "an unknown field": quote_body(discount_code="X"),
    "a line break in the number": quote_body(number="Q-1\r\nX-Header: 1"),
    "year 10000 in UTC": quote_body(valid_until="9999-12-31T23:59:59-23:59"),
    "year 0": quote_body(valid_until="0000-01-01T00:00:00Z"),
    "not a date": quote_body(valid_until="tomorrow"),
    "an email that is not one": quote_body(email="ann"),
}


@pytest.mark.parametrize("body", BAD_BODIES.values(), ids=BAD_BODIES.keys())
def test_what_is_not_a_quote_is_a_4xx_in_the_contract_shape_and_writes_nothing(quoting: Shop, body: Any) -> None:
    _refused(quoting, body)


@pytest.mark.parametrize(
    "raw",
    ['{"number": ' + "9" * 5000 + "}", json.dumps(quote_body()).replace("24900", "9" * 5000), "[" * 1000, "{"],
    ids=["5000-digit number", "5000-digit price", "nested 1000 deep", "not JSON"],
)
def test_hostile_json_is_a_4xx_and_writes_nothing(quoting: Shop, raw: str) -> None:
    _refused(quoting, None, raw)


def test_the_largest_quote_the_limits_allow_is_stored_whole(quoting: Shop, ann: Client) -> None:
    lines = [line(f"l{n}", f"SKU-{n}", options=[{"name": "o", "value": "v"}]) for n in range(200)]
    assert put_quote(quoting, "q1", quote_body(lines=lines)).status == 201
    assert len(ann.get(f"{API}/q1").json()["lines"]) == 200
    twenty = [{"name": f"Option {n}", "value": "v" * 200} for n in range(20)]
    assert put_quote(quoting, "q2", quote_body(number="Q-2", lines=[line(options=twenty)])).status == 201
