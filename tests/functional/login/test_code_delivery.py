"""Login codes leave through a queue: the request does the same work for every email, and the
consumer emails only live codes of known emails, once."""

from __future__ import annotations

import json
from typing import Any

import pytest

from access_center.stores.logic import get_store
from devtools import template
from devtools.emulator.gateway import Gateway, LambdaContext
from devtools.emulator.outbox import sent_emails
from tests.harness.aws import aws_client
from tests.harness.clock import Clock
from tests.harness.faults import Faults
from tests.harness.support import Client, Shop, deliver_queued, latest_code

ANN = "ann@example.com"
QUEUE = template.queue_url("LoginCodeQueue")


def _queued() -> list[dict[str, Any]]:
    sqs = aws_client("sqs")
    return sqs.receive_message(QueueUrl=QUEUE, MaxNumberOfMessages=10, VisibilityTimeout=0).get("Messages", [])


def _consume(gateway: Gateway, bodies: list[str]) -> dict[str, Any]:
    handler = gateway.module("LoginCodeMailerFunction").lambda_handler
    records = [
        {
            "messageId": f"m{i}",
            "receiptHandle": f"r{i}",
            "body": body,
            "attributes": {},
            "messageAttributes": {},
            "md5OfBody": "",
            "eventSource": "aws:sqs",
            "eventSourceARN": template.queue_arn("LoginCodeQueue"),
            "awsRegion": "us-east-1",
        }
        for i, body in enumerate(bodies)
    ]
    return handler({"Records": records}, LambdaContext("LoginCodeMailerFunction"))


def test_the_code_request_makes_the_same_aws_calls_for_known_and_unknown_emails(
    shop: Shop, gateway: Gateway, faults: Faults, clock: Clock
) -> None:
    # The clock stands still: the fair share's counter is written when a second has passed since its
    # last write (web.fair_share), which on a busy machine fell between the two requests compared here.
    shop.put_order("o1", email=ANN)
    client = Client(gateway, "shop.example")
    get_store("s1")  # warm the host cache path alike for both
    client.post("/store/account/api/otp", {"email": "warmup@example.com"}, ip="192.0.2.1")

    def calls_for(email: str, ip: str) -> list[tuple[str, str]]:
        faults.calls.clear()
        reply = gateway.request(
            "POST",
            "/store/account/api/otp",
            headers={"Host": "shop.example", "Content-Type": "application/json"},
            body=json.dumps({"email": email}),
            source_ip=ip,
        )
        assert reply.status == 202
        return list(faults.calls)

    known, unknown = calls_for(ANN, "192.0.2.2"), calls_for("stranger@example.com", "192.0.2.3")
    assert known == unknown
    assert ("sesv2", "SendEmail") not in known
    assert ("sqs", "SendMessage") in known


def test_a_redelivered_code_message_sends_one_email(shop: Shop, customer: Client, gateway: Gateway) -> None:
    shop.put_order("o1", email=ANN)
    _request_code(gateway)
    (message,) = _queued()
    # The page's language goes with the code, for the email's (notifications.languages).
    body = json.loads(message["Body"])
    assert body.keys() == {"store_id", "email", "counter", "language"}
    assert body["language"] == "en"
    assert _consume(gateway, [message["Body"]]) == {"batchItemFailures": []}
    assert _consume(gateway, [message["Body"], message["Body"]]) == {"batchItemFailures": []}
    assert len(sent_emails()) == 1


def test_a_message_queued_before_it_carried_the_language_is_sent_in_the_stores(
    shop: Shop, customer: Client, gateway: Gateway
) -> None:
    shop.put_order("o1", email=ANN)
    _request_code(gateway)
    (message,) = _queued()
    older = {key: value for key, value in json.loads(message["Body"]).items() if key != "language"}
    assert _consume(gateway, [json.dumps(older)]) == {"batchItemFailures": []}
    (email,) = sent_emails()
    assert '<html lang="en">' in email["html"]


def _request_code(gateway: Gateway) -> None:
    """Ann asks for a code, and nothing consumes the queue yet (the test plays the consumer)."""
    gateway.request(
        "POST",
        "/store/account/api/otp",
        headers={"Host": "shop.example", "Content-Type": "application/json"},
        body=json.dumps({"email": ANN}),
    )


def test_the_queue_message_does_not_carry_the_code(shop: Shop, customer: Client, gateway: Gateway) -> None:
    shop.put_order("o1", email=ANN)
    _request_code(gateway)
    (message,) = _queued()
    deliver_queued(gateway)
    assert latest_code(ANN) not in message["Body"]


def test_a_superseded_code_is_not_emailed(shop: Shop, gateway: Gateway, clock: Clock) -> None:
    shop.put_order("o1", email=ANN)
    post = {"headers": {"Host": "shop.example", "Content-Type": "application/json"}, "body": json.dumps({"email": ANN})}
    gateway.request("POST", "/store/account/api/otp", **post)
    clock.advance(31)
    gateway.request("POST", "/store/account/api/otp", **post)
    bodies = [m["Body"] for m in _queued()]
    assert len(bodies) == 2
    _consume(gateway, bodies)
    assert len(sent_emails()) == 1
    customer = Client(gateway, "shop.example")
    assert shop.verify(customer, ANN, latest_code(ANN)).status == 200


def test_unknown_emails_get_no_email(shop: Shop, customer: Client) -> None:
    shop.put_order("o1", email=ANN)
    assert shop.send_code(customer, "stranger@example.com").status == 202
    assert sent_emails() == []


def test_a_malformed_message_fails_alone(shop: Shop, gateway: Gateway) -> None:
    shop.put_order("o1", email=ANN)
    _request_code(gateway)
    (good,) = _queued()
    result = _consume(gateway, ["{not json", good["Body"], json.dumps({"store_id": "s1"})])
    assert result == {"batchItemFailures": [{"itemIdentifier": "m0"}, {"itemIdentifier": "m2"}]}
    assert len(sent_emails()) == 1


def test_an_expired_code_is_not_emailed_late(shop: Shop, gateway: Gateway, clock: Clock) -> None:
    shop.put_order("o1", email=ANN)
    _request_code(gateway)
    (message,) = _queued()
    clock.advance(601)
    _consume(gateway, [message["Body"]])
    assert sent_emails() == []


@pytest.mark.parametrize("store_id", ["ghost"])
def test_a_message_for_an_unknown_store_is_dropped(shop: Shop, gateway: Gateway, store_id: str) -> None:
    body = json.dumps({"store_id": store_id, "email": ANN, "counter": 1})
    assert _consume(gateway, [body]) == {"batchItemFailures": []}
    assert sent_emails() == []
