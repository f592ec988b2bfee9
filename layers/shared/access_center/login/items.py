"""The Codes table's item: a store+email's login-code state (its per-IP counters are db.rates'; customer
sessions are account.items')."""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import (
    ListAttribute,
    NumberAttribute,
    UnicodeAttribute,
    VersionAttribute,
)
from pynamodb.models import Model

from access_center.core.config import settings
from access_center.db.connection import ItemMeta

_cfg = settings()


class CodeItem(Model):
    class Meta(ItemMeta):
        table_name = _cfg.codes_table

    pk = UnicodeAttribute(hash_key=True)
    # HOTP counter for the live code; the code itself is HOTP(secret(store, email), counter), so this
    # item alone does not reveal it. Absent: no live code.
    counter = NumberAttribute(null=True)
    # The typed code's end; the emailed sign-in link (same counter) lives longer (login.codes).
    expires_at = NumberAttribute(null=True)
    link_expires_at = NumberAttribute(null=True)
    sends = ListAttribute[Any](of=NumberAttribute, default=list)
    # Wrong tries at the live code (5 burn it) and since the last successful login (the guessing budget).
    failures = NumberAttribute(default=0)
    failures_since_login = NumberAttribute(default=0)
    ttl = NumberAttribute()
    version = VersionAttribute()
