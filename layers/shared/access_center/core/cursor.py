"""Opaque, tamper-proof paging cursors bound to the caller's own list.

A cursor carries only the last sort key the caller already saw, plus a MAC over (partition, sort key).
A forged cursor, or one minted for another customer or store, fails the MAC and is refused.
"""

from __future__ import annotations

import base64
import hmac

from access_center.core.errors import BadRequest
from access_center.core.i18n import N_
from access_center.core.keys import mac

_PURPOSE = "cursor"
_TAG_BYTES = 16


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def encode(partition: str, sort_key: str) -> str:
    tag = mac(_PURPOSE, f"{partition}\n{sort_key}")[:_TAG_BYTES]
    return f"{_b64(sort_key.encode())}.{_b64(tag)}"


def decode(partition: str, cursor: str) -> str:
    try:
        body, _ = cursor.split(".")
        sort_key = _unb64(body).decode()
        # Exactly the cursor we would have minted: base64 alone ignores stray characters and spare bits.
        valid = hmac.compare_digest(cursor.encode(), encode(partition, sort_key).encode())
    except (ValueError, UnicodeError):
        valid = False
    if not valid or len(cursor) > 512:
        raise BadRequest(N_("The cursor is not valid for this list."), details=[{"loc": ["query", "cursor"]}])
    return sort_key
