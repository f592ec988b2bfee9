"""Events for store systems (EventBridge, the template's StoreEventsBus): the only code that publishes.

Every event has the source `customer-access-center`, a detail type naming what happened
(`ReorderStarted`, later `CancellationRequested`, `ReturnRequested`, ...) and a detail carrying the
`store_id`, so a store system subscribes with a rule on its own store id (docs/store-events.md).

A failed publish fails the request (503 `unavailable`, `Retry-After: 1`) instead of being logged and
forgotten: what the event announces is what a store system acts on, so the customer sends the same
request again rather than the store never hearing of it. PutEvents answers 200 even when it refused an
entry, so FailedEntryCount is checked; a refused entry is sent again a bounded number of times (its
error is usually throttling or an internal failure), then the request fails and `EventsNotPublished`
is counted. Callers publish after their own checks and writes: a request refused for its content
publishes nothing.
"""

from __future__ import annotations

import json
import random
import time
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from access_center.core import clock
from access_center.core.config import settings
from access_center.core.errors import Unavailable
from access_center.core.i18n import N_
from access_center.core.observability import count, logger
from access_center.core.timeouts import budget

if TYPE_CHECKING:
    from collections.abc import Mapping

SOURCE = "customer-access-center"
# Sends of one entry in all (the first and the retries of an entry PutEvents refused).
ATTEMPTS = 3
_BACKOFF_SECONDS = 0.05


def bus_name() -> str:
    # The template's `!Ref StoreEventsBus`; locally the bus the emulator creates under that name.
    return settings().store_events_bus


@cache
def _events() -> Any:
    """One client per container, made on the first publish (functions that never publish never pay for it)."""
    import boto3

    # A customer waits on this call: bounded retries and timeouts, then a 503 they can retry.
    return boto3.client("events", region_name=settings().region, config=budget("events").client_config())


def publish(detail_type: str, detail: Mapping[str, Any]) -> None:
    """Put one event on the store events bus; Unavailable (503) if EventBridge would not take it."""
    if not detail.get("store_id"):
        raise ValueError("every store event names its store (detail.store_id)")
    entry = {
        "Source": SOURCE,
        "DetailType": detail_type,
        "Detail": json.dumps(detail, separators=(",", ":")),
        "EventBusName": bus_name(),
        "Time": datetime.fromtimestamp(clock.now(), UTC),
    }
    error = None
    for attempt in range(ATTEMPTS):
        if attempt:
            time.sleep(random.uniform(0, _BACKOFF_SECONDS * 2**attempt))
        answer = _events().put_events(Entries=[entry])
        if not answer.get("FailedEntryCount"):
            return
        error = (answer.get("Entries") or [{}])[0].get("ErrorCode") or "unknown"
    count("EventsNotPublished")
    # The detail stays out of the log: later events may carry what a customer wrote.
    logger.error(
        "EventBridge refused a store event",
        extra={"detail_type": detail_type, "store_id": detail["store_id"], "error_code": error},
    )
    raise Unavailable(N_("The store could not be told about this right now. Send the same request again."))
