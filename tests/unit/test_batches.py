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
