"""DynamoDB stream event source mappings, emulated: what Lambda does between a table's stream and the
functions whose template events are `Type: DynamoDB`.

One poller thread per mapping (as each mapping has its own iterator in AWS) reads the stream through the
DynamoDB Streams API (moto's, or DynamoDB Local's where AWS_ENDPOINT_URL_DYNAMODB_STREAMS points there),
turns records into the event Lambda delivers, and invokes the function in batches. Settings are read
from the event's properties as the template declares them:

- `BatchSize` (default 100), `StartingPosition` (TRIM_HORIZON or LATEST), `Enabled`.
- `FilterCriteria`: records no filter matches are dropped, never delivered (as Lambda does).
- `FunctionResponseTypes: [ReportBatchItemFailures]`: a `{"batchItemFailures": [{"itemIdentifier":
  <SequenceNumber>}]}` answer checkpoints before the first failed record and retries from it; an
  identifier that is empty or not in the batch fails the whole batch.
- A function that raises fails the whole batch, which is retried (halved first, while it can be, with
  `BisectBatchOnFunctionError`).
- `MaximumRetryAttempts` (default -1: until the record expires), `MaximumRecordAgeInSeconds` (default -1:
  the stream's 24 hours): a batch that runs out is dropped and logged, and, with `DestinationConfig:
  OnFailure` naming an SQS queue of the template, described there in Lambda's on-failure message
  (`DDBStreamBatchInfo`: shard and sequence range); naming an S3 bucket (`Type: S3`), written there as
  Lambda writes it: that message plus the whole invocation (`payload`), under
  `aws/lambda/{mapping}/{shard}/{yyyy}/{mm}/{dd}/{time}-{uuid}` (devtools/ops/replay.py reads it back).
  Retries back off from 0.2 s to 5 s.

Batches start at once after a write through the local server (each request and each function run
wakes the pollers) and within `IDLE_POLL_SECONDS` of any other write (a test's own client on DynamoDB
Local), with no batching window, in stream order per mapping. Polling 20 times a second instead kept an
idle server at a fifth of a core, paid by every test that runs one.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import boto3
from moto.events.models import EventPattern

from devtools import template
from devtools.emulator.gateway import LambdaContext, load_handler

log = logging.getLogger("devtools.emulator.streams")

IDLE_POLL_SECONDS = 0.5
STREAM_RETENTION_SECONDS = 24 * 3600
FIRST_BACKOFF_SECONDS, MAX_BACKOFF_SECONDS = 0.2, 5.0

Invoke = Callable[[template.Function, dict[str, Any]], Any]


# ---------------------------------------------------------------------------------------------- mappings
@dataclass
class Mapping:
    """One `Type: DynamoDB` event of one function."""

    function: template.Function
    table: str
    batch_size: int = 100
    starting_position: str = "LATEST"
    enabled: bool = True
    report_item_failures: bool = False
    bisect_on_error: bool = False
    max_retries: int | None = None  # None: until the record expires
    max_record_age: float = STREAM_RETENTION_SECONDS
    filters: list[dict[str, Any]] = field(default_factory=list)
    on_failure: str | None = None  # an SQS queue (local name) that gets dropped batches' details
    on_failure_bucket: str | None = None  # or an S3 bucket (local name) that gets them with their records

    @property
    def name(self) -> str:
        return f"{self.function.name}<-{self.table}"


def stream_table(stream: Any) -> str | None:
    """The table (logical id) a mapping's `Stream` names: `!GetAtt Table.StreamArn` or a stream ARN."""
    if isinstance(stream, dict) and "Fn::GetAtt" in stream:
        target = stream["Fn::GetAtt"]
        parts = target if isinstance(target, list) else str(target).split(".", 1)
        if len(parts) == 2 and parts[1] in ("StreamArn", "LatestStreamArn"):
            return str(parts[0])
        return None
    if isinstance(stream, str) and ":table/" in stream:
        return stream.split(":table/", 1)[1].split("/", 1)[0]
    return None


