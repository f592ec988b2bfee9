"""Faults at each step: throttling and AWS-side errors are retried or answered with a clean 503 and
`Retry-After`; never a half-written order, a lost fulfilment or a duplicate email."""

from __future__ import annotations

import time

import pytest
from botocore.exceptions import ConnectTimeoutError, ReadTimeoutError

from access_center.aws.transient import is_transient
from devtools.emulator.outbox import sent_emails
from tests.harness.aws import aws_client
from tests.harness.bodies import order_body
from tests.harness.faults import Faults
from tests.harness.support import Client, Shop, latest_code

ANN = "ann@example.com"


def _order_item(order_id: str) -> dict | None:
    table = aws_client("dynamodb")
    return table.get_item(TableName="OrdersTable", Key={"pk": {"S": f"s1#{order_id}"}}, ConsistentRead=True).get("Item")


def _entries(email: str) -> list[dict]:
    table = aws_client("dynamodb")
    return table.query(
        TableName="CustomersTable",
        KeyConditionExpression="pk = :pk AND begins_with(sk, :o)",
        ExpressionAttributeValues={":pk": {"S": f"s1#{email}"}, ":o": {"S": "order#"}},
    )["Items"]


def _assert_503(reply: object) -> None:
    assert reply.status == 503, reply.body  # type: ignore[attr-defined]
    assert reply.json()["error"] == "unavailable"  # type: ignore[attr-defined]
    assert reply.header("Retry-After") == "1"  # type: ignore[attr-defined]


def test_a_throttled_order_write_is_retried_and_lands_once(shop: Shop, faults: Faults) -> None:
    with faults.throttle("dynamodb", "TransactWriteItems", times=1) as fault:
        reply = shop.put_order("o1")
    assert fault.hits == 1
    assert reply.status == 201
    assert _order_item("o1") is not None
    assert len(_entries(ANN)) == 1


def test_persistent_throttling_of_an_order_write_is_503_and_writes_no_half_order(shop: Shop, faults: Faults) -> None:
    started = time.monotonic()
    with faults.throttle("dynamodb", "TransactWriteItems"):
        reply = shop.put_order("o1")
    _assert_503(reply)
    assert time.monotonic() - started < 30  # bounded retries, then a clean answer
    assert _order_item("o1") is None
    assert _entries(ANN) == []
    assert shop.put_order("o1").status == 201  # the same request, retried, works


def test_a_throttled_fulfilment_is_503_and_a_replay_records_it_once(shop: Shop, faults: Faults) -> None:
    shop.put_order("o1")
    body = {"items": [{"line_id": "l1", "quantity": 1}], "carrier": "UPS", "tracking_number": "1Z"}
    with faults.throttle("dynamodb", "TransactWriteItems"):
        _assert_503(shop.fulfil("o1", "f1", body))
    assert _order_item("o1")["order"]["M"]["fulfilments"]["L"] == []  # type: ignore[index]
    first = shop.fulfil("o1", "f1", body).json()
    again = shop.fulfil("o1", "f1", body).json()
    assert first == again
    assert [f["fulfilment_id"] for f in again["fulfilments"]] == ["f1"]


def test_a_throttled_session_read_is_503_not_a_logout(shop: Shop, customer: Client, faults: Faults) -> None:
    shop.put_order("o1")
    shop.login(customer, ANN)
    with faults.throttle("dynamodb", "GetItem", table="SessionsTable"):
        _assert_503(customer.get("/store/account/api/orders"))
    assert customer.get("/store/account/api/orders").status == 200


def test_a_throttled_code_request_is_503_and_queues_nothing(shop: Shop, customer: Client, faults: Faults) -> None:
    shop.put_order("o1")
    with faults.throttle("dynamodb", "UpdateItem", table="CodesTable"):
        _assert_503(shop.send_code(customer, ANN))
    assert sent_emails() == []


def test_a_throttled_queue_is_503_for_the_code_request(shop: Shop, customer: Client, faults: Faults) -> None:
    shop.put_order("o1")
    with faults.throttle("sqs", "SendMessage"):
        _assert_503(shop.send_code(customer, ANN))
    assert sent_emails() == []


def test_ses_throttling_delays_the_code_email_but_never_fails_the_request_or_duplicates_it(
    shop: Shop, customer: Client, faults: Faults, monkeypatch: pytest.MonkeyPatch
) -> None:
    from devtools.emulator import queues

    monkeypatch.setattr(queues, "RETRY_AFTER_SECONDS", 0)
    shop.put_order("o1")
    with faults.throttle("sesv2", "SendEmail") as fault:
        assert shop.send_code(customer, ANN).status == 202
    assert fault.hits >= 1
    assert sent_emails() == []
    customer.get("/store/account/api/me")  # the queue is polled again; the message comes back
    assert len(sent_emails()) == 1
    assert shop.verify(customer, ANN, latest_code(ANN)).status == 200


def test_throttled_order_reads_in_the_list_are_503(shop: Shop, customer: Client, faults: Faults) -> None:
    shop.put_order("o1")
    shop.login(customer, ANN)
    with faults.throttle("dynamodb", "Query"):
        _assert_503(customer.get("/store/account/api/orders"))


@pytest.mark.parametrize(
    "error",
    [ConnectTimeoutError(endpoint_url="https://dynamodb"), ReadTimeoutError(endpoint_url="https://dynamodb")],
    ids=["connect-timeout", "read-timeout"],
)
def test_timeouts_count_as_transient(error: Exception) -> None:
    assert is_transient(error)


def test_an_order_body_error_is_not_transient() -> None:
    from botocore.exceptions import ClientError

    assert not is_transient(ClientError({"Error": {"Code": "ValidationException"}}, "PutItem"))


def test_orders_survive_mixed_faults_end_to_end(shop: Shop, customer: Client, faults: Faults) -> None:
    for i in range(5):
        with faults.throttle("dynamodb", "TransactWriteItems", times=1):
            assert (
                shop.put_order(f"o{i}", order_body(number=f"N{i}", placed_at=f"2026-11-0{i + 1}T10:00:00Z")).status
                == 201
            )
    shop.login(customer, ANN)
    assert [o["order_id"] for o in customer.get("/store/account/api/orders").json()["orders"]] == [
        "o4",
        "o3",
        "o2",
        "o1",
        "o0",
    ]
