"""POST /store/account/api/contact (API.md section 12): signed in or not, what is written, what is
refused, the store's email and event from the Messages stream, the limits and the switch."""

from __future__ import annotations

from typing import Any

import pytest

from access_center.contact.models import ContactSent
from tests.functional.contact.conftest import ANN, API, BOB, contact_emails, message, send
from tests.harness.backends import data_items
from tests.harness.catalog import published
from tests.harness.models import answer
from tests.harness.streams import drain_message_stream
from tests.harness.support import Client, Shop


def _contact_items() -> list[dict[str, Any]]:
    """The contact form's items: the messages (Messages table) and the senders' entries (Customers)."""
    messages = [i for i in data_items("MessagesTable") if i["sk"]["S"] == "contact"]
    entries = [i for i in data_items("CustomersTable") if i["sk"]["S"].startswith("contact#")]
    return messages + entries


def _events() -> list[dict[str, Any]]:
    return [event["detail"] for event in published() if event["detail_type"] == "ContactMessage"]


def test_a_signed_in_customer_reaches_the_support_address_with_reply_to_them_and_the_order(
    on: Shop, ann: Client
) -> None:
    reply = send(ann, message(order_id="o1"))
    assert reply.status == 202, reply.body
    assert answer(ContactSent, reply) == {"status": "sent"}
    assert contact_emails() == []  # the stream sends it, not the request

    assert drain_message_stream() == []

    (email,) = contact_emails()
    assert email["to"] == ["help@shop.example"]
    assert email["reply_to"] == ANN
    assert email["subject"] == "Contact form: Where is my grinder?"
    assert "Hello,\nit has not arrived yet." in email["text"]
    assert "#1001" in email["text"]
    assert "#1001" in email["html"]
    assert "logged in" in email["text"]
    (event,) = _events()
    assert event == {
        "store_id": "s1",
        "email": ANN,
        "subject": "Where is my grinder?",
        "body": "Hello,\nit has not arrived yet.",
        "order_id": "o1",
        "order_number": "1001",
        "message_id": event["message_id"],
        "signed_in": True,
        "sent_at": event["sent_at"],
    }


def test_a_signed_out_visitor_gives_their_email_and_nothing_is_ever_sent_to_it(on: Shop, visitor: Client) -> None:
    reply = send(visitor, message(email="  Visitor@Example.COM "))
    assert reply.status == 202, reply.body
    assert drain_message_stream() == []

    from devtools.emulator.outbox import sent_emails

    assert [e["to"] for e in sent_emails()] == [["help@shop.example"]]  # no copy, no confirmation
    (email,) = contact_emails()
    assert email["reply_to"] == "visitor@example.com"
    assert "without logging in" in email["text"]
    (event,) = _events()
    assert event["email"] == "visitor@example.com"
    assert event["signed_in"] is False
    assert "order_id" not in event


def test_each_message_is_one_item_for_the_store_and_one_entry_under_the_senders_email(
    on: Shop, ann: Client, visitor: Client
) -> None:
    assert send(ann).status == 202
    assert send(visitor, message(email="someone@example.com")).status == 202
    keys = sorted((i["pk"]["S"].split("#")[0:2][1], i["sk"]["S"].split("#")[0]) for i in _contact_items())
    assert keys == [
        (ANN, "contact"),
        ("contact", "contact"),
        ("contact", "contact"),
        ("someone@example.com", "contact"),
    ]


def test_signed_out_without_an_email_or_with_an_order_is_422_and_writes_nothing(on: Shop, visitor: Client) -> None:
    assert send(visitor).status == 422
    assert send(visitor, message(email="v@example.com", order_id="o1")).status == 422
    assert _contact_items() == []


def test_signed_in_the_own_email_is_accepted_and_another_refused(on: Shop, ann: Client) -> None:
    refused = send(ann, message(email=BOB))
    assert refused.status == 422
    assert refused.json()["error"] == "unprocessable"
    assert _contact_items() == []
    assert send(ann, message(email="ANN@example.com")).status == 202


