"""The Contact page (ListPagesFunction), without JavaScript, signed in or not: the form, a message sent
(back to the page, which says so), refusals shown beside their field with what was typed, the limits,
and 404 where the store has the form off; the login page and the account navigation link to it."""

from __future__ import annotations

import re
from html import unescape

from devtools.emulator.gateway import Reply
from tests.functional.contact.conftest import ANN, PAGE, contact_emails
from tests.harness.backends import data_items
from tests.harness.streams import drain_message_stream
from tests.harness.support import Client, Shop


def _csrf(reply: Reply) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', reply.body.decode())
    assert found, "no form token on the page"
    return unescape(found.group(1))


def _text(reply: Reply) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", unescape(reply.body.decode())).split())


def _post(client: Client, **fields: str) -> Reply:
    token = _csrf(client.get(PAGE))
    return client.form(PAGE, {"csrf": token, **fields})


def _written() -> int:
    return len([i for i in data_items("MessagesTable") if i["sk"]["S"] == "contact"])


def test_signed_out_the_page_asks_for_the_email_and_sends_to_the_store(on: Shop, visitor: Client) -> None:
    page = visitor.get(PAGE)
    assert page.status == 200
    html = page.body.decode()
    assert 'name="email"' in html
    assert 'name="order_id"' not in html
    sent = _post(visitor, email="v@example.com", subject="Opening hours?", body="When are you open?")
    assert sent.status == 303
    assert sent.header("Location") == "/store/account/contact?sent=1"
    assert "your message is on its way to Shop One" in _text(visitor.get(sent.header("Location") or ""))
    assert drain_message_stream() == []
    (email,) = contact_emails()
    assert email["reply_to"] == "v@example.com"
    assert email["to"] == ["help@shop.example"]


def test_signed_in_the_page_offers_the_customers_orders_and_names_the_chosen_one(on: Shop, ann: Client) -> None:
    page = ann.get(PAGE)
    html = page.body.decode()
    assert 'name="email"' not in html
    assert '<option value="o1">' in html
    assert 'value="o2"' not in html  # Bob's
    assert ANN in _text(page)
    assert 'href="/store/account/contact" aria-current="page"' in html  # "Contact" in the account's navigation
    assert _post(ann, subject="Grinder", body="Where is it?", order_id="o1").status == 303
    assert drain_message_stream() == []
    (email,) = contact_emails()
    assert email["reply_to"] == ANN
    assert "#1001" in email["text"]


def test_a_refused_form_is_the_page_again_with_what_was_typed_and_the_error_beside_the_field(
    on: Shop, visitor: Client
) -> None:
    reply = _post(visitor, email="v@example.com", subject="Two\r\nlines", body="Kept <b>text</b>")
    assert reply.status == 400
    html = reply.body.decode()
    assert 'id="contact-subject"' in html
    assert 'aria-invalid="true"' in html
    assert "The subject must be one line of text" in _text(reply)
    assert "Kept &lt;b&gt;text&lt;/b&gt;" in html
    missing = _post(visitor, subject="Hi", body="No email")
    assert missing.status == 422
    assert "Enter your email" in _text(missing)
    too_long = _post(visitor, email="v@example.com", subject="Hi", body="x" * 5001)
    assert too_long.status == 400
    assert "Keep the message under 5,000 characters." in _text(too_long)
    assert _written() == 0


def test_another_customers_order_is_refused_on_the_page(on: Shop, ann: Client) -> None:
    reply = _post(ann, subject="Hi", body="About Bob's", order_id="o2")
    assert reply.status == 404
    assert "Choose one of your orders" in _text(reply)
    assert _written() == 0


def test_past_the_hours_budget_the_page_says_so_with_retry_after(on: Shop, visitor: Client) -> None:
    for i in range(5):
        assert _post(visitor, email=f"v{i}@example.com", subject="Hi", body="Hello").status == 303
    reply = _post(visitor, email="v9@example.com", subject="Hi", body="Hello")
    assert reply.status == 429
    assert reply.header("Retry-After")
    assert "5 messages in the last hour" in _text(reply)


def test_a_post_without_the_forms_token_is_refused(on: Shop, visitor: Client) -> None:
    visitor.get(PAGE)
    reply = visitor.form(PAGE, {"csrf": "forged", "email": "v@example.com", "subject": "Hi", "body": "Hello"})
    assert reply.status == 403
    assert _written() == 0


def test_the_login_page_links_to_the_form_where_the_store_has_it(on: Shop, visitor: Client) -> None:
    assert 'href="/store/account/contact"' in visitor.get("/store/account/login").body.decode()


def test_a_store_with_the_form_off_has_no_page_and_no_links(shop: Shop, customer: Client) -> None:
    assert customer.get(PAGE).status == 404
    assert customer.form(PAGE, {"csrf": "x", "subject": "Hi", "body": "Hello"}).status == 404
    assert "/contact" not in customer.get("/store/account/login").body.decode()
    shop.login(customer, ANN)
    assert customer.get(PAGE).status == 404
    assert "/contact" not in customer.get("/store/account/profile").body.decode()