def destination_queue(config: Any) -> str | None:
    """The SQS queue of `DestinationConfig.OnFailure` (`!GetAtt Queue.Arn` or a queue ARN)."""
    target = ((config or {}).get("OnFailure") or {}).get("Destination")
    if isinstance(target, dict) and "Fn::GetAtt" in target:
        parts = target["Fn::GetAtt"]
        parts = parts if isinstance(parts, list) else str(parts).split(".", 1)
        return str(parts[0]) if len(parts) == 2 and parts[1] == "Arn" else None
    if isinstance(target, str) and target.startswith("arn:") and ":sqs:" in target:
        return target.rsplit(":", 1)[1]
    return None


def destination_bucket(config: Any) -> str | None:
    """The S3 bucket of `DestinationConfig.OnFailure` (SAM's `Type: S3`, `!GetAtt Bucket.Arn` or a bucket ARN)."""
    on_failure = (config or {}).get("OnFailure") or {}
    target = on_failure.get("Destination")
    if isinstance(target, dict) and "Fn::GetAtt" in target and on_failure.get("Type") == "S3":
        parts = target["Fn::GetAtt"]
        parts = parts if isinstance(parts, list) else str(parts).split(".", 1)
        return template.bucket_name(str(parts[0])) if len(parts) == 2 and parts[1] == "Arn" else None
    if isinstance(target, str) and target.startswith("arn:aws:s3:::"):
        return target.removeprefix("arn:aws:s3:::")
    return None


def _int_setting(props: dict[str, Any], name: str, default: int) -> int:
    value = props.get(name, default)
    return int(value) if isinstance(value, (int, str)) and str(value).lstrip("-").isdigit() else default


def mappings(functions: dict[str, template.Function]) -> list[Mapping]:
    found = []
    for fn in functions.values():
        for props in fn.streams:
            table = stream_table(props.get("Stream"))
            if table is None:
                log.warning("%s: cannot emulate a DynamoDB event on stream %r", fn.name, props.get("Stream"))
                continue
            retries = _int_setting(props, "MaximumRetryAttempts", -1)
            config = props.get("DestinationConfig")
            age = _int_setting(props, "MaximumRecordAgeInSeconds", -1)
            patterns = []
            for spec in (props.get("FilterCriteria") or {}).get("Filters", []):
                pattern = spec.get("Pattern")
                patterns.append(json.loads(pattern) if isinstance(pattern, str) else pattern)
            found.append(
                Mapping(
                    function=fn,
                    table=table,
                    batch_size=max(1, _int_setting(props, "BatchSize", 100)),
                    starting_position=str(props.get("StartingPosition", "LATEST")),
                    enabled=props.get("Enabled", True) not in (False, "false", "False"),
                    report_item_failures="ReportBatchItemFailures" in (props.get("FunctionResponseTypes") or []),
                    bisect_on_error=props.get("BisectBatchOnFunctionError") in (True, "true", "True"),
                    max_retries=None if retries < 0 else retries,
                    max_record_age=STREAM_RETENTION_SECONDS if age < 0 else age,
                    filters=patterns,
                    on_failure=None if destination_bucket(config) else destination_queue(config),
                    on_failure_bucket=destination_bucket(config),
                )
            )
    return found


# ---------------------------------------------------------------------------------------------- filters
def matches(pattern: dict[str, Any], record: dict[str, Any]) -> bool:
    """Lambda event filtering against one record: Lambda's filter syntax is EventBridge's, so moto's
    EventBridge pattern matcher decides, on the record as JSON (binary values base64, as Lambda sees them)."""
    return EventPattern(None, pattern).matches_event(_json_safe(record))


# ---------------------------------------------------------------------------------------------- records
def _json_safe(value: Any) -> Any:
    """DynamoDB JSON as Lambda delivers it: binary values base64, as on the wire."""
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode()
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_safe(v) for v in value]
    return value


