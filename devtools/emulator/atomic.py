"""Make every AWS call moto answers atomic, for the tests and the local server alike.

Real DynamoDB evaluates a condition and applies the write atomically (a conditional put, a
transaction); moto's backends are plain Python objects with no locking, so two threads can both pass
`version = :v` and both write. The product relies on that atomicity (optimistic versions, single-use
codes), and the local server also runs stream pollers and a persistence thread beside its requests, so
every call moto answers runs under AWS_LOCK; code that reads moto's backends directly takes it too.
"""

from __future__ import annotations

import functools
import threading
from typing import Any

AWS_LOCK = threading.RLock()
_activity = [0]  # calls moto answered other than stream polling: a cheap "anything may have changed"


def make_moto_atomic() -> None:
    """Serialise moto's answers, process-wide and idempotently. moto's botocore stubber is where every
    mocked call passes, whatever the service; a call it does not answer (DynamoDB Local's, when the
    tests or the server run on it) leaves the lock before it goes out."""
    from moto.core.botocore_stubber import BotocoreStubber

    if getattr(BotocoreStubber, "_atomic", False):
        return
    original = BotocoreStubber.process_request

    @functools.wraps(original)
    def process_request(self: BotocoreStubber, request: Any) -> Any:
        target = request.headers.get("X-Amz-Target", b"")
        polling = (target.decode() if isinstance(target, bytes) else str(target)).startswith("DynamoDBStreams_")
        with AWS_LOCK:
            if not polling:
                _activity[0] += 1
            return original(self, request)

    BotocoreStubber.process_request = process_request  # type: ignore[method-assign]
    BotocoreStubber._atomic = True  # type: ignore[attr-defined]


def activity() -> int:
    """A counter that moves with every call moto answers except the stream pollers' reads."""
    return _activity[0]
