"""Partial batch responses for the queue and stream consumers (Lambda's ReportBatchItemFailures).

Each record is handled on its own; a record that raises is reported failed alone and the others
count as done. For a stream Lambda then retries from the lowest failed sequence number, for a queue
only the failed messages come back. This is the part of Powertools' batch utility we used: that
utility imports asyncio and every event data class, which measured about a fifth of the stream
consumer's cold start, and the loop is ten lines.

A record is started only while the invocation has `reserve_seconds` left (a record's calls, each within
its budget, access_center.core.timeouts): the records not started are reported failed and come back in
the next invocation, instead of Lambda's timeout failing the whole batch with a send half done.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from aws_lambda_powertools.shared.dynamodb_deserializer import TypeDeserializer

Record = Mapping[str, Any]
_deserializer = TypeDeserializer()


def partial_response(
    event: Mapping[str, Any],
    handle: Callable[[Record], object],
    item_id: Callable[[Record], str | None],
    *,
    seconds_left: Callable[[], float] | None = None,
    reserve_seconds: float = 0.0,
) -> dict[str, Any]:
    failures = []
    out_of_time = False
    for record in event.get("Records") or ():
        # Once short of time, no later record starts either (a stream's records keep their order).
        out_of_time = out_of_time or (seconds_left is not None and seconds_left() < reserve_seconds)
        if out_of_time:
            failures.append({"itemIdentifier": item_id(record)})
            continue
        try:
            handle(record)
        except Exception:  # noqa: BLE001 - the handler logs why; the record is retried
            failures.append({"itemIdentifier": item_id(record)})
    return {"batchItemFailures": failures}


def sequence_number(record: Record) -> str | None:
    """A stream record's id in the response (what Lambda retries from)."""
    stream = record.get("dynamodb")
    return str(stream["SequenceNumber"]) if isinstance(stream, Mapping) and "SequenceNumber" in stream else None


def message_id(record: Record) -> str | None:
    """A queue message's id in the response."""
    found = record.get("messageId")
    return str(found) if found is not None else None


def image(record: Record, name: str) -> dict[str, Any]:
    """A stream record's `Keys`, `NewImage` or `OldImage` as Python values (numbers as Decimal); {} if
    absent. Raises (KeyError, TypeError, ...) on what is not DynamoDB JSON."""
    stream = record["dynamodb"]
    found = stream.get(name) or {}
    return {key: _deserializer.deserialize(value) for key, value in found.items()}
