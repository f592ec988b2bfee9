"""The template's EventBridge buses in moto, and what was published on them, for `GET /_dev/events`.

Each `AWS::Events::EventBus` of the template is created under its logical id (what `!Ref` gives the
functions locally, devtools.localenv) with an archive of every event put on it: moto keeps an archive's
events in a list, in the order the bus took them, which is the whole record `/_dev/events` reads
(the contract's shape, API.md section 6: `[{"detail_type", "detail", "time"}]`, oldest first).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from devtools import template
from devtools.emulator import clients
from devtools.emulator.outbox import ACCOUNT, REGION

ARCHIVE_PREFIX = "dev-events-"  # at most 48 characters in all, an archive name's limit


def create_buses(spec: dict[str, Any] | None = None, region: str = REGION, client: Any = None) -> list[str]:
    """Create the template's buses (and their archives) in the running moto mock; their names."""
    events = client or clients.client("events", region)
    names = list(template.resources(spec or template.load(), "AWS::Events::EventBus"))
    for name in names:
        arn = events.create_event_bus(Name=name)["EventBusArn"]
        events.create_archive(ArchiveName=f"{ARCHIVE_PREFIX}{name}"[:48], EventSourceArn=arn)
    return names


def published(account: str = ACCOUNT, region: str = REGION) -> list[dict[str, Any]]:
    """Every event put on the template's buses, oldest first, in the contract's shape."""
    from moto.events.models import events_backends

    backend = events_backends[account][region]
    found = [
        event
        for name, archive in backend.archives.items()
        if name.startswith(ARCHIVE_PREFIX)
        for event in archive.events
    ]
    found.sort(key=lambda event: float(event.get("ingestion-time") or 0))  # stable: one bus keeps its order
    return [{"detail_type": e["detail-type"], "detail": e["detail"], "time": _time(e.get("time"))} for e in found]


def _time(value: Any) -> str:
    """moto keeps PutEvents' `Time` as sent (epoch seconds); the contract's form is ISO 8601 UTC."""
    try:
        stamp = datetime.fromtimestamp(float(value), UTC)
    except (TypeError, ValueError):
        return str(value)
    return stamp.replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def as_json(events: list[dict[str, Any]]) -> bytes:
    return json.dumps(events, indent=1).encode()
