"""Fault injection at the AWS boundary: moto answers chosen operations of any service with the error AWS
would send (throttling, a 5xx, a refusal, a lost race), in that service's protocol, for the first N
calls, after the first N or for all of them; or it runs the test's own action when a call arrives (what
another container does at that very moment) and then answers as usual. Nothing of ours is mocked.

    with faults.throttle("dynamodb", "Query"): ...
    with faults.fail("apigatewayv2", "CreateApiMapping", "ServiceUnavailableException"): ...
    with faults.fail("dynamodb", "TransactWriteItems", "TransactionCanceledException", table="OrdersTable"): ...
    with faults.on_call("sesv2", "SendEmail", other_container_runs): ...
    with faults.time_out("dynamodb", "GetItem"): ...   # botocore's ReadTimeoutError, before AWS acts
    faults.calls   # every call moto answered, in order, SDK retries included: [("dynamodb", "GetItem"), ...]

A TransactionCanceledException is DynamoDB's answer to a transaction that lost a race: its reasons
say ConditionalCheckFailed for each conditioned write (on `table`, if given) and None for the others.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pytest

Answer = tuple[int, dict[str, str], str]  # status, headers, body: what moto hands botocore

# Each service's throttling error, as `throttle` answers it.
THROTTLING = {
    "dynamodb": ("ProvisionedThroughputExceededException", "Rate exceeded"),
    "sesv2": ("TooManyRequestsException", "Maximum sending rate exceeded."),
    "sqs": ("ThrottlingException", "Rate exceeded"),
    "apigatewayv2": ("TooManyRequestsException", "Too Many Requests"),
}
# Status codes of errors AWS sends that some service models do not list (API Gateway's 5xx, ...);
# any other error missing from the model is a 400, as a JSON-protocol service sends its errors.
UNMODELLED_STATUS = {
    "InternalServerError": 500,
    "InternalFailure": 500,
    "ServiceUnavailable": 503,
    "ServiceUnavailableException": 503,
}
# The `__type` DynamoDB and SQS put before an error's name (botocore reads the part after '#').
_JSON_TYPE_PREFIX = {"dynamodb": "com.amazonaws.dynamodb.v20120810#", "sqs": "com.amazonaws.sqs#"}


@cache
def _model(service: str) -> Any:
    import botocore.session

    return botocore.session.get_session().get_service_model(service)


def error_answer(
    service: str,
    code: str,
    message: str | None = None,
    *,
    status: int | None = None,
    fields: dict[str, Any] | None = None,
) -> Answer:
    """AWS's error `code` as `service` sends it (JSON: `__type`; REST-JSON: `x-amzn-ErrorType`),
    with the status its model gives the error unless `status` says otherwise."""
    model = _model(service)
    shape = next((s for s in model.error_shapes if s.name == code), None)
    modelled = shape.metadata.get("error", {}).get("httpStatusCode") if shape is not None else None
    status = status or modelled or UNMODELLED_STATUS.get(code, 400)
    text = message or f"injected {code}"
    if model.protocol == "json":
        headers = {"Content-Type": f"application/x-amz-json-{model.metadata.get('jsonVersion', '1.0')}"}
        if model.metadata.get("awsQueryCompatible") is not None:  # SQS: the code its query clients know
            headers["x-amzn-query-error"] = f"{code};{'Receiver' if status >= 500 else 'Sender'}"
        body = {"__type": f"{_JSON_TYPE_PREFIX.get(service, '')}{code}", "message": text, **(fields or {})}
    elif model.protocol == "rest-json":
        headers = {"Content-Type": "application/json", "x-amzn-ErrorType": code}
        body = {"message": text, **(fields or {})}
    else:
        raise NotImplementedError(f"{service} speaks {model.protocol}: add its error shape here")
    return status, headers, json.dumps(body)


def _parameters(body: Any) -> dict[str, Any]:
    """The request's parameters: moto's DynamoDB handler has parsed them already; others send JSON."""
    if isinstance(body, dict):
        return body
    try:
        parsed = json.loads(body or "{}")
    except (TypeError, ValueError):
        return {}
    return parsed if isinstance(parsed, dict) else {}


def _cancellation(table: str | None, reason: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """CancellationReasons of a transaction whose conditioned writes (on `table`) failed for `reason`."""

    def reasons(request: dict[str, Any]) -> dict[str, Any]:
        items = request.get("TransactItems", [])
        failed = [
            "ConditionExpression" in action and (table is None or action.get("TableName") == table)
            for item in items
            for action in item.values()
        ]
        if items and not any(failed):
            failed[0] = True
        return {
            "CancellationReasons": [
                {"Code": reason, "Message": "The conditional request failed"} if hit else {"Code": "None"}
                for hit in failed
            ]
        }

    return reasons


@dataclass
class Fault:
    service: str
    operation: str
    times: int | None  # None: every call
    respond: Callable[[dict[str, Any]], Answer | None]  # None: moto answers as usual
    table: str | None = None  # only calls that name this table
    after: int = 0  # let this many matching calls through first
    seen: int = 0  # matching calls so far
    hits: int = 0  # calls this fault answered (or acted on)

    def takes(self, service: str, operation: str, text: str) -> bool:
        if (service, operation) != (self.service, self.operation):
            return False
        if self.table is not None and f'"{self.table}"' not in text:
            return False
        self.seen += 1
        return self.seen > self.after and (self.times is None or self.hits < self.times)


@dataclass
class Faults:
    active: list[Fault] = field(default_factory=list)
    calls: list[tuple[str, str]] = field(default_factory=list)  # every AWS call moto answered, in order

    @contextmanager
    def _while(self, fault: Fault) -> Iterator[Fault]:
        self.active.append(fault)
        try:
            yield fault
        finally:
            self.active.remove(fault)

    def throttle(
        self, service: str, operation: str, *, times: int | None = None, table: str | None = None
    ) -> AbstractContextManager[Fault]:
        """The service's throttling error (THROTTLING) for the operation."""
        code, message = THROTTLING[service]
        return self.fail(service, operation, code, message, times=times, table=table)

    def fail(
        self,
        service: str,
        operation: str,
        code: str,
        message: str | None = None,
        *,
        times: int | None = None,
        table: str | None = None,
        after: int = 0,
        status: int | None = None,
        reason: str = "ConditionalCheckFailed",
    ) -> AbstractContextManager[Fault]:
        """AWS's error `code` for the operation (error_answer); a TransactionCanceledException carries
        `reason` for the conditioned writes on `table` (or on any table)."""
        extra = _cancellation(table, reason) if code == "TransactionCanceledException" else (lambda _: {})

        def respond(request: dict[str, Any]) -> Answer:
            return error_answer(service, code, message, status=status, fields=extra(request))

        return self._while(Fault(service, operation, times, respond, table, after))

    def time_out(
        self, service: str, operation: str, *, times: int | None = None, table: str | None = None
    ) -> AbstractContextManager[Fault]:
        """No answer within the client's read timeout: botocore's endpoint raises ReadTimeoutError, which
        the SDK retries as configured (each attempt counted in `calls`). Raised before AWS acts, as for
        a request that never arrived."""

        def respond(_: dict[str, Any]) -> Answer:
            from botocore.exceptions import ReadTimeoutError

            raise ReadTimeoutError(endpoint_url=f"https://{service}.us-east-1.amazonaws.com/")

        return self._while(Fault(service, operation, times, respond, table))

    def on_call(
        self, service: str, operation: str, action: Callable[[], object], *, times: int = 1
    ) -> AbstractContextManager[Fault]:
        """Run `action` when the call reaches AWS, before AWS acts on it; then AWS answers as usual."""

        def respond(_: dict[str, Any]) -> None:
            action()

        return self._while(Fault(service, operation, times, respond))

    def answer(self, service: str, operation: str, body: Any) -> Answer | None:
        self.calls.append((service, operation))
        text = json.dumps(body) if isinstance(body, dict) else body.decode() if isinstance(body, bytes) else body or ""
        for fault in self.active:
            if fault.takes(service, operation, text):
                fault.hits += 1
                answered = fault.respond(_parameters(body))
                if answered is not None:
                    return answered
        return None


class _SdkClockWithoutWaits:
    """botocore.endpoint's `time` module, but for its retry backoff's sleep (only that module's)."""

    def sleep(self, seconds: float) -> None:
        return None

    def __getattr__(self, name: str) -> Any:
        import time

        return getattr(time, name)


def install(monkeypatch: pytest.MonkeyPatch) -> Faults:
    """Let `Faults` answer before moto does, for every service moto answers through its handlers'
    `call_action` (DynamoDB's handler calls it too, with the parameters it has parsed)."""
    from moto.core.responses import BaseResponse

    faults = Faults()
    # The SDK still retries each failed call as configured (the tests count those calls), without
    # waiting out its backoff: a real 0.5 s to 4 s per retry was 40 s of every run.
    import botocore.endpoint

    monkeypatch.setattr(botocore.endpoint, "time", _SdkClockWithoutWaits())
    original = BaseResponse.call_action

    def call_action(self: BaseResponse) -> Any:
        injected = faults.answer(self.boto3_service_name, self._get_action(), self.body)
        return injected if injected is not None else original(self)

    monkeypatch.setattr(BaseResponse, "call_action", call_action)
    return faults
