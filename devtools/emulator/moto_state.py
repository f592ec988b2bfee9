"""moto's whole state as bytes: taken once, put back as a new copy as often as wanted (the tests' world).

Building the tests' AWS through boto3 (ten CreateTables, queues, SES identities, the bus, buckets) cost
~35 ms a test, a store's set-up through its logic ~60 ms more. moto keeps every service's state in
plain Python objects on its `BackendDict`s (one per service: account -> region -> backend), so the
state after a set-up can be pickled once and unpickled for each test in about a millisecond.

One pickle holds every service: objects shared between services stay shared in the copy (SES v2's
backend holds SES v1's as `core_backend`). A restore starts as `mock_aws()` does, with every backend
reset, so nothing a previous test wrote survives it; the bytes are never handed out, so no test can
change what the next one gets. Locks are not state: a queue's lock comes back new and unheld.
"""

from __future__ import annotations

import io
import pickle
import threading
from dataclasses import dataclass
from typing import Any

# A BackendDict's own attributes; any other one is state (S3's bucket-name -> account map).
_STRUCTURE = frozenset({"backend", "service_name", "_use_boto3_regions", "_additional_regions", "_id"})


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, threading.Condition):  # an SQS queue's `_messages_lock`
            return (threading.Condition, ())
        return NotImplemented


@dataclass(frozen=True)
class MotoState:
    services: tuple[Any, ...]  # moto's BackendDicts in use (module-level, one per service), in `data`'s order
    data: bytes


def take() -> MotoState:
    """Every backend in use, with its BackendDict's extra state, as one pickle."""
    from moto.core.base_backend import BackendDict

    from devtools.emulator.atomic import AWS_LOCK

    with AWS_LOCK:
        services = tuple(BackendDict._instances)  # type: ignore[misc]
        state = [
            (
                dict(backends),  # account -> its regions' backends (kept whole: a new one reads botocore's regions)
                {name: value for name, value in vars(backends).items() if name not in _STRUCTURE},
            )
            for backends in services
        ]
        buffer = io.BytesIO()
        _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(state)
    return MotoState(services, buffer.getvalue())


def restore(taken: MotoState) -> None:
    """Reset every backend (as a new `mock_aws()` does), then install a new copy of `taken`."""
    from moto.core.base_backend import BackendDict

    from devtools.emulator.atomic import AWS_LOCK

    with AWS_LOCK:
        BackendDict.reset()
        for backends, (accounts, extra) in zip(taken.services, pickle.loads(taken.data), strict=True):  # noqa: S301 (our own bytes)
            for account, regions in accounts.items():
                dict.__setitem__(backends, account, regions)
            if backends not in BackendDict._instances:  # type: ignore[misc]
                BackendDict._instances.append(backends)  # type: ignore[misc]  # in use: the next reset clears it
            for name, value in extra.items():
                setattr(backends, name, value)
