"""Order conversations (API.md section 6, issue 17): the customer writes from the order page or the JSON
route, the store system through the store API; each side is emailed when the other writes, store systems
get `MessagePosted`; only the order's customer and store see the thread (everyone else: 404)."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest

from access_center.messages import logic
from access_center.messages.models import MessageList, MessageView
from devtools.emulator.gateway import Reply
from devtools.emulator.outbox import sent_emails
from tests.harness.aws import aws_client
from tests.harness.catalog import published
from tests.harness.models import answer
from tests.harness.streams import drain_message_stream, drain_order_stream
from tests.harness.support import Client, Shop, race

ANN, BOB = "ann@example.com", "bob@example.com"
PATH = "/store/account/api/orders/o1/messages"
ADMIN_PATH = "/admin/stores/s1/orders/o1/messages"


@pytest.fixture
def ann(shop: Shop, customer: Client) -> Client:
    """Ann, logged in, with order o1 at a store that takes messages and has a support address."""
    shop.settings(messages_enabled=True, support_email="help@shop.example")
    assert shop.put_order("o1").status == 201
    shop.login(customer, ANN)
    drain_order_stream()  # the confirmation: what follows is about messages only
    return customer


def _write(client: Client, body: str = "Can you ship it to my office instead?", **extra: Any) -> Reply:
    return client.post(PATH, {"body": body, **extra})


def _message_emails() -> list[dict[str, Any]]:
    return [e for e in sent_emails() if "message" in e["subject"].lower() or "wrote about" in e["subject"]]


def _events() -> list[dict[str, Any]]:
    return [e["detail"] for e in published() if e["detail_type"] == "MessagePosted"]


def _stored_items() -> list[dict[str, Any]]:
    return aws_client("dynamodb").query(
        TableName="MessagesTable",
        KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": {"S": "s1#o1"}},
        ConsistentRead=True,
    )["Items"]


# ------------------------------------------------------------------------------------- the thread


def test_a_customer_message_is_answered_201_and_listed_oldest_first(shop: Shop, ann: Client) -> None:
    first = answer(MessageView, _write(ann, "First question"))
    second = answer(MessageView, _write(ann, "Second question"))
    assert (first["from"], first["body"], first["attachments"]) == ("customer", "First question", [])
    assert first["message_id"].startswith("msg_")

    thread = answer(MessageList, ann.get(PATH))

    assert [m["message_id"] for m in thread["messages"]] == [first["message_id"], second["message_id"]]


def test_the_store_answers_through_the_store_api_and_the_customer_sees_it(shop: Shop, ann: Client) -> None:
    _write(ann)
    reply = shop.admin.post(ADMIN_PATH, {"body": "Done: it goes to your office.\nThanks!"})

    assert reply.status == 201, reply.body
    stored = answer(MessageView, reply)
    assert stored["from"] == "store"
    thread = answer(MessageList, ann.get(PATH))["messages"]
    assert [m["from"] for m in thread] == ["customer", "store"]
    assert thread[1]["body"] == "Done: it goes to your office.\nThanks!"
    assert answer(MessageList, shop.admin.get(ADMIN_PATH))["messages"] == thread


def test_line_breaks_are_kept_as_lf_and_the_ends_trimmed(shop: Shop, ann: Client) -> None:
    stored = answer(MessageView, _write(ann, "  Hello\r\nsecond line\rthird\ttabbed  \n"))

    assert stored["body"] == "Hello\nsecond line\nthird\ttabbed"


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("", id="empty"),
        pytest.param("   \n\t ", id="only whitespace"),
        pytest.param("x" * 5001, id="5,001 characters"),
        pytest.param("bell\x07", id="a control character"),
        pytest.param("nul\x00", id="NUL"),
        pytest.param("line\u2028separator", id="a Unicode line separator"),
        pytest.param(5, id="a number"),
    ],
)
def test_a_bad_body_is_400_and_writes_nothing(shop: Shop, ann: Client, body: Any) -> None:
    reply = ann.post(PATH, {"body": body})

    assert reply.status == 400, reply.body
    assert reply.json()["error"] == "bad_request"
    assert _stored_items() == []


def test_5000_characters_with_crlf_line_breaks_fit(shop: Shop, ann: Client) -> None:
    body = "\r\n".join(["x" * 99] * 50)  # 4,999 characters once CR LF are LF

    assert _write(ann, body).status == 201


def test_an_unknown_attachment_is_422_and_writes_nothing(shop: Shop, ann: Client) -> None:
    reply = _write(ann, attachment_ids=["att_0123456789abcdef"])

    assert reply.status == 422, reply.body
    (refused,) = reply.json()["details"]
    assert (refused["attachment_id"], refused["reason"]) == ("att_0123456789abcdef", "unknown")
    assert _stored_items() == []


def test_a_store_that_takes_no_messages_refuses_the_customer_with_409_but_not_its_own(shop: Shop, ann: Client) -> None:
    shop.settings(messages_enabled=False, support_email="help@shop.example")

    refused = _write(ann)
    assert refused.status == 409
    assert "does not take messages" in refused.json()["message"]
    assert shop.admin.post(ADMIN_PATH, {"body": "Your parcel is late, sorry."}).status == 201
    assert [m["from"] for m in answer(MessageList, ann.get(PATH))["messages"]] == ["store"]


def test_messages_are_off_unless_the_store_turns_them_on(shop: Shop, customer: Client) -> None:
    assert shop.put_order("o1").status == 201
    shop.login(customer, ANN)

    assert _write(customer).status == 409


# ----------------------------------------------------------------------------------- who may see it


def test_another_customer_of_the_store_gets_404_reading_or_writing(shop: Shop, ann: Client, gateway: Any) -> None:
    _write(ann, "Private question")
    assert shop.put_order("o2", number="1002", email=BOB).status == 201
    bob = Client(gateway, shop.domain, ip="198.51.100.9")
    shop.login(bob, BOB)

    assert bob.get(PATH).status == 404
    assert _write(bob, "Let me in").status == 404
    assert [m["body"] for m in answer(MessageList, ann.get(PATH))["messages"]] == ["Private question"]


def test_another_store_cannot_read_or_write_the_thread_of_an_order_id_it_also_has(
    shop: Shop, ann: Client, admin: Client, gateway: Any
) -> None:
    _write(ann, "Question for shop one")
    other = Shop.create(admin, "s2", "other.example", name="Shop Two", messages_enabled=True)
    assert other.put_order("o1").status == 201  # the same order id, and the same customer, at shop two
    ann_there = Client(gateway, other.domain)
    other.login(ann_there, ANN)

    assert answer(MessageList, ann_there.get(PATH))["messages"] == []
    assert answer(MessageList, admin.get("/admin/stores/s2/orders/o1/messages"))["messages"] == []
    assert [m["body"] for m in answer(MessageList, ann.get(PATH))["messages"]] == ["Question for shop one"]


@pytest.mark.parametrize("order_id", ["o2", "o1x", "O1", "s1#o1"])
def test_a_guessed_order_id_is_404_for_the_customer_and_the_store(shop: Shop, ann: Client, order_id: str) -> None:
    from urllib.parse import quote

    path = f"/store/account/api/orders/{quote(order_id, safe='')}/messages"
    assert ann.get(path).status in (400, 404)
    assert ann.post(path, {"body": "hello"}).status in (400, 404)
    assert shop.admin.post(f"/admin/stores/s1/orders/{quote(order_id, safe='')}/messages", {"body": "x"}).status in (
        400,
        404,
    )
    assert _stored_items() == []


def test_without_a_session_the_thread_is_401(shop: Shop, ann: Client, gateway: Any) -> None:
    stranger = Client(gateway, shop.domain)

    assert stranger.get(PATH).status == 401
    assert _write(stranger).status == 401


# ------------------------------------------------------------------------------------------ limits


def test_the_21st_message_within_an_hour_is_429_and_an_hour_later_goes_through(
    shop: Shop, ann: Client, clock: Any
) -> None:
    for n in range(20):
        assert _write(ann, f"message {n}").status == 201
    refused = _write(ann, "one more")

    assert refused.status == 429
    assert int(refused.header("Retry-After")) > 0
    assert len(answer(MessageList, ann.get(PATH))["messages"]) == 20
    clock.advance(2 * 3600)
    assert _write(ann, "one more").status == 201


def test_the_store_is_not_rate_limited_by_the_customers_budget(shop: Shop, ann: Client) -> None:
    for n in range(20):
        assert _write(ann, f"message {n}").status == 201

    assert shop.admin.post(ADMIN_PATH, {"body": "Let us call you."}).status == 201


def test_a_thread_holds_200_messages_and_then_refuses_with_409(shop: Shop, ann: Client) -> None:
    for n in range(3):
        assert shop.admin.post(ADMIN_PATH, {"body": f"update {n}"}).status == 201
    # As if 196 more had been written (each through the same transaction): the header counts 199.
    aws_client("dynamodb").update_item(
        TableName="MessagesTable",
        Key={"pk": {"S": "s1#o1"}, "sk": {"S": "thread"}},
        UpdateExpression="SET messages = :n",
        ExpressionAttributeValues={":n": {"N": "199"}},
    )
    assert shop.admin.post(ADMIN_PATH, {"body": "the 200th"}).status == 201

    refused = shop.admin.post(ADMIN_PATH, {"body": "one too many"})
    assert refused.status == 409
    assert "full" in refused.json()["message"]
    assert _write(ann, "and me?").status == 409
    thread = answer(MessageList, ann.get(PATH))["messages"]
    assert [m["body"] for m in thread] == ["update 0", "update 1", "update 2", "the 200th"]
    assert next(i for i in _stored_items() if i["sk"]["S"] == "thread")["messages"]["N"] == "200"


def test_messages_written_at_once_all_land_and_are_counted(shop: Shop, ann: Client) -> None:
    # Raced on the logic (each thread a store system's request): the HTTP resolver is one container's,
    # which Lambda never runs two requests in at once (its current event is shared state).
    written = race(lambda n: logic.post_by_store("s1", "o1", f"parallel {n}")["message_id"], 8)

    assert len(set(written)) == 8
    header = next(i for i in _stored_items() if i["sk"]["S"] == "thread")
    assert header["messages"]["N"] == "8"
    assert len(answer(MessageList, ann.get(PATH))["messages"]) == 8


# -------------------------------------------------------------------------------- emails and events


def test_a_customer_message_emails_the_support_address_with_reply_to_the_customer(shop: Shop, ann: Client) -> None:
    _write(ann, "Is the grinder\nin stock?")

    assert drain_message_stream() == []

    emails = _message_emails()
    assert len(emails) == 1
    email = emails[0]
    assert email["to"] == ["help@shop.example"]
    assert email["subject"] == "Message from Ann Example about order #1001"
    assert "Is the grinder\nin stock?" in email["text"]
    assert "ann@example.com" in email["text"]


def test_a_store_message_emails_the_customer_with_a_link_to_the_conversation(shop: Shop, ann: Client) -> None:
    shop.admin.post(ADMIN_PATH, {"body": "Your <b>parcel</b> left today."})

    assert drain_message_stream() == []

    (email,) = _message_emails()
    assert email["to"] == [ANN]
    assert email["subject"] == "Shop One wrote about your order #1001"
    assert "https://shop.example/store/account/orders/o1#messages" in unescape(email["html"])
    assert "Your &lt;b&gt;parcel&lt;/b&gt; left today." in email["html"]  # plain text, escaped
    assert "<b>parcel" not in email["html"]
    assert "Your <b>parcel</b> left today." in email["text"]


def test_each_message_is_told_once_even_when_the_stream_delivers_it_twice(shop: Shop, ann: Client) -> None:
    from tests.harness.streams import TableStream

    _write(ann)
    shop.admin.post(ADMIN_PATH, {"body": "Answer"})
    assert drain_message_stream() == []
    records = [r for r in TableStream("MessagesTable").take() if r["dynamodb"]["Keys"]["sk"]["S"].startswith("m#")]
    from devtools import template
    from devtools.emulator.gateway import LambdaContext, load_handler

    handler = load_handler(template.functions()["ChangeNoticesFunction"])
    assert handler({"Records": records}, LambdaContext("ChangeNoticesFunction"))["batchItemFailures"] == []

    assert len(_message_emails()) == 2
    events = _events()
    assert [e["from"] for e in events] == ["customer", "store"]
    assert events[0] == {
        "store_id": "s1",
        "order_id": "o1",
        "order_number": "1001",
        "message_id": events[0]["message_id"],
        "from": "customer",
        "sent_at": events[0]["sent_at"],
        "attachments": 0,
    }
    assert "body" not in events[0]  # the event says that someone wrote, not what


def test_without_a_support_address_the_store_hears_of_a_message_by_its_event_only(shop: Shop, ann: Client) -> None:
    settings = {"name": "Shop One", "from_email": "orders@shop.example", "messages_enabled": True}
    assert shop.admin.put("/admin/stores/s1", settings).status == 200
    _write(ann)

    assert drain_message_stream() == []

    assert _message_emails() == []
    assert len(_events()) == 1


def test_the_store_can_switch_each_message_email_off(shop: Shop, ann: Client) -> None:
    shop.settings(
        messages_enabled=True,
        support_email="help@shop.example",
        message_to_store_email=False,
        message_to_customer_email=False,
    )
    _write(ann)
    shop.admin.post(ADMIN_PATH, {"body": "Answer"})

    assert drain_message_stream() == []

    assert _message_emails() == []
    assert len(_events()) == 2


def test_a_customer_name_with_a_line_break_cannot_split_the_subject(shop: Shop, customer: Client) -> None:
    shop.settings(messages_enabled=True, support_email="help@shop.example")
    assert shop.put_order("o1", customer_name="Ann").status == 201
    shop.login(customer, ANN)
    drain_order_stream()
    item = _stored_items()
    assert item == []
    _write(customer)
    # The stored name is what the order said; a store system cannot send a CR or LF in it (400), so
    # here it is written as if by hand, to show the consumer still keeps the subject on one line.
    dynamodb = aws_client("dynamodb")
    message = next(i for i in _stored_items() if i["sk"]["S"].startswith("m#"))
    message["customer_name"] = {"S": "Ann\r\nBcc: everyone@example.com"}
    message["message_id"] = {"S": "msg_byhand"}
    message["sk"] = {"S": message["sk"]["S"] + "x"}
    dynamodb.put_item(TableName="MessagesTable", Item=message)

    assert drain_message_stream() == []

    subjects = [e["subject"] for e in _message_emails()]
    assert len(subjects) == 2
    assert all("\n" not in s and "\r" not in s for s in subjects)
    assert "Message from Ann Bcc: everyone@example.com about order #1001" in subjects


# ------------------------------------------------------------------------------------------- pages


def _csrf(page: Reply) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page.body.decode())
    assert found, "no form token on the page"
    return found.group(1)


def test_the_order_page_shows_the_thread_and_its_form_posts_back_to_it(shop: Shop, ann: Client) -> None:
    shop.admin.post(ADMIN_PATH, {"body": "We have a question about your address."})
    page = ann.get("/store/account/orders/o1")
    html = page.body.decode()
    assert 'id="messages"' in html
    assert "We have a question about your address." in html

    posted = ann.form("/store/account/orders/o1/messages", {"csrf": _csrf(page), "body": "It is <b>flat 2</b>."})

    assert posted.status == 303
    assert posted.header("Location").endswith("/store/account/orders/o1#messages")
    html = ann.get("/store/account/orders/o1").body.decode()
    assert "It is &lt;b&gt;flat 2&lt;/b&gt;." in html
    assert [m["from"] for m in answer(MessageList, ann.get(PATH))["messages"]] == ["store", "customer"]


def test_the_form_without_its_token_is_refused_and_writes_nothing(shop: Shop, ann: Client) -> None:
    posted = ann.form("/store/account/orders/o1/messages", {"body": "x"})

    assert posted.status == 403
    assert _stored_items() == []


def test_an_empty_form_message_is_refused_on_a_page(shop: Shop, ann: Client) -> None:
    page = ann.get("/store/account/orders/o1")
    posted = ann.form("/store/account/orders/o1/messages", {"csrf": _csrf(page), "body": "  "})

    assert posted.status == 400
    assert "The message must not be empty." in unescape(posted.body.decode())
    assert _stored_items() == []


def test_without_messages_and_with_messages_off_the_order_page_has_no_conversation(
    shop: Shop, customer: Client
) -> None:
    assert shop.put_order("o1").status == 201
    shop.login(customer, ANN)

    assert 'id="messages"' not in customer.get("/store/account/orders/o1").body.decode()
