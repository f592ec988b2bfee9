"""An AWS call that times out is retried as its budget allows (access_center.core.timeouts), then the
route answers 503 with Retry-After, the contract's answer for "send it again", never a 500 or a change
half made. The timeout is botocore's own ReadTimeoutError, raised where its endpoint would raise it."""

from __future__ import annotations

from access_center.core.timeouts import budget
from devtools.emulator.outbox import sent_emails
from tests.harness.faults import Faults
from tests.harness.support import Client, Shop

ANN = "ann@example.com"


def _assert_503(reply: object) -> None:
    assert reply.status == 503, reply.body  # type: ignore[attr-defined]
    assert reply.json()["error"] == "unavailable"  # type: ignore[attr-defined]
    assert reply.header("Retry-After") == "1"  # type: ignore[attr-defined]


def test_a_dynamodb_read_timeout_is_503_after_the_budgets_attempts(
    shop: Shop, customer: Client, faults: Faults
) -> None:
    shop.put_order("o1")
    shop.login(customer, ANN)
    with faults.time_out("dynamodb", "GetItem", table="SessionsTable") as fault:
        _assert_503(customer.get("/store/account/api/orders"))
    assert fault.hits == budget("dynamodb").attempts
    assert customer.get("/store/account/api/orders").status == 200  # the same request, sent again


def test_one_timed_out_attempt_is_retried_and_the_customer_never_sees_it(
    shop: Shop, customer: Client, faults: Faults
) -> None:
    shop.put_order("o1")
    shop.login(customer, ANN)
    with faults.time_out("dynamodb", "Query", times=1) as fault:
        reply = customer.get("/store/account/api/orders")
    assert fault.hits == 1
    assert reply.status == 200
    assert [o["order_id"] for o in reply.json()["orders"]] == ["o1"]


def test_a_timed_out_order_write_is_503_and_writes_nothing(shop: Shop, faults: Faults) -> None:
    with faults.time_out("dynamodb", "TransactWriteItems"):
        _assert_503(shop.put_order("o1"))
    from tests.harness.aws import aws_client

    key = {"pk": {"S": "s1#o1"}}
    assert "Item" not in aws_client("dynamodb").get_item(TableName="OrdersTable", Key=key, ConsistentRead=True)
    assert shop.put_order("o1").status == 201


def test_a_timed_out_queue_is_503_for_the_code_request(shop: Shop, customer: Client, faults: Faults) -> None:
    shop.put_order("o1")
    with faults.time_out("sqs", "SendMessage") as fault:
        _assert_503(shop.send_code(customer, ANN))
    assert fault.hits == budget("sqs").attempts
    assert sent_emails() == []


def test_a_timed_out_page_read_is_503_with_retry_after(shop: Shop, customer: Client, faults: Faults) -> None:
    shop.put_order("o1")
    shop.login(customer, ANN)
    with faults.time_out("dynamodb", "GetItem", table="SessionsTable"):
        reply = customer.get("/store/account/orders")
    assert reply.status == 503
    assert reply.header("Retry-After") == "1"
