"""Send the change-notices batches that ran out of retries through the consumer again, once the cause is fixed.

    python -m devtools.ops.replay --stack customer-access-center-prod            # what `make replay` runs
    python -m devtools.ops.replay --stack ... --dry-run                           # list, send nothing
    python -m devtools.ops.replay --bucket NAME --function NAME:live              # without the stack's outputs

Lambda writes one object per failed batch to the stack's StreamFailuresBucket (the template's on-failure
destination of ChangeNoticesFunction's stream events): an invocation record whose `DDBStreamBatchInfo`
names the stream, the shard and the first and last sequence numbers, and whose `payload` is the whole
event the function was handed, `{"Records": [...]}` with every record's keys and images (a JSON text
or an object; both are read). Each object, oldest first, is re-driven by invoking the consumer's
`live` alias with those records, in order, in invocations under Lambda's 6 MB payload limit; an object
whose records all succeed is deleted, one with a record that fails again is kept and reported.

An object without a payload (an SQS-style record: positions only) is re-read from the stream, from an
AT_SEQUENCE_NUMBER iterator on its shard up to its last sequence number. That works only while the
stream holds the records, 24 hours; after that only the positions remain, and what those orders,
messages and invoices are now is in their tables (the notices are not re-derived from today's state).

Replaying is safe to repeat: every email and store event is sent at most once per idempotency key
(kept 48 hours), so a record whose emails went out before its batch failed sends nothing again. After
48 hours the keys are gone: `--dry-run` first, and replay only what should still be sent.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

Records = list[dict[str, Any]]
Invoke = Callable[[Records], list[str]]  # the records -> the sequence numbers reported failed

# Lambda's synchronous invocation payload limit is 6 MB; a batch of 25 records with both images can pass it.
MAX_PAYLOAD_BYTES = 5 * 1024 * 1024
FAILURES_PREFIX = "aws/lambda/"


@dataclass
class Outcome:
    """What one replay did, object by object."""

    replayed: list[str] = field(default_factory=list)  # keys whose records all succeeded (deleted)
    failed: dict[str, list[str]] = field(default_factory=dict)  # key -> sequence numbers failed again
    unrecoverable: dict[str, str] = field(default_factory=dict)  # key -> why its records are gone
    listed: list[str] = field(default_factory=list)  # every key seen (a dry run only lists)


def failed_batches(s3: Any, bucket: str, prefix: str = FAILURES_PREFIX) -> Iterator[tuple[str, dict[str, Any]]]:
    """(key, invocation record) of every object under `prefix`, oldest first (a paginated listing)."""
    objects = [
        item
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
        for item in page.get("Contents", [])
    ]
    for item in sorted(objects, key=lambda o: (o["LastModified"], o["Key"])):
        body = s3.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
        yield item["Key"], json.loads(body)


def payload_records(record: dict[str, Any]) -> Records | None:
    """The batch's records from the invocation record's `payload`, or None where it has none."""
    payload = record.get("payload")
    if isinstance(payload, str):
        payload = json.loads(payload)
    if isinstance(payload, dict) and isinstance(payload.get("Records"), list):
        return list(payload["Records"])
    return None


def stream_records(streams: Any, info: dict[str, Any]) -> Records:
    """The batch re-read from its stream by its positions (DDBStreamBatchInfo), as Lambda would hand them.
    Raises botocore's ClientError (TrimmedDataAccessException, ResourceNotFoundException) once they are gone."""
    iterator = streams.get_shard_iterator(
        StreamArn=info["streamArn"],
        ShardId=info["shardId"],
        ShardIteratorType="AT_SEQUENCE_NUMBER",
        SequenceNumber=info["startSequenceNumber"],
    )["ShardIterator"]
    last = int(info["endSequenceNumber"])
    found: Records = []
    while iterator:
        answer = streams.get_records(ShardIterator=iterator, Limit=100)
        for raw in answer.get("Records", []):
            if int(raw["dynamodb"]["SequenceNumber"]) > last:
                return found
            found.append(_lambda_shape(raw, info["streamArn"]))
        if not answer.get("Records") or int(found[-1]["dynamodb"]["SequenceNumber"]) >= last:
            return found
        iterator = answer.get("NextShardIterator")
    return found


def _lambda_shape(raw: dict[str, Any], stream_arn: str) -> dict[str, Any]:
    """A GetRecords record as Lambda delivers it: creation time in epoch seconds, the stream's ARN added."""
    dynamodb = dict(raw["dynamodb"])
    created = dynamodb.get("ApproximateCreationDateTime")
    if hasattr(created, "timestamp"):
        dynamodb["ApproximateCreationDateTime"] = int(created.timestamp())
    return {**raw, "dynamodb": dynamodb, "eventSourceARN": stream_arn}