def lambda_record(raw: dict[str, Any], stream_arn: str, region: str) -> dict[str, Any]:
    """A GetRecords record (as boto3 parses it) -> the record Lambda puts in `Records`."""
    dynamodb = dict(raw["dynamodb"])
    created = dynamodb.get("ApproximateCreationDateTime")
    if isinstance(created, datetime):
        dynamodb["ApproximateCreationDateTime"] = int(created.timestamp())
    return {
        "eventID": raw["eventID"],
        "eventName": raw["eventName"],
        "eventVersion": "1.1",
        "eventSource": "aws:dynamodb",
        "awsRegion": region,
        "dynamodb": _json_safe(dynamodb),
        "eventSourceARN": stream_arn,
    }


def aws_stream_arn(arn: str, region: str) -> str:
    """The stream ARN as Lambda names it in events: DynamoDB Local's own (`arn:aws:dynamodb:ddblocal:
    000000000000:...`) in the region and account the local functions believe they run in."""
    from devtools.emulator.outbox import ACCOUNT

    prefix = "arn:aws:dynamodb:ddblocal:000000000000:"
    return f"arn:aws:dynamodb:{region}:{ACCOUNT}:{arn[len(prefix) :]}" if arn.startswith(prefix) else arn


def invoke_function(fn: template.Function, event: dict[str, Any]) -> Any:
    """Run a function's handler on an event, as Lambda would (a JSON round trip of the payload)."""
    handler = load_handler(fn)
    return handler(json.loads(json.dumps(event)), LambdaContext(fn.name))


# ---------------------------------------------------------------------------------------------- pollers
def _forget_iterator(iterator: str, region: str) -> None:
    """moto keeps every shard iterator it ever issued; a poller makes ~20 a second, so drop used ones."""
    if os.environ.get("AWS_ENDPOINT_URL_DYNAMODB_STREAMS"):
        return  # the streams are DynamoDB Local's (make dev --dynamodb-local), which expires iterators itself
    from moto.dynamodbstreams.models import dynamodbstreams_backends

    from devtools.emulator.atomic import AWS_LOCK
    from devtools.emulator.outbox import ACCOUNT

    with AWS_LOCK:
        dynamodbstreams_backends[ACCOUNT][region].shard_iterators.pop(iterator, None)


@dataclass
class _Pending:
    record: dict[str, Any]
    seen_at: float  # when it was read, to expire it like the stream's retention would


@dataclass
class Stats:
    invocations: int = 0
    delivered: int = 0
    failures: int = 0
    filtered: int = 0
    dropped: list[dict[str, Any]] = field(default_factory=list)


