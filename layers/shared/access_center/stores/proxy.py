"""A store's own proxy in front of the platform (API.md section 14): its `proxy_secret`, how it is kept,
and whether a request carries it.

The secret is write-only: the store system sets or clears it with its settings and never reads it back.
Only a digest is stored (its own attribute of the store's item, outside the settings map that answers
are built from), so neither an answer, an export of the table nor a log can show it. The rule asks for
at least 32 characters of a base64 alphabet, so the secret is a random token rather than a password, and
a plain SHA-256 of it is as hard to reverse as the token is to guess (no key, so every customer-facing
function can check it without the server secret).
"""

from __future__ import annotations

import hashlib
import hmac
import re

PROXY_SECRET_HEADER = "x-proxy-secret"  # noqa: S105 (a header's name)
MIN_LENGTH, MAX_LENGTH = 32, 128
# Characters a header value carries as they are (base64, base64url, hex): no spaces, quotes or commas.
_CHARSET = re.compile(r"[A-Za-z0-9._~+/=-]+")
RULE = f"{MIN_LENGTH} to {MAX_LENGTH} characters of A-Z, a-z, 0-9 and . _ ~ + / = - (a random token)"


def follows_rule(secret: str) -> bool:
    return MIN_LENGTH <= len(secret) <= MAX_LENGTH and bool(_CHARSET.fullmatch(secret))


def digest(store_id: str, secret: str) -> str:
    """What is stored for the store's secret: bound to the store, so two stores' digests of one secret differ."""
    return hashlib.sha256(f"proxy-secret\n{store_id}\n{secret}".encode()).hexdigest()


def matches(store_id: str, stored_digest: str | None, presented: str | None) -> bool:
    """Whether the request's X-Proxy-Secret is the store's secret. Constant time (hmac.compare_digest over
    the digests); a value that cannot be a secret is not hashed at all."""
    if stored_digest is None or presented is None or not follows_rule(presented):
        return False
    return hmac.compare_digest(digest(store_id, presented), stored_digest)
