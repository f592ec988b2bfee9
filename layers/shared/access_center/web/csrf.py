"""Cross-site request refusal (JSON routes and form posts) and the pages' CSRF tokens."""

from __future__ import annotations

import base64
import hmac
import secrets
from collections.abc import Mapping
from urllib.parse import urlsplit

from access_center.core.keys import mac

# The pre-session cookie that seeds the pages' form tokens.
CSRF_COOKIE = "cac_csrf"


def _lowered(headers: Mapping[str, str] | None) -> dict[str, str]:
    return {k.lower(): v for k, v in (headers or {}).items()}


def _foreign_origin(lowered: dict[str, str]) -> bool:
    origin = lowered.get("origin")
    if origin is None:
        return False
    return origin == "null" or urlsplit(origin).netloc.lower() != lowered.get("host", "").lower()


def is_foreign(headers: Mapping[str, str] | None) -> bool:
    """For the JSON routes: a browser acting for any other origin, a sibling subdomain included
    (`Sec-Fetch-Site` other than same-origin or none, or an `Origin` that is not this host). A sibling
    could otherwise log a customer in to the attacker's session, or out. Clients that send neither
    header (store scripts, curl) pass."""
    lowered = _lowered(headers)
    fetch_site = lowered.get("sec-fetch-site")
    if fetch_site is not None and fetch_site.lower() not in ("same-origin", "none"):
        return True
    return _foreign_origin(lowered)


def is_cross_site(headers: Mapping[str, str] | None) -> bool:
    """For the pages' form posts: only what a browser positively says is another site's request,
    `Sec-Fetch-Site: cross-site` or an `Origin` naming another host. The form's CSRF token (bound to
    the pre-session cookie) is the guard on every post, so a browser that sends no fetch metadata, or
    `Origin: null` (our pages' own posts under `Referrer-Policy: no-referrer`, privacy modes, older
    browsers), still uses the forms wherever its token is valid. Clients that send neither pass too."""
    lowered = _lowered(headers)
    fetch_site = lowered.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site.lower() == "cross-site"
    origin = lowered.get("origin")
    return origin not in (None, "null") and _foreign_origin(lowered)


def new_csrf_seed() -> str:
    return secrets.token_urlsafe(24)


def csrf_token(seed: str) -> str:
    """The form token for a seed (the pre-session cookie): an attacker who cannot read the cookie
    cannot compute it."""
    return base64.urlsafe_b64encode(mac("csrf", seed)[:18]).decode()


def csrf_ok(seed: str | None, token: str | None) -> bool:
    if not seed or not token or len(seed) > 64:
        return False
    return hmac.compare_digest(csrf_token(seed).encode(), token.encode())  # bytes: any text compares
