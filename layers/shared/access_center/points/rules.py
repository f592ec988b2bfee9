"""Reward points' pure rules (API.md section 12): what tells a re-push of an entry from a change, what
"expiring soon" means, and what a balance is worth. No I/O; tests/unit/test_points_rules.py."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from access_center.points.shapes import EntryContent

EXPIRING_DAYS = 30
EXPIRING_SECONDS = EXPIRING_DAYS * 24 * 3600


def digest(content: EntryContent) -> str:
    """sha256 of the entry's canonical content (sorted keys, absent fields left out, as stored): the same
    push gives the same digest whatever the order of its fields or the form of its times and email, which
    the edge has normalised already."""
    canonical = json.dumps(dict(content), sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def counts_as_expiring(points: int, expires_at: str | None) -> bool:
    """Only earning entries with an end are in the expiry index: a negative entry has nothing to lose."""
    return points > 0 and expires_at is not None


def value(balance: int, points_value: int) -> int:
    """What the balance is worth, in minor units of the store's points currency. A balance the store took
    below zero is worth less than nothing, and says so, rather than hiding the store's own ledger."""
    return balance * points_value
