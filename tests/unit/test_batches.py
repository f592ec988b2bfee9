"""Partial batch responses (access_center.aws.batches): a failing record is reported alone."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from access_center.aws import batches


def test_only_the_records_that_raise_are_reported_failed() -> None:
    def handle(record: Any) -> None:
        if record["dynamodb"]["SequenceNumber"] == "2":
            raise RuntimeError("boom")

    event = {"Records": [{"dynamodb": {"SequenceNumber": str(n)}} for n in (1, 2, 3)]}
    assert batches.partial_response(event, handle, batches.sequence_number) == {
        "batchItemFailures": [{"itemIdentifier": "2"}]
    }


def test_an_event_without_records_is_an_empty_response() -> None:
    assert batches.partial_response({}, lambda record: None, batches.message_id) == {"batchItemFailures": []}


def test_images_come_back_as_python_values_and_absent_ones_empty() -> None:
    record = {
        "dynamodb": {"NewImage": {"n": {"N": "1.50"}, "m": {"M": {"s": {"S": "x"}}}, "l": {"L": [{"BOOL": True}]}}}
    }
    assert batches.image(record, "NewImage") == {"n": Decimal("1.50"), "m": {"s": "x"}, "l": [True]}
    assert batches.image(record, "OldImage") == {}


def test_records_not_started_before_the_reserve_runs_out_are_reported_failed_untouched() -> None:
    handled: list[str] = []
    left = iter([30.0, 12.0, 8.9])  # what the invocation has left before each record

    event = {"Records": [{"dynamodb": {"SequenceNumber": str(n)}} for n in (1, 2, 3, 4)]}
    reply = batches.partial_response(
        event,
        lambda record: handled.append(record["dynamodb"]["SequenceNumber"]),
        batches.sequence_number,
        seconds_left=lambda: next(left),
        reserve_seconds=9.0,
    )
    assert handled == ["1", "2"]
    # Lambda retries a stream from the lowest failed sequence number: 3 and 4 come back.
    assert reply == {"batchItemFailures": [{"itemIdentifier": "3"}, {"itemIdentifier": "4"}]}
