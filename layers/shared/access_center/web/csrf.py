"""Cross-site request refusal (JSON routes and form posts) and the pages' CSRF tokens."""

from __future__ import annotations

import base64
import hmac
import secrets
from collections.abc import Mapping
from urllib.parse import urlsplit

from access_center.core.keys import mac
from access_center.web.edge import viewer_host

# The pre-session cookie that seeds the pages' form tokens.
CSRF_COOKIE = "cac_csrf"


def _lowered(headers: Mapping[str, str] | None) -> dict[str, str]:
    return {k.lower(): v for k, v in (headers or {}).items()}


def _foreign_origin(lowered: dict[str, str]) -> bool:
    """An Origin that is not the host the viewer asked for (behind the platform's edge, the one it
    vouches for: web.edge; Host is then the API's own name)."""
    origin = lowered.get("origin")
    if origin is None:
        return False
    if origin == "null":
        return True
    try:
        netloc = urlsplit(origin).netloc
    except ValueError:  # not a URL (`http://[`): no page of this host sent it
        return True
    return netloc.lower() != viewer_host(lowered).lower()


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
    """For the pages' form posts: what a browser positively says is another origin's request, a
    sibling subdomain included, as for the JSON routes (`Sec-Fetch-Site` other than same-origin or
    none, or an `Origin` naming another host). A sibling can toss cookies into this host's jar, so
    "same-site" is no guarantee here. The form's CSRF token (bound to the session, or before login to
    the pre-session cookie) is the guard on every post, so a browser that sends no fetch metadata, or
    `Origin: null` (our pages' own posts under `Referrer-Policy: no-referrer`, privacy modes, older
    browsers), still uses the forms wherever its token is valid. Clients that send neither pass too."""
    lowered = _lowered(headers)
    fetch_site = lowered.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site.lower() not in ("same-origin", "none")
    origin = lowered.get("origin")
    return origin not in (None, "null") and _foreign_origin(lowered)


def new_csrf_seed() -> str:
    return secrets.token_urlsafe(24)


def csrf_token(seed: str, session: str | None = None) -> str:
    """The form token: bound to the session cookie when the browser sends one, else to the seed (the
    pre-session cookie). Neither can be computed without the server secret. Bound to the session, a
    token that a sibling subdomain got for a seed of its own (and tossed into the customer's browser)
    is worth nothing once the customer is signed in: it would need the customer's session token."""
    basis = f"session\n{session}" if session else f"seed\n{seed}"
    return base64.urlsafe_b64encode(mac("csrf", basis)[:18]).decode()


def csrf_ok(seed: str | None, token: str | None, session: str | None = None) -> bool:
    """Whether a posted token is the one the page was given: the session's when the browser sends a
    session cookie (even an ended one: the page it posts from was rendered with it), else the seed's."""
    if not token or (session and len(session) > 128):
        return False
    if not session and (not seed or len(seed) > 64):
        return False
    expected = csrf_token(seed or "", session)
    return hmac.compare_digest(expected.encode(), token.encode())  # bytes: any text compares
