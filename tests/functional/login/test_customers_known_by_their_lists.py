"""Who gets a login code (API.md sections 2, 11, 12): a customer the store pushed a saved cart or a quote
for is known to the store even without an order, so its email (which may link the cart or the quote)
leads somewhere; an email the store has nothing for still gets the same answer and no code."""

from __future__ import annotations

from devtools.emulator.gateway import Gateway
from devtools.emulator.outbox import sent_emails
from tests.functional.carts.conftest import cart_body, push
from tests.functional.quotes.helpers import put_quote, quote_body
from tests.harness.support import Client, Shop

CARTS_ONLY, QUOTES_ONLY, NOBODY = "carts@example.com", "quotes@example.com", "nobody@example.com"


def test_a_customer_with_only_a_saved_cart_logs_in_with_a_code(shop: Shop, gateway: Gateway) -> None:
    assert push(shop, "c1", cart_body(email=CARTS_ONLY)).status == 201
    assert shop.login_with_code(Client(gateway, host=shop.domain), CARTS_ONLY).status == 200


def test_a_customer_with_only_a_quote_logs_in_with_a_code(shop: Shop, gateway: Gateway) -> None:
    assert put_quote(shop, "q1", quote_body(email=QUOTES_ONLY)).status == 201
    assert shop.login_with_code(Client(gateway, host=shop.domain), QUOTES_ONLY).status == 200


def test_an_email_the_store_has_nothing_for_gets_the_same_answer_and_no_code(shop: Shop, gateway: Gateway) -> None:
    push(shop, "c1", cart_body(email=CARTS_ONLY))
    put_quote(shop, "q1", quote_body(email=QUOTES_ONLY))
    assert shop.send_code(Client(gateway, host=shop.domain), NOBODY).status == 202
    assert [email for email in sent_emails() if NOBODY in email["to"]] == []
    assert [email for email in sent_emails() if CARTS_ONLY in email["to"]] == []  # it asked for none
