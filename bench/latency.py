"""The AWS latency model: what one call costs in time on AWS, seen from a Lambda function in the same
region (network round trip and the service's own work), per service and operation.

On moto, or answered from a recording (bench.replay), a DynamoDB GetItem and an SES SendEmail cost the
same few microseconds, so a handler that makes two DynamoDB writes per email looks many times slower
than a bare send loop although, on AWS, the send dominates both. Under this model bench.replay waits
the modelled time in botocore's `Endpoint._send` for every call, on the handler's side and on the
baseline's alike (both make the same calls), and reports wall time beside the CPU figures.

Sources (bench/README.md lists them with links); the figures are typical medians, not guarantees:
- DynamoDB: "for most atomic operations, such as GetItem and PutItem, you can expect an average latency
  in single-digit milliseconds" (AWS Knowledge Center, DynamoDB high latency); the SuccessfulRequestLatency
  metric this refers to leaves out the network, so the client sees about 1 ms more in-region. The split
  into reads 4 ms, writes 5 ms, Query and BatchGetItem 6 ms is our assumption within that range.
- DynamoDB transactions: every item is read or written twice, a prepare and a commit phase (DynamoDB
  Developer Guide, "Capacity management for transactions"); 12 ms, about twice a single write, is an
  assumption.
- SQS: "if the latency from an Amazon EC2-based client to Amazon SQS in the same region averages 20 ms"
  (SQS Developer Guide, "Increasing throughput using horizontal scaling and action batching"): 20 ms.
- S3: small requests (under 512 KB) have "median latencies ... often in the tens of milliseconds range"
  (Best Practices Design Patterns: Optimizing Amazon S3 Performance, "Timeouts and retries for
  latency-sensitive applications"): 30 ms, an assumption within that range.
- SES SendEmail and EventBridge PutEvents: AWS states no figure (the SES guide says to measure each
  SendEmail's round trip, "Increasing throughput with Amazon SES"). 30 ms and 20 ms are assumptions, in
  line with SQS's documented 20 ms for a comparable request-response API.
"""

from __future__ import annotations

# milliseconds per call, by (service, operation); then by service; then DEFAULT_MS
OPERATION_MS: dict[tuple[str, str], float] = {
    ("dynamodb", "GetItem"): 4,
    ("dynamodb", "PutItem"): 5,
    ("dynamodb", "UpdateItem"): 5,
    ("dynamodb", "DeleteItem"): 5,
    ("dynamodb", "Query"): 6,
    ("dynamodb", "BatchGetItem"): 6,
    ("dynamodb", "BatchWriteItem"): 8,
    ("dynamodb", "TransactGetItems"): 8,
    ("dynamodb", "TransactWriteItems"): 12,
    ("sesv2", "SendEmail"): 30,
    ("ses", "SendEmail"): 30,
    ("ses", "SendRawEmail"): 30,
    ("sqs", "SendMessage"): 20,
    ("events", "PutEvents"): 20,
}
SERVICE_MS: dict[str, float] = {"dynamodb": 5, "s3": 30, "sesv2": 30, "ses": 30, "sqs": 20, "events": 20}
DEFAULT_MS = 20.0

# Which figures are AWS's statements and which are ours, for the README and results.json.
SOURCES: dict[str, str] = {
    "dynamodb": "AWS: single-digit ms average for GetItem/PutItem; the read/write/query split is assumed",
    "dynamodb:TransactWriteItems": "assumed: about twice a write (two phases per item, per AWS)",
    "sqs": "AWS: 20 ms same-region average (SQS Developer Guide)",
    "s3": "AWS: median of small requests in the tens of ms; 30 ms assumed",
    "sesv2": "assumed (AWS states no figure)",
    "events": "assumed (AWS states no figure)",
}


def seconds(service: str, operation: str) -> float:
    """The modelled time of one call, in seconds."""
    ms = OPERATION_MS.get((service, operation), SERVICE_MS.get(service, DEFAULT_MS))
    return ms / 1000


def table() -> dict[str, float]:
    """The model as `service:Operation -> ms`, for results.json."""
    return {f"{service}:{operation}": ms for (service, operation), ms in OPERATION_MS.items()} | {
        f"{service}:*": ms for service, ms in SERVICE_MS.items()
    }
