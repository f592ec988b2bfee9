"""The Quotes pages without JavaScript (ListPagesFunction): the list in the account's navigation, a quote's
printable page with its lines, options, totals, validity and status, the Accept button (a page with the
store's cart link, or saying the store has it) and the decline form with its optional reason; a refused
answer shows the quote again saying why, and writes nothing."""

from __future__ import annotations

import re
from html import unescape

from devtools.emulator.gateway import Reply
from tests.functional.quotes.helpers import API, put_quote, quote_body, quote_items
from tests.harness.catalog import published
from tests.harness.clock import Clock
from tests.harness.support import Client, Shop

PAGE = "/store/account/quotes"


def _csrf(reply: Reply) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', reply.body.decode())
    assert found, "no form token on the page"
    return unescape(found.group(1))


def _text(reply: Reply) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", unescape(reply.body.decode())).split())


def test_the_account_navigation_links_the_quotes_page_only_where_the_store_offers_quotes(
    quoting: Shop, ann: Client
) -> None:
    assert f'href="{PAGE}"' in ann.get("/store/account/profile").body.decode()
    quoting.settings()
    assert f'href="{PAGE}"' not in ann.get("/store/account/profile").body.decode()
    assert ann.get(PAGE).status == 404


def test_the_list_shows_number_kind_total_validity_and_status(quoting: Shop, ann: Client) -> None:
    assert ann.get(PAGE).status == 200
    assert "No quotes yet." in _text(ann.get(PAGE))
    assert put_quote(quoting, "q1", quote_body(valid_until="2099-01-01T12:00:00Z")).status == 201
    assert put_quote(quoting, "q2", quote_body("Q-2", kind="quote", valid_until=None)).status == 201
    assert ann.post(f"{API}/q2/decline").status == 200

    text = _text(ann.get(PAGE))

    assert "Q-1001 Configuration €252.00 January 1, 2099 Open" in text
    assert "Q-2 Quote €252.00 — Declined" in text
    assert f'href="{PAGE}/q1"' in ann.get(PAGE).body.decode()


def test_a_quote_page_shows_lines_with_options_totals_and_validity_and_prints(quoting: Shop, ann: Client) -> None:
    assert put_quote(quoting, "q1").status == 201

    reply = ann.get(f"{PAGE}/q1")

    assert reply.status == 200
    html, text = reply.body.decode(), _text(reply)
    assert "<title>Configuration Q-1001 · Shop One</title>" in html
    assert "Grinder SKU GRN-1 Burr: Steel Colour: Black 1 €249.00 €249.00" in text
    assert "Grinder SKU FLT-100 2 €6.50 €13.00" in text
    assert "Discount -€10.00" in text
    assert "Total €252.00" in text
    assert "Valid until January 1, 2099" in text
    assert "data-print" in html
    assert "print this page" in text
    assert 'name="action" value="accept"' in html
    assert 'name="action" value="decline"' in html


def test_accepting_on_the_page_answers_the_cart_link(quoting: Shop, ann: Client) -> None:
    assert put_quote(quoting, "q1").status == 201
    page = ann.get(f"{PAGE}/q1")

    accepted = ann.form(f"{PAGE}/q1", {"csrf": _csrf(page), "action": "accept"})

    assert accepted.status == 200
    assert 'href="https://shop.example/cart/GRN-1:1,FLT-100:2"' in accepted.body.decode()
    assert "Quote accepted" in _text(accepted)
    assert [e["detail_type"] for e in published()] == ["QuoteAccepted"]
    shown = _text(ann.get(f"{PAGE}/q1"))
    assert "You accepted this quote on" in shown
    assert 'name="action"' not in ann.get(f"{PAGE}/q1").body.decode()


def test_without_a_cart_link_the_page_says_the_store_has_the_acceptance(quoting: Shop, ann: Client) -> None:
    quoting.settings(quotes_enabled=True)
    assert put_quote(quoting, "q1").status == 201
    page = ann.get(f"{PAGE}/q1")

    accepted = ann.form(f"{PAGE}/q1", {"csrf": _csrf(page), "action": "accept"})

    assert accepted.status == 200
    assert "Shop One has your acceptance of quote Q-1001" in _text(accepted)
    assert "Go to your cart" not in _text(accepted)


