"""Make moto's DynamoDB handle one request at a time.

Real DynamoDB evaluates a condition and applies the write atomically; moto's in-memory backend has no
locking, so two threads can both pass `version = :v` and both write. The product relies on that
atomicity (optimistic versions, single-use codes), so tests and the local server serialise moto's
DynamoDB requests, giving moto the per-request atomicity the real service has.
"""

from __future__ import annotations

import functools
import threading
from typing import Any

_lock = threading.RLock()
_done = False


def make_moto_dynamodb_atomic() -> None:
    global _done
    if _done:
        return
    from moto.dynamodb.responses import DynamoHandler

    original = DynamoHandler.call_action

    @functools.wraps(original)
    def call_action(self: Any) -> Any:
        with _lock:
            return original(self)

    DynamoHandler.call_action = call_action  # type: ignore[method-assign]
    _done = True
