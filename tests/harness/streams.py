"""The Orders, Messages and Invoices tables' streams, read the way Lambda's event source mapping reads them (tests only)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from devtools import template
from devtools.emulator import streams
from devtools.emulator.gateway import LambdaContext, load_handler
from tests.harness.aws import aws_client


class TableStream:
    """Reads a table's stream (OrdersTable's unless told) like an event source mapping: each take()
    returns the records written since the previous one, shaped as Lambda puts them in `Records`."""

    def __init__(self, table: str = "OrdersTable") -> None:
        dynamodb = aws_client("dynamodb")
        self.arn = dynamodb.describe_table(TableName=table)["Table"]["LatestStreamArn"]
        self.client = aws_client("dynamodbstreams")
        self.iterators: dict[str, str] = {}

    def take(self) -> list[dict[str, Any]]:
        records = []
        for shard in self.client.describe_stream(StreamArn=self.arn)["StreamDescription"]["Shards"]:
            shard_id = shard["ShardId"]
            iterator = (
                self.iterators.get(shard_id)
                or self.client.get_shard_iterator(
                    StreamArn=self.arn, ShardId=shard_id, ShardIteratorType="TRIM_HORIZON"
                )["ShardIterator"]
            )
            while True:
                page = self.client.get_records(ShardIterator=iterator)
                records.extend(page["Records"])
                iterator = page["NextShardIterator"]
                if not page["Records"]:
                    break
            self.iterators[shard_id] = iterator
        return [self._lambda_shape(r) for r in records]

    def _lambda_shape(self, raw: dict[str, Any]) -> dict[str, Any]:
        dynamodb = dict(raw["dynamodb"])
        created = dynamodb.get("ApproximateCreationDateTime")
        if isinstance(created, datetime):
            dynamodb["ApproximateCreationDateTime"] = int(created.timestamp())
        return {**raw, "dynamodb": dynamodb, "eventSourceARN": self.arn}


def drain_order_stream() -> list[str]:
    """Run ChangeNoticesFunction once over everything the stream holds; the records reported failed."""
    stream = TableStream()
    handler = load_handler(template.functions()["ChangeNoticesFunction"])
    reply = handler({"Records": stream.take()}, LambdaContext("ChangeNoticesFunction"))
    return [failure["itemIdentifier"] for failure in reply["batchItemFailures"]]


def drain_table_stream(table: str) -> list[str]:
    """Run ChangeNoticesFunction once over what `table`'s stream holds that its event source mapping's
    own filter (the template's FilterCriteria) passes; the records reported failed."""
    functions = template.functions()
    (mapping,) = [
        m for m in streams.mappings(functions) if m.function.name == "ChangeNoticesFunction" and m.table == table
    ]
    records = [
        r
        for r in TableStream(table).take()
        if not mapping.filters or any(streams.matches(p, r) for p in mapping.filters)
    ]
    handler = load_handler(functions["ChangeNoticesFunction"])
    reply = handler({"Records": records}, LambdaContext("ChangeNoticesFunction"))
    return [failure["itemIdentifier"] for failure in reply["batchItemFailures"]]


def drain_message_stream() -> list[str]:
    """The new messages the Messages stream holds (INSERTs of messages, not of thread headers)."""
    return drain_table_stream("MessagesTable")


def drain_invoice_stream() -> list[str]:
    """The invoices pushed or changed (not their list entries or order links)."""
    return drain_table_stream("InvoicesTable")