def test_an_order_that_is_not_the_customers_or_does_not_exist_is_404_and_writes_nothing(on: Shop, ann: Client) -> None:
    assert send(ann, message(order_id="o2")).status == 404  # Bob's
    assert send(ann, message(order_id="nope")).status == 404
    assert _contact_items() == []


@pytest.mark.parametrize(
    "body",
    [
        message(subject="Help\r\nBcc: everyone@example.com"),  # CR/LF never reaches a header
        message(subject="Line\nbreak"),
        message(subject="x" * 201),
        message(body="x" * 5001),
        message(subject=""),
        message(body="   "),
        message(email="not an email"),
        message(extra="field"),
        message(order_id="../o1"),
        {"subject": "no body"},
        "not an object",
    ],
)
def test_bad_input_is_400_and_writes_nothing(on: Shop, visitor: Client, body: Any) -> None:
    if isinstance(body, dict) and "email" not in body:
        body = {**body, "email": "v@example.com"}
    reply = send(visitor, body)
    assert reply.status == 400, reply.body
    assert reply.json()["error"] == "bad_request"
    assert _contact_items() == []


def test_a_body_of_5000_characters_with_windows_line_breaks_is_taken(on: Shop, ann: Client) -> None:
    assert send(ann, message(subject="s" * 200, body="a\r\n" + "b" * 4998)).status == 202
    assert drain_message_stream() == []
    assert "a\n" + "b" * 4998 in contact_emails()[0]["text"]


def test_past_5_an_hour_from_one_email_is_429_with_retry_after(on: Shop, gateway: Any) -> None:
    for i in range(5):
        visitor = Client(gateway, host="shop.example", ip=f"203.0.113.{i + 10}")
        assert send(visitor, message(email="v@example.com")).status == 202
    other = Client(gateway, host="shop.example", ip="203.0.113.99")
    refused = send(other, message(email="v@example.com"))
    assert refused.status == 429
    assert refused.json()["error"] == "rate_limited"
    assert int(refused.header("Retry-After") or 0) > 0
    assert send(other, message(email="w@example.com")).status == 202  # another email from a fresh address


def test_past_5_an_hour_from_one_address_is_429_whatever_the_email(on: Shop, visitor: Client) -> None:
    for i in range(5):
        assert send(visitor, message(email=f"v{i}@example.com")).status == 202
    refused = send(visitor, message(email="fresh@example.com"))
    assert refused.status == 429
    assert refused.header("Retry-After")
    assert len([i for i in _contact_items() if i["sk"]["S"] == "contact"]) == 5


def test_an_address_busy_at_one_store_still_reaches_another(on: Shop, visitor: Client, admin: Client) -> None:
    """Each store counts an address on its own (API.md section 14: no store's traffic exhausts another's)."""
    Shop.create(admin, "s2", "other.example", contact_form_enabled=True, support_email="help@other.example")
    for i in range(5):
        assert send(visitor, message(email=f"v{i}@example.com")).status == 202
    assert send(visitor, message(email="fresh@example.com")).status == 429
    elsewhere = Client(visitor.gateway, host="other.example", ip=visitor.ip)
    assert send(elsewhere, message(email="fresh@example.com")).status == 202


def test_a_store_with_the_form_off_has_none_signed_in_or_not(shop: Shop, customer: Client) -> None:
    assert send(customer, message(email="v@example.com")).status == 404
    shop.login(customer, ANN)
    assert send(customer).status == 404
    assert _contact_items() == []


def test_another_stores_order_is_404(on: Shop, ann: Client, admin: Client) -> None:
    from tests.harness.bodies import order_body

    other = Shop.create(admin, "s2", "other.example", contact_form_enabled=True)
    assert other.put_order("o9", order_body(ANN, "9009")).status == 201
    assert send(ann, message(order_id="o9")).status == 404


def test_a_session_of_another_store_counts_as_signed_out(on: Shop, ann: Client, admin: Client) -> None:
    Shop.create(admin, "s2", "other.example", contact_form_enabled=True)
    reply = ann.post(API, message(), host="other.example")  # Ann's cookie is s1's
    assert reply.status == 422  # signed out there: the email is needed
