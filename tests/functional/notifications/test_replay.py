"""`make replay` (devtools/ops/replay.py): the failed change-notices batches in the failures bucket, in the
shape Lambda writes them to an S3 on-failure destination, go through the real ChangeNoticesFunction
again; what succeeds is deleted and sends its emails once, what fails again stays."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from devtools import template
from devtools.emulator.gateway import LambdaContext, load_handler
from devtools.emulator.outbox import sent_emails
from devtools.ops import replay
from tests.harness.aws import aws_client
from tests.harness.faults import Faults
from tests.harness.streams import TableStream
from tests.harness.support import Shop

BUCKET = template.bucket_name("StreamFailuresBucket")


def _consumer(records: replay.Records) -> list[str]:
    """The consumer as Lambda invokes it: the real handler, the records as one event."""
    handler = load_handler(template.functions()["ChangeNoticesFunction"])
    reply = handler({"Records": records}, LambdaContext("ChangeNoticesFunction"))
    return [failure["itemIdentifier"] for failure in reply["batchItemFailures"]]


def _failed_batch(records: list[dict[str, Any]], *, payload_as_text: bool = False, payload: bool = True) -> str:
    """What Lambda writes for a stream batch that ran out of retries; its key."""
    first, last = records[0]["dynamodb"], records[-1]["dynamodb"]
    shard = aws_client("dynamodbstreams").describe_stream(StreamArn=records[0]["eventSourceARN"])
    shard_id = shard["StreamDescription"]["Shards"][0]["ShardId"]
    record: dict[str, Any] = {
        "requestContext": {
            "requestId": "c9b8fa9f-5a7f-4a1e-af9c-0c604cde93a5",
            "functionArn": "arn:aws:lambda:us-east-1:123456789012:function:ChangeNoticesFunction:live",
            "condition": "RetryAttemptsExhausted",
            "approximateInvokeCount": 6,
        },
        "responseContext": {"statusCode": 200, "executedVersion": "7", "functionError": "Unhandled"},
        "version": "1.0",
        "timestamp": "2026-12-07T10:00:00.000Z",
        "DDBStreamBatchInfo": {
            "shardId": shard_id,
            "startSequenceNumber": first["SequenceNumber"],
            "endSequenceNumber": last["SequenceNumber"],
            "approximateArrivalOfFirstRecord": datetime.fromtimestamp(first["ApproximateCreationDateTime"], UTC)
            .isoformat()
            .replace("+00:00", "Z"),
            "approximateArrivalOfLastRecord": datetime.fromtimestamp(last["ApproximateCreationDateTime"], UTC)
            .isoformat()
            .replace("+00:00", "Z"),
            "batchSize": len(records),
            "streamArn": records[0]["eventSourceARN"],
        },
    }
    if payload:
        event = {"Records": records}
        record["payload"] = json.dumps(event) if payload_as_text else event
    key = f"aws/lambda/3f7c1c5e-0d8b-4c47-9f51-6c1e2f0a9b11/{shard_id}/2026/12/07/2026-12-07T10.00.00-{len(records)}"
    aws_client("s3").put_object(Bucket=BUCKET, Key=key, Body=json.dumps(record).encode())
    return key


def _keys() -> list[str]:
    return [o["Key"] for o in aws_client("s3").list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_a_failed_batch_is_replayed_once_and_deleted(shop: Shop) -> None:
    shop.put_order("o1")
    records = TableStream().take()
    key = _failed_batch(records)

    outcome = replay.replay(aws_client("s3"), BUCKET, _consumer)

    assert outcome.replayed == [key]
    assert _keys() == []
    assert len(sent_emails()) == 1  # the order confirmation the batch never sent
    assert sent_emails()[0]["to"] == ["ann@example.com"]
    # A second run finds nothing; the same records again would send nothing (idempotency keys).
    assert replay.replay(aws_client("s3"), BUCKET, _consumer).listed == []
    _failed_batch(records, payload_as_text=True)
    assert replay.replay(aws_client("s3"), BUCKET, _consumer).replayed
    assert len(sent_emails()) == 1


def test_a_batch_that_fails_again_stays_for_the_next_run(shop: Shop, faults: Faults) -> None:
    shop.put_order("o1")
    key = _failed_batch(TableStream().take())
    with faults.throttle("sesv2", "SendEmail"):
        outcome = replay.replay(aws_client("s3"), BUCKET, _consumer)
    assert list(outcome.failed) == [key]
    assert _keys() == [key]
    assert sent_emails() == []
    assert replay.replay(aws_client("s3"), BUCKET, _consumer).replayed == [key]
    assert len(sent_emails()) == 1


def test_a_dry_run_lists_and_sends_nothing(shop: Shop) -> None:
    shop.put_order("o1")
    key = _failed_batch(TableStream().take())
    outcome = replay.replay(aws_client("s3"), BUCKET, _consumer, dry_run=True)
    assert (outcome.listed, outcome.replayed) == ([key], [])
    assert _keys() == [key]
    assert sent_emails() == []


def test_a_batch_without_its_records_is_reread_from_the_stream_while_the_stream_has_them(shop: Shop) -> None:
    shop.put_order("o1")
    key = _failed_batch(TableStream().take(), payload=False)
    outcome = replay.replay(aws_client("s3"), BUCKET, _consumer, streams=aws_client("dynamodbstreams"))
    assert outcome.replayed == [key]
    assert len(sent_emails()) == 1


def test_without_records_or_a_stream_the_batch_is_reported_unrecoverable(shop: Shop) -> None:
    shop.put_order("o1")
    key = _failed_batch(TableStream().take(), payload=False)
    outcome = replay.replay(aws_client("s3"), BUCKET, _consumer)
    assert list(outcome.unrecoverable) == [key]
    assert _keys() == [key]


def test_a_large_batch_is_sent_in_invocations_under_lambdas_payload_limit() -> None:
    records = [{"dynamodb": {"SequenceNumber": str(n), "NewImage": {"x": {"S": "y" * 1000}}}} for n in range(10)]
    runs = list(replay.chunks(records, limit=3500))
    assert [len(run) for run in runs] == [3, 3, 3, 1]
    assert [r for run in runs for r in run] == records
