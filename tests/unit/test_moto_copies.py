"""moto copying less (devtools/emulator/moto_copies.py) answers what moto answers and leaves the tables
as moto leaves them: transactions that succeed, fail on a condition after an earlier write, name one
item twice, or name no table; and items as plain JSON, value for value."""

from __future__ import annotations

import random
from typing import Any

import boto3
import pytest
from moto import mock_aws
from moto.dynamodb.models import DynamoDBBackend, dynamodb_backends
from moto.dynamodb.models.dynamo_type import DynamoType

from devtools.emulator.moto_copies import copy_less_in_moto
from tests.unit.test_moto_speed import _value

STREAM = {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}


def _tables(client: Any) -> None:
    client.create_table(
        TableName="Pairs",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in ("pk", "sk")],
        BillingMode="PAY_PER_REQUEST",
        StreamSpecification=STREAM,
    )
    client.create_table(
        TableName="Singles",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
        StreamSpecification=STREAM,
    )
    for i in range(3):
        client.put_item(TableName="Pairs", Item={"pk": {"S": "a"}, "sk": {"S": f"{i}"}, "n": {"N": str(i)}})
        client.put_item(TableName="Singles", Item={"pk": {"S": f"s{i}"}, "v": {"M": {"x": {"L": [{"S": "y"}]}}}})


def _put(table: str, **key: str) -> dict[str, Any]:
    return {"Put": {"TableName": table, "Item": {k: {"S": v} for k, v in key.items()} | {"new": {"BOOL": True}}}}


def _update(table: str, condition: str | None = None, **key: str) -> dict[str, Any]:
    update: dict[str, Any] = {
        "TableName": table,
        "Key": {k: {"S": v} for k, v in key.items()},
        "UpdateExpression": "SET touched = :t",
        "ExpressionAttributeValues": {":t": {"N": "1"}},
    }
    if condition:
        update["ConditionExpression"] = condition
    return {"Update": update}


TRANSACTIONS = {
    "succeeds": [_put("Pairs", pk="a", sk="9"), _update("Singles", pk="s1"), _put("Singles", pk="s7")],
    "fails after earlier writes": [
        _put("Pairs", pk="a", sk="9"),
        _update("Singles", pk="s1"),
        {"Delete": {"TableName": "Pairs", "Key": {"pk": {"S": "a"}, "sk": {"S": "0"}}}},
        _update("Singles", "attribute_not_exists(pk)", pk="s2"),
    ],
    "names one item twice": [_update("Singles", pk="s1"), _update("Singles", pk="s1")],
    "names no table": [_put("Pairs", pk="a", sk="9"), _put("Missing", pk="x")],
    "has no range key": [_update("Singles", pk="s1"), _update("Pairs", pk="a")],
}


def _state(client: Any) -> dict[str, Any]:
    """Each table's items and its stream's records (what they say, not their ids or times)."""
    backend = dynamodb_backends["123456789012"]["us-east-1"]
    tables = {}
    for name in ("Pairs", "Singles"):
        scanned = client.scan(TableName=name, ConsistentRead=True)["Items"]
        records = [
            (r.record["eventName"], r.record["dynamodb"].get("NewImage"), r.record["dynamodb"].get("OldImage"))
            for r in getattr(backend.tables[name].stream_shard, "items", [])
        ]
        tables[name] = (sorted(scanned, key=repr), records)
    return tables


def _run(items: list[dict[str, Any]], *, moto_own: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, ...]:
    """The answer and the tables before and after, on new tables, through our path or moto's own."""
    copy_less_in_moto()
    with monkeypatch.context() as patch, mock_aws():
        if moto_own:
            heavy = DynamoDBBackend._heavy_transact_write_items  # type: ignore[attr-defined]
            patch.setattr(DynamoDBBackend, "transact_write_items", heavy)
        client = boto3.client("dynamodb", region_name="us-east-1")
        _tables(client)
        before = _state(client)
        try:
            client.transact_write_items(TransactItems=items)
            error: Any = None
        except client.exceptions.ClientError as refused:
            error = (refused.response["Error"]["Code"], refused.response.get("CancellationReasons"))
        return error, before, _state(client)


@pytest.mark.parametrize("case", TRANSACTIONS)
def test_a_transaction_answers_and_ends_as_in_moto(monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    ours = _run(TRANSACTIONS[case], moto_own=False, monkeypatch=monkeypatch)
    assert ours == _run(TRANSACTIONS[case], moto_own=True, monkeypatch=monkeypatch)
    error, before, after = ours
    assert (error is None) == (case == "succeeds")
    assert (after == before) == (case != "succeeds")  # refused: every table and its stream as it was


def test_an_item_as_plain_json_is_what_moto_makes() -> None:
    copy_less_in_moto()
    rng = random.Random(31)
    for _ in range(300):
        value = DynamoType(_value(rng))
        assert value.to_regular_json() == value._heavy_to_regular_json()  # type: ignore[attr-defined]
    binary = DynamoType({"M": {"b": {"B": "aGk="}, "l": {"L": [{"B": "aGk="}]}}})
    assert binary.to_regular_json() == binary._heavy_to_regular_json()  # type: ignore[attr-defined]