class Poller(threading.Thread):
    def __init__(self, mapping: Mapping, region: str, stop: threading.Event, invoke: Invoke) -> None:
        super().__init__(name=f"stream {mapping.name}", daemon=True)
        self.mapping = mapping
        self.region = region
        self.stop_event = stop
        self.invoke = invoke
        self.stats = Stats()
        self.pending: list[_Pending] = []
        self.iterators: list[str] = []
        self.shard_ids: list[str] = []
        self.last_read: list[str | None] = []  # per shard: the sequence number of the last record read
        self.stream_arn = ""
        self.attempts = 0  # failed tries of the batch at the head of `pending`
        self.retry_at = 0.0
        self.limit = mapping.batch_size  # smaller while bisecting
        self.bisect_until: str | None = None  # the last record of the batch being bisected
        self.ready = threading.Event()
        self.woken = threading.Event()  # set by StreamEmulator.wake: something may have written
        self._streams = boto3.client("dynamodbstreams", region_name=region)

    # ---- positions
    def open(self) -> None:
        """Place the iterators (StartingPosition), before any write this mapping should see."""
        dynamodb = boto3.client("dynamodb", region_name=self.region)
        self.stream_arn = dynamodb.describe_table(TableName=self.mapping.table)["Table"].get("LatestStreamArn", "")
        if not self.stream_arn:
            log.warning("%s: table %s has no stream; nothing to deliver", self.mapping.name, self.mapping.table)
            return
        position = "TRIM_HORIZON" if self.mapping.starting_position == "TRIM_HORIZON" else "LATEST"
        shards = self._streams.describe_stream(StreamArn=self.stream_arn)["StreamDescription"]["Shards"]
        for shard in shards:
            self.shard_ids.append(shard["ShardId"])
            self.last_read.append(None)
            self.iterators.append(
                self._streams.get_shard_iterator(
                    StreamArn=self.stream_arn, ShardId=shard["ShardId"], ShardIteratorType=position
                )["ShardIterator"]
            )

    def _read(self) -> None:
        for index, iterator in enumerate(self.iterators):
            try:
                answer = self._streams.get_records(ShardIterator=iterator, Limit=1000)
            except self._streams.exceptions.TrimmedDataAccessException:
                self.iterators[index] = self._resume(index)
                continue
            self.iterators[index] = answer["NextShardIterator"]
            _forget_iterator(iterator, self.region)
            now = time.monotonic()
            for raw in answer["Records"]:
                self.last_read[index] = raw["dynamodb"]["SequenceNumber"]
                record = lambda_record(raw, aws_stream_arn(self.stream_arn, self.region), self.region)
                if self.mapping.filters and not any(matches(p, record) for p in self.mapping.filters):
                    self.stats.filtered += 1
                    continue
                self.pending.append(_Pending(record, now))

    def _resume(self, index: int) -> str:
        """A new iterator for a shard whose iterator points before the oldest record kept: just after
        the last record read, or the trim horizon if none was. In AWS, records older than 24 h were
        trimmed (Lambda resumes at the horizon too); DynamoDB Local also says so, wrongly, the first
        time a TRIM_HORIZON iterator taken on an empty shard is read after records arrived."""
        where: dict[str, str] = {"ShardIteratorType": "TRIM_HORIZON"}
        if self.last_read[index] is not None:
            where = {"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": str(self.last_read[index])}
        log.info("%s: shard %s trimmed before our position; resuming %s", self.mapping.name, index, where)
        answer = self._streams.get_shard_iterator(StreamArn=self.stream_arn, ShardId=self.shard_ids[index], **where)
        return str(answer["ShardIterator"])

    # ---- the loop
    def run(self) -> None:
        self.ready.set()
        while not self.stop_event.is_set():
            self.woken.clear()  # before reading: a write made while this step runs wakes the next wait
            try:
                busy = self.step()
            except Exception:  # the emulator must outlive anything a poll runs into
                log.exception("%s: poll failed", self.mapping.name)
                busy = False
            if not busy:
                until_retry = self.retry_at - time.monotonic() if self.pending else IDLE_POLL_SECONDS
                self.woken.wait(min(IDLE_POLL_SECONDS, max(until_retry, 0.0)))

    def step(self) -> bool:
        """Read new records, deliver one batch if due. True if it delivered (so poll again at once)."""
        if len(self.pending) < self.mapping.batch_size:
            self._read()
        self._expire()
        if not self.pending or time.monotonic() < self.retry_at:
            return False
        batch = self.pending[: self.limit]
        self.deliver(batch)
        return True

    def _expire(self) -> None:
        now = time.monotonic()
        while self.pending and now - self.pending[0].seen_at > self.mapping.max_record_age:
            expired = self.pending[0]
            self._drop([expired], "record expired (MaximumRecordAgeInSeconds)")

    def deliver(self, batch: list[_Pending]) -> None:
        records = [p.record for p in batch]
        sequence = [r["dynamodb"]["SequenceNumber"] for r in records]
        self.stats.invocations += 1
        try:
            answer = self.invoke(self.mapping.function, {"Records": records})
        except Exception:
            log.exception("%s: the function failed on records %s..%s", self.mapping.name, sequence[0], sequence[-1])
            self._batch_failed(batch)
            return
        first_failed = self._first_failure(answer, sequence) if self.mapping.report_item_failures else None
        if first_failed is None:
            self._checkpoint(len(batch))
            return
        if first_failed < 0:
            log.warning("%s: batchItemFailures named a record not in the batch; retrying it all", self.mapping.name)
            self._batch_failed(batch)
            return
        log.info("%s: record %s reported failed; retrying from it", self.mapping.name, sequence[first_failed])
        self._checkpoint(first_failed)
        self._retry(batch[first_failed:])

    @staticmethod
    def _first_failure(answer: Any, sequence: list[str]) -> int | None:
        """Index of the first failed record; None: all succeeded; -1: an invalid answer (all failed)."""
        if not isinstance(answer, dict):
            return None
        failures = answer.get("batchItemFailures")
        if not failures:
            return None
        indexes = []
        for failure in failures:
            identifier = failure.get("itemIdentifier") if isinstance(failure, dict) else None
            if not identifier or str(identifier) not in sequence:
                return -1
            indexes.append(sequence.index(str(identifier)))
        return min(indexes)

    def _checkpoint(self, count: int) -> None:
        """The first `count` pending records are done."""
        done, self.pending = self.pending[:count], self.pending[count:]
        self.stats.delivered += len(done)
        if count:
            self.attempts = 0
            self.retry_at = 0.0
        if self.bisect_until is not None and any(
            p.record["dynamodb"]["SequenceNumber"] == self.bisect_until for p in done
        ):
            self.bisect_until = None
            self.limit = self.mapping.batch_size

    def _batch_failed(self, batch: list[_Pending]) -> None:
        if self.mapping.bisect_on_error and len(batch) > 1:
            # Split, and do not count it as a retry (Lambda's bisection does not use up retries).
            self.stats.failures += 1
            if self.bisect_until is None:
                self.bisect_until = batch[-1].record["dynamodb"]["SequenceNumber"]
            self.limit = max(1, len(batch) // 2)
            return
        self._retry(batch)

    def _retry(self, failed: list[_Pending]) -> None:
        """`failed` (now at the head of `pending`) failed; retry it later, or drop it if out of retries."""
        self.stats.failures += 1
        self.attempts += 1
        limit = self.mapping.max_retries
        if limit is not None and self.attempts > limit:
            self._drop(failed, f"retries exhausted ({limit})")
            return
        self.retry_at = time.monotonic() + min(FIRST_BACKOFF_SECONDS * 2 ** (self.attempts - 1), MAX_BACKOFF_SECONDS)

    def _drop(self, failed: list[_Pending], reason: str) -> None:
        sequence = [p.record["dynamodb"]["SequenceNumber"] for p in failed]
        log.error(
            "%s: dropping %d record(s) %s..%s: %s (an on-failure destination would get them)",
            self.mapping.name,
            len(failed),
            sequence[0],
            sequence[-1],
            reason,
        )
        entry: dict[str, Any] = {"reason": reason, "sequence_numbers": sequence}
        destination = self.mapping.on_failure or self.mapping.on_failure_bucket
        if destination:
            try:
                self._send_to_destination(failed, reason)
                entry["destination"] = destination
            except Exception:  # a missing queue or bucket must not stop the stream
                log.exception("%s: could not send to %s", self.mapping.name, destination)
        self.stats.dropped.append(entry)
        del self.pending[: len(failed)]
        self.attempts = 0
        self.retry_at = 0.0
        if self.bisect_until in sequence:
            self.bisect_until = None
            self.limit = self.mapping.batch_size

    def _send_to_destination(self, failed: list[_Pending], reason: str) -> None:
        """What Lambda sends an on-failure destination for a stream batch: where to re-read it, not the records."""
        records = [p.record for p in failed]
        arrivals = [
            datetime.fromtimestamp(r["dynamodb"].get("ApproximateCreationDateTime", 0), UTC).strftime(
                "%Y-%m-%dT%H:%M:%S.000Z"
            )
            for r in records
        ]
        message = {
            "requestContext": {
                "requestId": str(uuid.uuid4()),
                "functionArn": LambdaContext(self.mapping.function.name).invoked_function_arn,
                "condition": "RecordAgeExceeded" if "expired" in reason else "RetryAttemptsExhausted",
                "approximateInvokeCount": self.attempts,
            },
            "responseContext": {"statusCode": 200, "executedVersion": "$LATEST", "functionError": "Unhandled"},
            "version": "1.0",
            "timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z",
            "DDBStreamBatchInfo": {
                "shardId": self.shard_ids[0] if self.shard_ids else "",
                "startSequenceNumber": records[0]["dynamodb"]["SequenceNumber"],
                "endSequenceNumber": records[-1]["dynamodb"]["SequenceNumber"],
                "approximateArrivalOfFirstRecord": arrivals[0],
                "approximateArrivalOfLastRecord": arrivals[-1],
                "batchSize": len(records),
                "streamArn": aws_stream_arn(self.stream_arn, self.region),
            },
        }
        if self.mapping.on_failure_bucket:
            # S3 gets the whole invocation too, the event as the function was handed it.
            message["payload"] = {"Records": records}
            now = datetime.now(UTC)
            mapping_id = uuid.uuid5(uuid.NAMESPACE_URL, self.mapping.name)
            shard = message["DDBStreamBatchInfo"]["shardId"]
            key = f"aws/lambda/{mapping_id}/{shard}/{now:%Y/%m/%d}/{now:%Y-%m-%dT%H.%M.%S}-{uuid.uuid4()}"
            s3 = boto3.client("s3", region_name=self.region)
            s3.put_object(Bucket=self.mapping.on_failure_bucket, Key=key, Body=json.dumps(message).encode())
            return
        sqs = boto3.client("sqs", region_name=self.region)
        url = sqs.get_queue_url(QueueName=self.mapping.on_failure)["QueueUrl"]
        sqs.send_message(QueueUrl=url, MessageBody=json.dumps(message))

    def status(self) -> dict[str, Any]:
        return {
            "function": self.mapping.function.name,
            "table": self.mapping.table,
            "stream_arn": self.stream_arn,
            "batch_size": self.mapping.batch_size,
            "pending": len(self.pending),
            "invocations": self.stats.invocations,
            "delivered": self.stats.delivered,
            "failures": self.stats.failures,
            "filtered": self.stats.filtered,
            "on_failure": self.mapping.on_failure or self.mapping.on_failure_bucket,
            "dropped": list(self.stats.dropped),
        }


class StreamEmulator:
    """Every DynamoDB event source mapping in the template, each polled by its own thread."""

    def __init__(
        self,
        functions: dict[str, template.Function],
        region: str = "us-east-1",
        invoke: Invoke = invoke_function,
    ) -> None:
        self.stop_event = threading.Event()
        self.pollers = [
            Poller(mapping, region, self.stop_event, invoke) for mapping in mappings(functions) if mapping.enabled
        ]

    def start(self) -> None:
        """Open every mapping's iterators, then start polling. Writes after this returns are delivered."""
        for poller in self.pollers:
            poller.open()
        for poller in self.pollers:
            poller.start()

    def wake(self) -> None:
        """Poll now: a request or a function run may have written to a table these mappings read."""
        for poller in self.pollers:
            poller.woken.set()

    def stop(self, timeout: float = 5.0) -> None:
        self.stop_event.set()
        self.wake()
        for poller in self.pollers:
            if poller.is_alive():
                poller.join(timeout)

    def status(self) -> list[dict[str, Any]]:
        return [poller.status() for poller in self.pollers]
