"""Cancellation requests (API.md section 6): the customer asks before anything ships, the store system
approves or declines, the Orders stream tells the store (event, support email) and the customer
(decision email), once per state change; the order page shows it all and works without JavaScript."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest

from access_center.cancellations.models import CancellationRequested
from access_center.orders.acting import Viewer
from access_center.orders.models import OrderView
from devtools.emulator.gateway import Reply
from devtools.emulator.outbox import sent_emails
from tests.harness.bodies import order_body
from tests.harness.catalog import published
from tests.harness.models import answer
from tests.harness.streams import drain_order_stream
from tests.harness.support import Client, Shop, race

ANN, BOB = "ann@example.com", "bob@example.com"
PATH = "/store/account/api/orders/o1/cancellation"
ADMIN_PATH = "/admin/stores/s1/orders/o1/cancellation"


@pytest.fixture
def ann(shop: Shop, customer: Client) -> Client:
    """Ann, logged in, with order o1 (nothing shipped) at a store that takes cancellation requests."""
    shop.settings(cancellations_enabled=True)
    assert shop.put_order("o1").status == 201
    shop.login(customer, ANN)
    drain_order_stream()  # the confirmation: what follows is about the cancellation only
    return customer


def _decide(shop: Shop, decision: str, **extra: Any) -> Reply:
    return shop.admin.put(ADMIN_PATH, {"decision": decision, **extra})


def _cancellation_emails() -> list[dict[str, Any]]:
    return [e for e in sent_emails() if "cancel" in e["subject"].lower()]


def _headers_of_last_email() -> dict[str, str]:
    """The newest email's headers as SES took them (the outbox shows the contract's fields only)."""
    from email import message_from_string
    from email.policy import default

    from moto.ses.models import ses_backends

    raw = ses_backends["123456789012"]["us-east-1"].sent_messages[-1].raw_data
    return {key.lower(): str(value) for key, value in message_from_string(raw, policy=default).items()}


def _events(kind: str) -> list[dict[str, Any]]:
    return [e["detail"] for e in published() if e["detail_type"] == kind]


# ------------------------------------------------------------------------------------- the request
def test_asking_to_cancel_is_accepted_and_the_order_shows_the_request(shop: Shop, ann: Client) -> None:
    reply = ann.post(PATH, {"reason": "Ordered the wrong size"})
    assert reply.status == 202
    assert answer(CancellationRequested, reply) == {"status": "requested"}

    view = answer(OrderView, ann.get("/store/account/api/orders/o1"))
    assert view["cancellation"] == {
        "status": "requested",
        "reason": "Ordered the wrong size",
        "requested_at": view["cancellation"]["requested_at"],
    }
    assert view["status"] == "processing"  # the store decides; asking cancels nothing yet


def test_a_request_tells_the_store_by_event_and_support_email_once(shop: Shop, ann: Client) -> None:
    assert ann.post(PATH, {"reason": "Found it cheaper"}).status == 202
    assert drain_order_stream() == []

    [event] = _events("CancellationRequested")
    assert event == {
        "store_id": "s1",
        "order_id": "o1",
        "order_number": "1001",
        "status": "requested",
        "requested_at": event["requested_at"],
        "reason": "Found it cheaper",
    }
    [email] = _cancellation_emails()
    assert email["to"] == ["help@shop.example"]
    assert email["subject"] == "Cancellation requested: order #1001"
    assert "Found it cheaper" in email["text"]
    assert "ann@example.com" in email["text"]
    assert _headers_of_last_email()["reply-to"] == "ann@example.com"  # support answers the customer directly


def test_a_double_clicked_request_creates_one_request_and_one_notice(shop: Shop, ann: Client) -> None:
    first = ann.post(PATH, {"reason": "Oops"})
    second = ann.post(PATH, {"reason": "Oops"})
    assert (first.status, second.status) == (202, 202)
    drain_order_stream()
    assert len(_events("CancellationRequested")) == 1
    assert len(_cancellation_emails()) == 1


def test_ten_requests_at_once_store_one_request(shop: Shop, ann: Client) -> None:
    from access_center.cancellations import logic
    from access_center.stores.logic import get_store

    store = get_store("s1")
    outcomes = race(lambda i: logic.request(store, Viewer(store.store_id, ANN), "o1", f"reason {i}")["status"], 10)
    assert outcomes == ["requested"] * 10
    drain_order_stream()
    assert len(_events("CancellationRequested")) == 1


def test_a_replayed_stream_batch_tells_nothing_twice(shop: Shop, ann: Client) -> None:
    from devtools import template
    from devtools.emulator.gateway import LambdaContext, load_handler
    from tests.harness.streams import TableStream

    stream = TableStream()
    stream.take()  # what came before the request
    assert ann.post(PATH, {}).status == 202
    records = stream.take()
    handler = load_handler(template.functions()["ChangeNoticesFunction"])
    for _ in range(2):
        assert handler({"Records": records}, LambdaContext("ChangeNoticesFunction"))["batchItemFailures"] == []
    assert len(_events("CancellationRequested")) == 1
    assert len(_cancellation_emails()) == 1


def test_once_anything_has_shipped_the_request_is_refused_and_nothing_changes(shop: Shop, ann: Client) -> None:
    assert shop.fulfil("o1", "f1", {"items": [{"line_id": "l2", "quantity": 1}], "carrier": "UPS"}).status == 200
    before = shop.stored_order("o1")

    reply = ann.post(PATH, {"reason": "Too late?"})

    assert reply.status == 409
    assert reply.json()["error"] == "conflict"
    assert "shipped" in reply.json()["message"]
    assert shop.stored_order("o1") == before


def test_a_cancelled_shipment_does_not_count_as_shipped(shop: Shop, ann: Client) -> None:
    body = {"items": [{"line_id": "l2", "quantity": 1}], "carrier": "UPS", "status": "cancelled"}
    assert shop.fulfil("o1", "f1", body).status == 200
    assert ann.post(PATH, {}).status == 202


def test_a_store_that_has_not_switched_cancellations_on_refuses_them(shop: Shop, ann: Client) -> None:
    shop.settings()  # cancellations_enabled defaults to false
    reply = ann.post(PATH, {})
    assert reply.status == 409
    assert "does not take cancellation requests" in reply.json()["message"]
    assert "cancellation" not in answer(OrderView, ann.get("/store/account/api/orders/o1"))


def test_a_closed_order_cannot_be_cancelled(shop: Shop, ann: Client) -> None:
    assert shop.put_order("o1", order_body(status="refunded")).status == 200
    reply = ann.post(PATH, {})
    assert reply.status == 409
    assert "refunded" in reply.json()["message"]


def test_another_customers_order_is_not_found_and_untouched(shop: Shop, ann: Client, gateway: Any) -> None:
    assert shop.put_order("o2", order_body(email=BOB, number="1002")).status == 201
    reply = ann.post("/store/account/api/orders/o2/cancellation", {})
    assert reply.status == 404
    assert reply.json()["error"] == "not_found"
    assert ann.post("/store/account/api/orders/nope/cancellation", {}).status == 404


def test_without_a_session_the_request_is_unauthorized(shop: Shop, ann: Client, gateway: Any) -> None:
    stranger = Client(gateway, host="shop.example")
    assert stranger.post(PATH, {}).status == 401


@pytest.mark.parametrize(
    "body",
    [
        {"reason": "x" * 1001},
        {"reason": 12},
        {"reason": "fine", "extra": True},
        [],
    ],
    ids=["reason-too-long", "reason-not-text", "unknown-field", "not-an-object"],
)
def test_a_bad_request_body_is_400_and_stores_nothing(shop: Shop, ann: Client, body: Any) -> None:
    before = shop.stored_order("o1")
    reply = ann.post(PATH, body)
    assert reply.status == 400
    assert reply.json()["error"] == "bad_request"
    assert shop.stored_order("o1") == before


def test_a_store_update_of_the_order_keeps_the_request(shop: Shop, ann: Client) -> None:
    assert ann.post(PATH, {"reason": "Changed my mind"}).status == 202
    reply = shop.put_order("o1", order_body(customer_name="Ann B. Example"))
    assert reply.status == 200, reply.body
    view = answer(OrderView, reply)
    assert view["customer_name"] == "Ann B. Example"
    assert view["cancellation"]["status"] == "requested"
    assert view["cancellation"]["reason"] == "Changed my mind"


def test_a_store_system_cannot_write_a_cancellation_through_the_order(shop: Shop, ann: Client) -> None:
    body = order_body(cancellation={"status": "approved", "requested_at": "2026-11-20T10:00:00Z"})
    assert shop.put_order("o1", body).status == 400


# ------------------------------------------------------------------------------------ the decision
def test_an_approval_cancels_the_order_and_emails_the_customer_with_the_message(shop: Shop, ann: Client) -> None:
    assert ann.post(PATH, {"reason": "Wrong colour"}).status == 202
    drain_order_stream()

    reply = _decide(shop, "approved", message="Done: your refund is on its way.\nSorry to see it go.")

    assert reply.status == 200
    view = answer(OrderView, reply)
    assert view["status"] == "cancelled"
    assert view["cancellation"]["status"] == "approved"
    assert view["cancellation"]["message"] == "Done: your refund is on its way.\nSorry to see it go."
    listed = ann.get("/store/account/api/orders").json()["orders"]
    assert [o["status"] for o in listed] == ["cancelled"]  # the list entry follows in the same write

    assert drain_order_stream() == []
    [decided] = _events("CancellationDecided")
    assert decided["status"] == "approved"
    assert decided["message"].startswith("Done")
    [email] = [e for e in _cancellation_emails() if e["to"] == [ANN]]
    assert email["subject"] == "Your Shop One order #1001 is cancelled"
    assert "Done: your refund is on its way." in email["text"]
    assert "https://shop.example/store/account/orders/o1" in email["text"]  # View Order


def test_a_decline_leaves_the_order_and_cannot_be_asked_again(shop: Shop, ann: Client) -> None:
    assert ann.post(PATH, {}).status == 202
    reply = _decide(shop, "declined", message="It is already packed.")
    assert reply.status == 200
    assert answer(OrderView, reply)["status"] == "processing"
    drain_order_stream()
    [email] = [e for e in _cancellation_emails() if e["to"] == [ANN]]
    assert email["subject"] == "Your Shop One order #1001 could not be cancelled"

    again = ann.post(PATH, {})
    assert again.status == 409
    assert "declined" in again.json()["message"]


def test_the_same_decision_twice_changes_nothing_and_another_is_refused(shop: Shop, ann: Client) -> None:
    assert ann.post(PATH, {}).status == 202
    assert _decide(shop, "approved").status == 200
    before = shop.stored_order("o1")
    assert _decide(shop, "approved").status == 200
    assert shop.stored_order("o1") == before
    refused = _decide(shop, "declined")
    assert refused.status == 409
    assert shop.stored_order("o1") == before
    drain_order_stream()
    assert len(_events("CancellationDecided")) == 1


def test_deciding_an_order_nobody_asked_to_cancel_is_409(shop: Shop, ann: Client) -> None:
    reply = _decide(shop, "approved")
    assert reply.status == 409
    assert reply.json()["message"] == "The customer has not asked to cancel this order."


def test_deciding_another_stores_or_a_missing_order_is_404(shop: Shop, ann: Client) -> None:
    assert shop.admin.put("/admin/stores/s1/orders/nope/cancellation", {"decision": "approved"}).status == 404
    assert shop.admin.put("/admin/stores/s2/orders/o1/cancellation", {"decision": "approved"}).status == 404


@pytest.mark.parametrize(
    "body",
    [
        {"decision": "maybe"},
        {},
        {"decision": "approved", "message": ""},
        {"decision": "approved", "message": "m" * 2001},
    ],
    ids=["unknown-decision", "no-decision", "empty-message", "message-too-long"],
)
def test_a_bad_decision_is_400_and_stores_nothing(shop: Shop, ann: Client, body: dict[str, Any]) -> None:
    assert ann.post(PATH, {}).status == 202
    before = shop.stored_order("o1")
    reply = shop.admin.put(ADMIN_PATH, body)
    assert reply.status == 400
    assert shop.stored_order("o1") == before


# ---------------------------------------------------------------------------------- emails' settings
def test_without_a_support_email_or_with_its_toggle_off_the_store_hears_by_event_only(
    shop: Shop, customer: Client
) -> None:
    settings = {"cancellations_enabled": True, "cancellation_request_email": False}
    shop.settings(**settings)
    assert shop.put_order("o1").status == 201
    shop.login(customer, ANN)
    assert customer.post(PATH, {}).status == 202
    assert drain_order_stream() == []
    assert len(_events("CancellationRequested")) == 1
    assert _cancellation_emails() == []


def test_the_decision_email_has_its_own_toggle(shop: Shop, ann: Client) -> None:
    shop.settings(cancellations_enabled=True, cancellation_decision_email=False)
    assert ann.post(PATH, {}).status == 202
    assert _decide(shop, "approved").status == 200
    assert drain_order_stream() == []
    assert len(_events("CancellationDecided")) == 1
    assert [e for e in _cancellation_emails() if e["to"] == [ANN]] == []


def test_line_breaks_in_a_reason_stay_in_the_body_and_never_reach_a_header(shop: Shop, ann: Client) -> None:
    reason = "first line\r\nBcc: victim@example.com\r\nSubject: hacked"
    assert ann.post(PATH, {"reason": reason}).status == 202
    drain_order_stream()
    [email] = _cancellation_emails()
    assert email["subject"] == "Cancellation requested: order #1001"
    assert email["to"] == ["help@shop.example"]
    assert "victim@example.com" in email["text"]  # shown as what the customer wrote
    headers = _headers_of_last_email()
    assert "bcc" not in headers
    assert headers["subject"] == "Cancellation requested: order #1001"


# ------------------------------------------------------------------------------------------- pages
def _csrf(reply: Reply) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', reply.body.decode())
    assert found, "no form token on the page"
    return unescape(found.group(1))


def test_the_order_page_offers_the_form_and_shows_the_request_after_posting_it(shop: Shop, ann: Client) -> None:
    page = ann.get("/store/account/orders/o1")
    assert page.status == 200
    html = page.body.decode()
    assert 'action="/store/account/orders/o1/cancellation"' in html
    assert "Ask to cancel this order" in html

    posted = ann.form("/store/account/orders/o1/cancellation", {"csrf": _csrf(page), "reason": "Too slow"})
    assert posted.status == 303
    assert posted.header("Location") == "/store/account/orders/o1#cancellation"

    html = ann.get("/store/account/orders/o1").body.decode()
    assert "You asked to cancel this order" in html
    assert "Too slow" in html
    assert "Ask to cancel this order" not in html


def test_the_form_without_its_token_is_refused_and_asks_nothing(shop: Shop, ann: Client) -> None:
    before = shop.stored_order("o1")
    posted = ann.form("/store/account/orders/o1/cancellation", {"reason": "x"})
    assert posted.status == 403
    assert shop.stored_order("o1") == before


def test_the_order_page_shows_the_stores_answer_and_no_form_where_it_is_not_allowed(shop: Shop, ann: Client) -> None:
    assert ann.post(PATH, {}).status == 202
    assert _decide(shop, "declined", message="Already <b>packed</b>").status == 200
    html = ann.get("/store/account/orders/o1").body.decode()
    assert "Shop One could not cancel this order" in html
    assert "Already &lt;b&gt;packed&lt;/b&gt;" in html  # the store's text, escaped

    shop.settings()  # switched off: an order without a request shows no section at all
    assert shop.put_order("o2", order_body(number="1002")).status == 201
    assert 'id="cancellation"' not in ann.get("/store/account/orders/o2").body.decode()


def test_a_refused_form_post_says_why_on_a_page(shop: Shop, ann: Client) -> None:
    page = ann.get("/store/account/orders/o1")
    assert shop.fulfil("o1", "f1", {"carrier": "UPS"}).status == 200
    posted = ann.form("/store/account/orders/o1/cancellation", {"csrf": _csrf(page)})
    assert posted.status == 409
    assert posted.header("Content-Type").startswith("text/html")
    assert "can no longer be cancelled" in posted.body.decode()


def test_a_request_without_a_reason_shows_on_the_page_too(shop: Shop, ann: Client) -> None:
    assert ann.post(PATH, {}).status == 202
    page = ann.get("/store/account/orders/o1")
    assert page.status == 200
    assert "You asked to cancel this order" in page.body.decode()
    assert "Your reason" not in page.body.decode()
