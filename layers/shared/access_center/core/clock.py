"""Time in one place, so expiry rules read the same everywhere and tests can move the clock."""

from __future__ import annotations

import time
from datetime import UTC, datetime


def now() -> float:
    return time.time()


def iso(ts: float) -> str:
    """Epoch seconds -> the contract's ISO 8601 UTC form (`2026-11-20T10:00:00Z`)."""
    return iso_from(datetime.fromtimestamp(ts, UTC))


def iso_from(dt: datetime) -> str:
    """Any aware (or, taken as UTC, naive) time in the contract's form. Raises OverflowError where UTC
    leaves the years 1..9999, and ValueError before the year 1000 (four digits, always)."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    utc = dt.astimezone(UTC)
    if utc.year < 1000:
        raise ValueError("before the year 1000")
    return utc.replace(tzinfo=None, microsecond=0).isoformat() + "Z"
