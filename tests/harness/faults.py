"""Fault injection at the AWS boundary: moto answers chosen operations with the error AWS would send
(throttling, a 5xx), for the first N calls or for all of them. Nothing of ours is mocked."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest

# (status, headers, body) per service protocol, for a throttling answer.
_THROTTLE: dict[str, Callable[[], tuple[int, dict[str, str], str]]] = {
    "dynamodb": lambda: (
        400,
        {"Content-Type": "application/x-amz-json-1.0"},
        json.dumps(
            {
                "__type": "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
                "message": "Rate exceeded",
            }
        ),
    ),
    "sesv2": lambda: (
        429,
        {"x-amzn-ErrorType": "TooManyRequestsException", "Content-Type": "application/json"},
        json.dumps({"message": "Maximum sending rate exceeded."}),
    ),
    "sqs": lambda: (
        400,
        {"Content-Type": "application/x-amz-json-1.0", "x-amzn-query-error": "ThrottlingException;Sender"},
        json.dumps({"__type": "com.amazonaws.sqs#ThrottlingException", "message": "Rate exceeded"}),
    ),
}


@dataclass
class Fault:
    service: str
    operation: str
    times: int | None  # None: every call
    table: str | None = None
    hits: int = 0

    def matches(self, service: str, operation: str, body: bytes | str | None) -> bool:
        if (service, operation) != (self.service, self.operation):
            return False
        if self.table is not None:
            text = body.decode() if isinstance(body, bytes) else (body or "")
            if f'"{self.table}"' not in text:
                return False
        return self.times is None or self.hits < self.times


@dataclass
class Faults:
    active: list[Fault] = field(default_factory=list)
    calls: list[tuple[str, str]] = field(default_factory=list)  # every AWS call moto answered, in order

    @contextmanager
    def throttle(
        self, service: str, operation: str, *, times: int | None = None, table: str | None = None
    ) -> Iterator[Fault]:
        fault = Fault(service, operation, times, table)
        self.active.append(fault)
        try:
            yield fault
        finally:
            self.active.remove(fault)

    def answer(self, service: str, operation: str, body: Any) -> tuple[int, dict[str, str], str] | None:
        self.calls.append((service, operation))
        for fault in self.active:
            if fault.matches(service, operation, body):
                fault.hits += 1
                return _THROTTLE[service]()
        return None


class _SdkClockWithoutWaits:
    """botocore.endpoint's `time` module, but for its retry backoff's sleep (only that module's)."""

    def sleep(self, seconds: float) -> None:
        return None

    def __getattr__(self, name: str) -> Any:
        import time

        return getattr(time, name)


def install(monkeypatch: pytest.MonkeyPatch) -> Faults:
    from moto.dynamodb.responses import DynamoHandler
    from moto.sesv2.responses import SESV2Response
    from moto.sqs.responses import SQSResponse

    faults = Faults()
    # The SDK still retries each throttled call as configured (the tests count those calls), without
    # waiting out its backoff: a real 0.5 s to 4 s per retry was 40 s of every run.
    import botocore.endpoint

    monkeypatch.setattr(botocore.endpoint, "time", _SdkClockWithoutWaits())
    for handler, service in ((DynamoHandler, "dynamodb"), (SESV2Response, "sesv2"), (SQSResponse, "sqs")):
        original = handler.call_action

        def call_action(self: Any, _original: Any = original, _service: str = service) -> Any:
            injected = faults.answer(_service, self._get_action(), self.body)
            return injected if injected is not None else _original(self)

        monkeypatch.setattr(handler, "call_action", call_action)
    return faults