def chunks(records: Records, limit: int = MAX_PAYLOAD_BYTES) -> Iterator[Records]:
    """The records in order, in runs whose event stays under `limit` bytes."""
    run: Records = []
    size = 0
    for record in records:
        length = len(json.dumps(record, default=str))
        if run and size + length > limit:
            yield run
            run, size = [], 0
        run.append(record)
        size += length
    if run:
        yield run


def replay(
    s3: Any,
    bucket: str,
    invoke: Invoke,
    *,
    streams: Any = None,
    dry_run: bool = False,
    prefix: str = FAILURES_PREFIX,
) -> Outcome:
    """Re-drive every failed batch in `bucket` through `invoke`; see the module's docstring."""
    from botocore.exceptions import ClientError

    outcome = Outcome()
    for key, record in failed_batches(s3, bucket, prefix):
        outcome.listed.append(key)
        records = payload_records(record)
        if records is None:
            try:
                records = stream_records(streams, record["DDBStreamBatchInfo"]) if streams is not None else None
            except ClientError as error:
                records = None
                outcome.unrecoverable[key] = f"the stream no longer has them ({error.response['Error']['Code']})"
            if records is None:
                outcome.unrecoverable.setdefault(key, "no payload, and no stream to re-read")
                continue
        if dry_run:
            continue
        failed: list[str] = []
        for run in chunks(records):
            failed = invoke(run)
            if failed:  # later records of the same orders wait for these, as the stream would
                break
        if failed:
            outcome.failed[key] = failed
            continue
        s3.delete_object(Bucket=bucket, Key=key)
        outcome.replayed.append(key)
    return outcome


def lambda_invoker(client: Any, function: str) -> Invoke:
    """Invoke the consumer (name or ARN, with its alias) synchronously with one event of `records`."""

    def invoke(records: Records) -> list[str]:
        answer = client.invoke(FunctionName=function, Payload=json.dumps({"Records": records}, default=str).encode())
        body = json.loads(answer["Payload"].read() or b"{}")
        if answer.get("FunctionError"):
            return [str(r["dynamodb"]["SequenceNumber"]) for r in records]
        return [str(f["itemIdentifier"]) for f in body.get("batchItemFailures", [])]

    return invoke


def stack_targets(cloudformation: Any, stack: str, alias: str) -> tuple[str, str]:
    """The stack's failures bucket (its output) and its consumer's alias."""
    (described,) = cloudformation.describe_stacks(StackName=stack)["Stacks"]
    outputs = {o["OutputKey"]: o["OutputValue"] for o in described.get("Outputs", [])}
    resource = cloudformation.describe_stack_resource(StackName=stack, LogicalResourceId="ChangeNoticesFunction")
    function = resource["StackResourceDetail"]["PhysicalResourceId"]
    return outputs["StreamFailuresBucketName"], f"{function}:{alias}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stack", help="the stack whose failed batches to replay (reads its outputs)")
    parser.add_argument("--bucket", help="the failures bucket (instead of --stack)")
    parser.add_argument("--function", help="the consumer to invoke, with its alias (instead of --stack)")
    parser.add_argument("--alias", default="live", help="the consumer's alias (default: live)")
    parser.add_argument("--region", default=None)
    parser.add_argument("--dry-run", action="store_true", help="list the failed batches, send nothing")
    args = parser.parse_args(argv)

    import boto3

    session = boto3.session.Session(region_name=args.region)
    if args.stack:
        bucket, function = stack_targets(session.client("cloudformation"), args.stack, args.alias)
    elif args.bucket and args.function:
        bucket, function = args.bucket, args.function
    else:
        parser.error("give --stack, or --bucket and --function")
    from botocore.config import Config

    # The consumer may take its whole timeout (60 s) to answer.
    lambda_client = session.client("lambda", config=Config(read_timeout=90, retries={"total_max_attempts": 1}))
    outcome = replay(
        session.client("s3"),
        bucket,
        lambda_invoker(lambda_client, function),
        streams=session.client("dynamodbstreams"),
        dry_run=args.dry_run,
    )
    for key in outcome.listed:
        state = (
            "replayed"
            if key in outcome.replayed
            else f"failed again: {', '.join(outcome.failed[key])}"
            if key in outcome.failed
            else f"unrecoverable: {outcome.unrecoverable[key]}"
            if key in outcome.unrecoverable
            else "found"
        )
        print(f"{key}\t{state}")
    print(
        f"{len(outcome.listed)} failed batches: {len(outcome.replayed)} replayed, {len(outcome.failed)} failed again, "
        f"{len(outcome.unrecoverable)} unrecoverable",
        file=sys.stderr,
    )
    return 1 if outcome.failed or outcome.unrecoverable else 0


if __name__ == "__main__":
    sys.exit(main())
