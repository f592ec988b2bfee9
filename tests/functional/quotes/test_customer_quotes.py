"""The customer's quotes (API.md section 12): the list newest first with signed cursors, each with its
status at the time of the request; one quote; accepting (the store's cart link with the quote's lines,
`QuoteAccepted` with the quoted prices) and declining (`QuoteDeclined` with the reason), each once and
only while open and valid; another customer's or store's quote is 404, and so is everything while the
store has quotes switched off."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from access_center.core import clock as product_clock
from access_center.quotes.models import QuoteCart, QuoteList, QuoteView
from devtools.emulator.gateway import Gateway
from tests.functional.quotes.helpers import ANN, API, BOB, put_quote, quote_body, quote_items
from tests.harness.catalog import published
from tests.harness.clock import Clock
from tests.harness.models import answer
from tests.harness.support import Client, Shop


def _events(kind: str) -> list[dict[str, object]]:
    return [event["detail"] for event in published() if event["detail_type"] == kind]


def test_the_list_is_newest_first_in_pages_with_cursors_bound_to_it(
    quoting: Shop, ann: Client, clock: Clock, gateway: Gateway
) -> None:
    for n in range(1, 6):
        assert put_quote(quoting, f"q{n}", quote_body(f"Q-{n}")).status == 201
        clock.advance(60)
    assert put_quote(quoting, "bobs", quote_body("Q-B", email=BOB)).status == 201

    first = answer(QuoteList, ann.get(f"{API}?limit=2"))
    second = answer(QuoteList, ann.get(f"{API}?limit=2&cursor={quote(first['next_cursor'])}"))
    third = answer(QuoteList, ann.get(f"{API}?limit=2&cursor={quote(second['next_cursor'])}"))

    numbers = [q["number"] for page in (first, second, third) for q in page["quotes"]]
    assert numbers == ["Q-5", "Q-4", "Q-3", "Q-2", "Q-1"]
    assert third["next_cursor"] is None
    summary = first["quotes"][0]
    assert (summary["kind"], summary["status"], summary["total"], summary["currency"]) == (
        "configuration",
        "open",
        25200,
        "EUR",
    )
    bob = Client(gateway, host="shop.example")
    quoting.login(bob, BOB)
    assert bob.get(f"{API}?cursor={quote(first['next_cursor'])}").status == 400  # Ann's cursor
    assert [q["number"] for q in bob.get(API).json()["quotes"]] == ["Q-B"]
    assert ann.get(f"{API}?cursor=forged.cursor").status == 400
    assert ann.get(f"{API}?limit=0").status in (400, 422)


def test_a_quote_is_expired_once_valid_until_has_passed_decided_when_read(
    quoting: Shop, ann: Client, clock: Clock
) -> None:
    valid_until = product_clock.iso(clock.now + 3600)
    assert put_quote(quoting, "q1", quote_body(valid_until=valid_until)).status == 201
    assert put_quote(quoting, "q2", quote_body("Q-2", valid_until=None)).status == 201
    assert ann.get(f"{API}/q1").json()["status"] == "open"

    clock.advance(3600)

    assert answer(QuoteView, ann.get(f"{API}/q1"))["status"] == "expired"
    assert {q["quote_id"]: q["status"] for q in ann.get(API).json()["quotes"]} == {"q1": "expired", "q2": "open"}
    assert quoting.admin.get("/admin/stores/s1/quotes/q1").json()["status"] == "expired"
    refused = ann.post(f"{API}/q1/accept")
    assert refused.status == 409
    assert "expired" in refused.json()["message"]
    assert ann.post(f"{API}/q1/decline").status == 409
    assert _events("QuoteAccepted") == _events("QuoteDeclined") == []
    clock.advance(10 * 365 * 86400)  # no valid_until: open for as long as the store leaves it
    assert quoting.admin.get("/admin/stores/s1/quotes/q2").json()["status"] == "open"


def test_accepting_answers_the_cart_link_and_tells_the_store_the_quoted_prices(quoting: Shop, ann: Client) -> None:
    assert put_quote(quoting, "q1").status == 201

    accepted = ann.post(f"{API}/q1/accept")

    assert accepted.status == 200, accepted.body
    assert answer(QuoteCart, accepted) == {"cart_url": "https://shop.example/cart/GRN-1:1,FLT-100:2"}
    (event,) = _events("QuoteAccepted")
    assert event["store_id"] == "s1"
    assert event["email"] == ANN
    assert (event["quote_id"], event["number"], event["kind"], event["currency"]) == (
        "q1",
        "Q-1001",
        "configuration",
        "EUR",
    )
    assert [(x["sku"], x["quantity"], x["unit_price"]) for x in event["lines"]] == [  # type: ignore[attr-defined]
        ("GRN-1", 1, 24900),
        ("FLT-100", 2, 650),
    ]
    assert event["lines"][0]["options"] == [  # type: ignore[index]
        {"name": "Burr", "value": "Steel"},
        {"name": "Colour", "value": "Black"},
    ]
    assert event["totals"] == quote_body()["totals"] | {"shipping": 0, "tax": 0}
    assert event["cart_url"] == "https://shop.example/cart/GRN-1:1,FLT-100:2"
    shown = answer(QuoteView, ann.get(f"{API}/q1"))
    assert shown["status"] == "accepted"
    assert shown["decided_at"] == event["accepted_at"]
    assert ann.get(API).json()["quotes"][0]["status"] == "accepted"


def test_without_a_cart_link_accepting_answers_null_and_the_store_still_hears_it(quoting: Shop, ann: Client) -> None:
    quoting.settings(quotes_enabled=True)  # no cart_url_template
    assert put_quote(quoting, "q1").status == 201

    accepted = ann.post(f"{API}/q1/accept")

    assert accepted.status == 200
    assert answer(QuoteCart, accepted) == {"cart_url": None}
    (event,) = _events("QuoteAccepted")
    assert event["cart_url"] is None


def test_declining_keeps_the_reason_and_tells_the_store(quoting: Shop, ann: Client) -> None:
    assert put_quote(quoting, "q1").status == 201
    assert put_quote(quoting, "q2", quote_body("Q-2")).status == 201

    declined = ann.post(f"{API}/q1/decline", {"reason": "  Too dear for now\nthanks  "})
    silent = ann.post(f"{API}/q2/decline")

    assert declined.status == 200
    assert silent.status == 200
    shown = answer(QuoteView, declined)
    assert (shown["status"], shown["decline_reason"]) == ("declined", "Too dear for now\nthanks")
    assert "decline_reason" not in answer(QuoteView, silent)
    first, second = _events("QuoteDeclined")
    assert (first["quote_id"], first["reason"], first["email"]) == ("q1", "Too dear for now\nthanks", ANN)
    assert (second["quote_id"], second["reason"]) == ("q2", None)


@pytest.mark.parametrize(
    ("first", "then", "message"),
    [
        ("accept", "accept", "already accepted"),
        ("accept", "decline", "already accepted"),
        ("decline", "accept", "declined"),
        ("decline", "decline", "declined"),
    ],
)
def test_a_quote_is_answered_once_then_409_saying_why(
    quoting: Shop, ann: Client, first: str, then: str, message: str
) -> None:
    assert put_quote(quoting, "q1").status == 201
    assert ann.post(f"{API}/q1/{first}").status == 200
    stored = quote_items()
    events = published()

    refused = ann.post(f"{API}/q1/{then}")

    assert refused.status == 409
    assert refused.json()["error"] == "conflict"
    assert message in refused.json()["message"]
    assert quote_items() == stored
    assert published() == events


@pytest.mark.parametrize(
    "body",
    [{"reason": "x" * 1001}, {"reason": "bad\x00byte"}, {"reason": 5}, {"why": "x"}, []],
    ids=["1001 characters", "a control character", "a number", "an unknown field", "not an object"],
)
def test_a_bad_decline_is_a_4xx_and_writes_nothing(quoting: Shop, ann: Client, body: object) -> None:
    assert put_quote(quoting, "q1").status == 201
    stored = quote_items()

    refused = ann.post(f"{API}/q1/decline", body)

    assert 400 <= refused.status < 500
    assert set(refused.json()) <= {"error", "message", "details"}
    assert quote_items() == stored
    assert _events("QuoteDeclined") == []
    assert ann.post(f"{API}/q1/decline", {"reason": "x" * 1000}).status == 200


def test_hostile_json_to_decline_is_a_4xx_and_writes_nothing(quoting: Shop, ann: Client) -> None:
    assert put_quote(quoting, "q1").status == 201
    stored = quote_items()
    for raw in ('{"reason": ' + "9" * 5000 + "}", '{"x": ' + "[" * 1000 + "]" * 1000 + "}", "{"):
        refused = ann.post(f"{API}/q1/decline", raw=raw)
        assert 400 <= refused.status < 500, refused.body
        assert set(refused.json()) <= {"error", "message", "details"}
    assert quote_items() == stored


def test_another_customers_or_stores_quote_is_404_and_untouched(
    quoting: Shop, ann: Client, admin: Client, gateway: Gateway
) -> None:
    assert put_quote(quoting, "bobs", quote_body(email=BOB)).status == 201
    other = Shop.create(admin, "s2", "other.example", quotes_enabled=True)
    assert put_quote(other, "theirs", quote_body(), store_id="s2").status == 201  # Ann's, at another store
    stored = quote_items()

    for quote_id in ("bobs", "theirs", "nope"):
        for method, path in (("GET", ""), ("POST", "/accept"), ("POST", "/decline")):
            refused = ann.request(method, f"{API}/{quote_id}{path}")
            assert refused.status == 404, (quote_id, path)
            assert refused.json()["error"] == "not_found"
    assert ann.get(API).json()["quotes"] == []
    assert quote_items() == stored
    assert published() == []


def test_with_quotes_off_every_customer_route_is_404(shop: Shop, customer: Client) -> None:
    assert put_quote(shop, "q1").status == 201
    shop.login(customer, ANN)

    for method, path in (("GET", ""), ("GET", "/q1"), ("POST", "/q1/accept"), ("POST", "/q1/decline")):
        assert customer.request(method, f"{API}{path}").status == 404, path
    assert customer.get("/store/account/quotes").status == 404
    assert customer.get("/store/account/quotes/q1").status == 404
    assert published() == []
    assert shop.admin.get("/admin/stores/s1/quotes/q1").json()["status"] == "open"


def test_signed_out_is_401(quoting: Shop, customer: Client) -> None:
    assert put_quote(quoting, "q1").status == 201
    assert customer.get(API).status == 401
    assert customer.post(f"{API}/q1/accept").status == 401
    assert customer.get("/store/account/quotes").status == 303
