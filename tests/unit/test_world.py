"""The fast world (tests/harness/world.py): a restored store is the one Shop.create makes, object by
object in moto, and no test starts with anything another test wrote."""

from __future__ import annotations

import pickle
import threading
from typing import Any

import pytest

from devtools.emulator import atomic, moto_state
from tests.harness import world
from tests.harness.aws import aws_client
from tests.harness.backends import on_dynamodb_local, table_items
from tests.harness.clock import Clock
from tests.harness.support import Client, Shop

# What SES makes up for each new identity: random on every CreateEmailIdentity, so two slow runs differ too.
_RANDOM = {"Tokens"}


def _plain(value: Any, path: tuple[int, ...] = ()) -> Any:
    """moto's objects as plain data, every attribute of every object (a cycle is named, not followed)."""
    if id(value) in path:
        return "<cycle>"
    if isinstance(value, threading.Condition):
        return "<lock>"  # not state: each copy has its own
    inner = (*path, id(value))
    if isinstance(value, dict):
        return {repr(k): "<random>" if k in _RANDOM else _plain(v, inner) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v, inner) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(repr(_plain(v, inner)) for v in value)
    if hasattr(value, "__dict__") and not isinstance(value, type):
        return {"__class__": type(value).__qualname__, **_plain(vars(value), inner)}
    return value


def _differences(a: Any, b: Any, where: str = "") -> list[str]:
    if type(a) is not type(b) or not isinstance(a, (dict, list)):
        return [] if a == b else [f"{where}: {a!r:.120} != {b!r:.120}"]
    if isinstance(a, list):
        if len(a) != len(b):
            return [f"{where}: {len(a)} entries != {len(b)}"]
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in _differences(x, y, f"{where}[{i}]")]
    return [d for k in a.keys() | b.keys() for d in _differences(a.get(k), b.get(k), f"{where}.{k}")]


def _state() -> Any:
    return _plain(pickle.loads(moto_state.take().data))  # noqa: S301 (our own bytes)


@pytest.mark.moto_only("compares moto's own state; DynamoDB Local's tables are not in it")
def test_a_restored_store_is_the_one_shop_create_makes(aws: None, admin: Client, clock: Clock) -> None:
    world.shop(admin)  # the worker's kept store (made here if no test made it yet)
    assert world._shop is not None
    clock.advance(3 * 86400 + 17)  # a later second than the kept store's: its stamps must move

    world.fresh()
    Shop.create(admin, "s1", "shop.example")
    slow = _state()
    slow_items = {name: table_items(name) for name in ("StoresTable",)}

    world.fresh()
    before = atomic.activity()
    world.shop(admin)
    assert atomic.activity() == before, "the store was made through AWS calls, not restored"
    assert _differences(_state(), slow) == []
    assert {name: table_items(name) for name in ("StoresTable",)} == slow_items


def test_a_fixture_that_wrote_first_gets_shop_create(aws: None, admin: Client) -> None:
    aws_client("sqs").send_message(
        QueueUrl=aws_client("sqs").get_queue_url(QueueName="LoginCodeQueue")["QueueUrl"], MessageBody="x"
    )
    before = atomic.activity()
    world.shop(admin)
    assert atomic.activity() > before  # Shop.create ran: the kept state would have lost the message
    assert _queued("LoginCodeQueue") == 1


_written: list[str] = []


def test_isolation_1_writes_everywhere(shop: Shop) -> None:
    shop.settings(name="Written by the first test")
    dynamodb = aws_client("dynamodb")
    dynamodb.put_item(TableName="OrdersTable", Item={"pk": {"S": "s1#leak"}})
    sqs = aws_client("sqs")
    sqs.send_message(QueueUrl=sqs.get_queue_url(QueueName="LoginCodeQueue")["QueueUrl"], MessageBody="leak")
    aws_client("sesv2").create_email_identity(EmailIdentity="leak.example")
    bucket = aws_client("s3").list_buckets()["Buckets"][0]["Name"]
    aws_client("s3").put_object(Bucket=bucket, Key="leak", Body=b"leak")
    _written.append(bucket)


def test_isolation_2_starts_with_none_of_it(shop: Shop) -> None:
    assert _written, "runs after test_isolation_1_writes_everywhere, in the same worker (--dist loadfile)"
    assert world._shop is not None or on_dynamodb_local()  # so `shop` was the kept store, restored
    assert table_items("OrdersTable") == []
    stores = {item["pk"]["S"]: item for item in table_items("StoresTable")}
    assert stores["store#s1"]["settings"]["M"]["name"]["S"] == "Shop One"
    assert _queued("LoginCodeQueue") == 0
    identities = {i["IdentityName"] for i in aws_client("sesv2").list_email_identities()["EmailIdentities"]}
    assert identities == {"platform.example", "shop.example"}
    assert aws_client("s3").list_objects_v2(Bucket=_written[0]).get("KeyCount") == 0


def test_isolation_3_without_a_store_starts_empty(aws: None) -> None:
    assert _written
    for name in ("StoresTable", "OrdersTable"):
        assert table_items(name) == []
    identities = {i["IdentityName"] for i in aws_client("sesv2").list_email_identities()["EmailIdentities"]}
    assert identities == {"platform.example"}


def _queued(name: str) -> int:
    sqs = aws_client("sqs")
    url = sqs.get_queue_url(QueueName=name)["QueueUrl"]
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages"])
    return int(attributes["Attributes"]["ApproximateNumberOfMessages"])
