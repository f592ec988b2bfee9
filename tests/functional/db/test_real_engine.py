"""Where moto and DynamoDB (DynamoDB Local, AWS's engine) differ, found by running the suite on both.

The `real_dynamodb` tests pin what DynamoDB does and moto does not (moto accepts all of these); they
run with `--backend=dynamodb-local`. The others hold on both backends: what the product does about it.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from devtools import template
from devtools.emulator import streams
from tests.harness.bodies import order_body
from tests.harness.support import Shop

# Plain clients without botocore's own parameter checks, so the engine is what answers.
NO_CLIENT_CHECKS = Config(parameter_validation=False)


def _dynamodb() -> Any:
    return boto3.client("dynamodb", region_name="us-east-1", config=NO_CLIENT_CHECKS)


def _refused(call: Any, *args: Any, **kwargs: Any) -> str:
    with pytest.raises(ClientError) as caught:
        call(*args, **kwargs)
    assert caught.value.response["Error"]["Code"] == "ValidationException"
    return str(caught.value.response["Error"]["Message"])


@pytest.mark.real_dynamodb("moto pages on from a start key of another partition; DynamoDB refuses it")
def test_a_query_start_key_must_be_in_the_queried_partition(aws: None) -> None:
    """Why a cursor carries (and is checked against) the caller's partition: the product builds the
    start key from the session's partition only, so a cursor can never make DynamoDB answer this."""
    message = _refused(
        _dynamodb().query,
        TableName="CustomersTable",
        KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": {"S": "s1#ann@example.com"}},
        ExclusiveStartKey={"pk": {"S": "s1#bob@example.com"}, "sk": {"S": "order#2026"}},
    )
    assert "starting key" in message


@pytest.mark.real_dynamodb("moto answers a start key without the sort key with a TypeError (a 500)")
def test_a_query_start_key_needs_the_whole_key(aws: None) -> None:
    _refused(
        _dynamodb().query,
        TableName="CustomersTable",
        KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": {"S": "s1#ann@example.com"}},
        ExclusiveStartKey={"pk": {"S": "s1#ann@example.com"}},
    )


@pytest.mark.real_dynamodb("moto accepts more than 25 writes in one BatchWriteItem")
def test_batch_writes_take_at_most_25_items(aws: None) -> None:
    """The harness (table resets) and the benchmark's loader write in 25s for this reason."""
    items = [{"PutRequest": {"Item": {"token_hash": {"S": f"t{i}"}}}} for i in range(26)]
    _refused(_dynamodb().batch_write_item, RequestItems={"SessionsTable": items})


@pytest.mark.real_dynamodb("moto stores numbers of any precision; DynamoDB keeps 38 digits")
def test_numbers_have_at_most_38_digits(aws: None) -> None:
    _refused(_dynamodb().put_item, TableName="SessionsTable", Item={"token_hash": {"S": "t"}, "n": {"N": "1" * 39}})


@pytest.mark.real_dynamodb("moto ignores unused ExpressionAttributeValues; DynamoDB refuses the request")
def test_expression_values_must_all_be_used(aws: None) -> None:
    _refused(
        _dynamodb().query,
        TableName="SessionsTable",
        KeyConditionExpression="token_hash = :t",
        ExpressionAttributeValues={":t": {"S": "t"}, ":unused": {"S": "x"}},
    )


@pytest.mark.real_dynamodb("moto accepts table names of one or two characters")
def test_table_names_have_at_least_three_characters(aws: None) -> None:
    _refused(
        _dynamodb().create_table,
        TableName="T",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )


def test_amounts_beyond_what_dynamodb_stores_are_400_not_500(shop: Shop) -> None:
    """A total of 10**40 cents passes a bare JSON integer check and moto would store it; DynamoDB would
    refuse the write (38 digits) and the store system would see a 500. The schema bounds money first."""
    body = order_body()
    body["totals"]["total"] = 10**40
    reply = shop.put_order("huge", body)
    assert reply.status == 400, reply.body


def test_the_local_stream_poller_delivers_the_first_records_of_a_new_table(aws: None) -> None:
    """DynamoDB Local answers TrimmedDataAccessException the first time a TRIM_HORIZON iterator taken
    on an empty shard is read after records arrived (moto does not); `make dev --dynamodb-local` must
    deliver those records all the same (the poller takes a new iterator at the trim horizon)."""
    delivered: list[dict[str, Any]] = []
    function = template.functions()["ChangeNoticesFunction"]
    (mapping,) = [m for m in streams.mappings({function.name: function}) if m.table == "OrdersTable"]
    poller = streams.Poller(mapping, "us-east-1", threading.Event(), lambda fn, event: delivered.append(event))
    poller.open()  # the shard is empty: nothing written yet
    _dynamodb().put_item(TableName="OrdersTable", Item={"pk": {"S": "s1#o1"}})
    deadline = time.monotonic() + 10
    while not delivered and time.monotonic() < deadline:
        poller.step()
    assert [r["dynamodb"]["Keys"]["pk"]["S"] for e in delivered for r in e["Records"]] == ["s1#o1"]
    assert delivered[0]["Records"][0]["eventSourceARN"].startswith("arn:aws:dynamodb:us-east-1:")


def test_a_transaction_conflict_is_retried_like_a_lost_condition(shop: Shop, monkeypatch: pytest.MonkeyPatch) -> None:
    """DynamoDB cancels one of two transactions on the same item with `TransactionConflict` (neither
    moto nor DynamoDB Local does): the writer re-reads and tries again, as after a failed condition."""
    from pynamodb.exceptions import CancellationReason, TransactWriteError, VerboseClientError

    from access_center.db.transactions import conditional
    from access_center.orders import logic as orders
    from access_center.orders import storage as orders_db
    from access_center.orders.models import FulfilmentIn

    assert shop.put_order("o1").status == 201
    real_save, calls = orders_db.save_order, []

    def conflicting_once(*args: Any, **kwargs: Any) -> None:
        calls.append(1)
        if len(calls) == 1:
            reasons = [CancellationReason(code="TransactionConflict", message="Transaction is ongoing for the item")]
            response = {"Error": {"Code": "TransactionCanceledException", "Message": "Transaction cancelled"}}
            cause = VerboseClientError(response, "TransactWriteItems", cancellation_reasons=reasons)
            with conditional():  # where save_order's transaction meets DynamoDB's answer
                raise TransactWriteError("Failed to write transaction items", cause=cause)
        real_save(*args, **kwargs)

    monkeypatch.setattr(orders_db, "save_order", conflicting_once)
    view = orders.put_fulfilment("s1", "o1", "f1", FulfilmentIn(carrier="UPS"))
    assert view["fulfilment_status"] == "fulfilled"
    assert len(calls) == 2
