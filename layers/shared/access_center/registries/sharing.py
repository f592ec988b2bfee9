"""A registry's share token: an HMAC, under the server's key, of the registry and the random nonce drawn
when it was created (as wishlists.sharing). The registry keeps only the nonce and the link item only a
hash of the token, so no stored item alone opens a registry's public page."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets

from access_center.core.keys import mac

NONCE_BYTES = 16
TOKEN_BYTES = 24  # of the MAC, base64url: 32 characters, 192 bits
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")


def new_nonce() -> str:
    return secrets.token_urlsafe(NONCE_BYTES)


def link_token(registry_pk: str, registry_id: str, nonce: str) -> str:
    """The token of the registry's public page (`registry_pk`: `{store_id}#registry#{registry_id}`)."""
    digest = mac("registry-share", f"{registry_pk}\n{registry_id}\n{nonce}")
    return base64.urlsafe_b64encode(digest[:TOKEN_BYTES]).decode()


def is_token(text: str) -> bool:
    return bool(_TOKEN.fullmatch(text))


def token_hash(token: str) -> str:
    """The link item's key part: the SHA-256 of the token, so the table alone opens no registry."""
    return hashlib.sha256(token.encode()).hexdigest()
