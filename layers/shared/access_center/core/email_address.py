"""Email normalisation: the single function every key and comparison goes through."""

from __future__ import annotations

import re

from access_center.core.field_errors import FieldError
from access_center.core.i18n import N_

# Pragmatic address check: one @, a dotted domain, no spaces or control characters. Deliverability is
# SES's business; this only keeps garbage out of keys.
_ADDRESS = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
MAX_LENGTH = 254


def normalise_email(raw: str) -> str:
    """Trim and lower-case; raise ValueError (a FieldError a customer may read) when the result is not a plausible address."""
    email = raw.strip().lower()
    if len(email) > MAX_LENGTH or not _ADDRESS.fullmatch(email) or ".." in email:
        raise FieldError(N_("not a valid email address"))
    return email