def test_declining_on_the_page_comes_back_to_the_quote_with_the_reason(quoting: Shop, ann: Client) -> None:
    assert put_quote(quoting, "q1").status == 201
    page = ann.get(f"{PAGE}/q1")

    declined = ann.form(f"{PAGE}/q1", {"csrf": _csrf(page), "action": "decline", "reason": "Too dear <b>now</b>"})

    assert declined.status == 303
    assert declined.header("Location") == f"{PAGE}/q1"
    again = ann.get(f"{PAGE}/q1")
    assert "You declined this quote on" in _text(again)
    assert 'Your reason: <span class="free-text">Too dear &lt;b&gt;now&lt;/b&gt;</span>' in again.body.decode()
    (event,) = [e["detail"] for e in published() if e["detail_type"] == "QuoteDeclined"]
    assert event["reason"] == "Too dear <b>now</b>"


def test_a_refused_reason_shows_the_quote_again_as_typed_and_writes_nothing(quoting: Shop, ann: Client) -> None:
    assert put_quote(quoting, "q1").status == 201
    page = ann.get(f"{PAGE}/q1")
    stored = quote_items()

    refused = ann.form(f"{PAGE}/q1", {"csrf": _csrf(page), "action": "decline", "reason": "y" * 1001})

    assert refused.status == 400
    html = refused.body.decode()
    assert "Keep the reason under 1,000 characters." in _text(refused)
    assert 'aria-invalid="true"' in html
    assert "y" * 1001 in html
    assert quote_items() == stored
    assert published() == []


def test_an_expired_quote_is_409_on_the_page_saying_so(quoting: Shop, ann: Client, clock: Clock) -> None:
    from access_center.core import clock as product_clock

    assert put_quote(quoting, "q1", quote_body(valid_until=product_clock.iso(clock.now + 600))).status == 201
    page = ann.get(f"{PAGE}/q1")
    clock.advance(600)

    refused = ann.form(f"{PAGE}/q1", {"csrf": _csrf(page), "action": "accept"})

    assert refused.status == 409
    text = _text(refused)
    assert "This quote has expired" in text
    assert "This quote expired on" in text
    assert published() == []


def _seen(reply: Reply) -> str:
    found = re.search(r'name="seen" value="([^"]+)"', reply.body.decode())
    assert found, "the answer forms carry the quote as it was shown"
    return unescape(found.group(1))


def test_an_answer_to_a_quote_the_store_changed_since_it_was_shown_is_refused(
    quoting: Shop, ann: Client, clock: Clock
) -> None:
    assert put_quote(quoting, "q1").status == 201
    page = ann.get(f"{PAGE}/q1")
    clock.advance(60)
    changed = quote_body(totals={"subtotal": 26200, "discount": 0, "shipping": 0, "tax": 0, "total": 26200})
    assert put_quote(quoting, "q1", changed).status == 200

    refused = ann.form(f"{PAGE}/q1", {"csrf": _csrf(page), "action": "accept", "seen": _seen(page)})

    assert refused.status == 409
    assert "The store changed this quote after you opened it" in _text(refused)
    assert published() == []
    again = ann.get(f"{PAGE}/q1")  # the quote as it now stands, answered as seen
    accepted = ann.form(f"{PAGE}/q1", {"csrf": _csrf(again), "action": "accept", "seen": _seen(again)})
    assert accepted.status == 200
    assert [e["detail"]["totals"]["total"] for e in published()] == [26200]


def test_a_form_without_its_token_is_403_and_another_customers_quote_404(quoting: Shop, ann: Client) -> None:
    assert put_quote(quoting, "q1").status == 201
    assert put_quote(quoting, "bobs", quote_body(email="bob@example.com")).status == 201
    page = ann.get(f"{PAGE}/q1")

    assert ann.form(f"{PAGE}/q1", {"action": "accept"}).status == 403
    assert ann.form(f"{PAGE}/q1", {"csrf": "forged", "action": "accept"}).status == 403
    assert ann.get(f"{PAGE}/bobs").status == 404
    assert ann.form(f"{PAGE}/bobs", {"csrf": _csrf(page), "action": "accept"}).status == 404
    assert ann.form(f"{PAGE}/q1", {"csrf": _csrf(page), "action": "buy"}).status == 400
    assert published() == []
    assert ann.get(f"{API}/q1").json()["status"] == "open"


def test_signed_out_the_pages_go_to_login_and_back(quoting: Shop, customer: Client) -> None:
    assert put_quote(quoting, "q1").status == 201
    away = customer.get(f"{PAGE}/q1")
    assert away.status == 303
    assert str(away.header("Location")).startswith("/store/account/login")
