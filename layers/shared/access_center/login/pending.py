"""The pending login: which email asked for a code (and where to go after), carried from the email
form's POST to the code page's GET in a short-lived cookie.

The email form answers with a 303 to the code page (so Back and reload never resubmit it), and the code
page needs the email without putting it in the address, where history, logs and shared links would
keep it. The cookie is signed (a tossed or edited one is ignored), HttpOnly, Secure, SameSite=Lax and
sent only to the store's access center; it lives as long as the emailed sign-in link.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
from dataclasses import asdict, dataclass
from typing import Literal

from aws_lambda_powertools.shared.cookies import Cookie, SameSite

from access_center.core import clock
from access_center.core.config import settings
from access_center.core.keys import mac
from access_center.stores.logic import Store

PENDING_COOKIE = "cac_login"
_MAX_VALUE = 2048  # an email (320), a next path (700), a few numbers, base64'd, and the MAC

# sent: a code went out; resent: a new one on "Send a new code"; throttled: none was sent (too soon).
Outcome = Literal["sent", "resent", "throttled"]


@dataclass(frozen=True)
class PendingLogin:
    store_id: str
    email: str
    next: str
    outcome: Outcome
    at: float  # when the email form was posted
    retry_at: float = 0.0  # throttled: when a new code may be asked for (the throttle's own answer)


def _sign(payload: str) -> str:
    return base64.urlsafe_b64encode(mac("login-pending", payload)[:18]).decode()


def pending_cookie(store: Store, pending: PendingLogin) -> Cookie:
    # Unpadded base64url: cookie-safe without quoting.
    raw = json.dumps(asdict(pending), separators=(",", ":")).encode()
    payload = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    return Cookie(
        name=PENDING_COOKIE,
        value=f"{payload}.{_sign(payload)}",
        path=store.account_path,
        secure=True,
        http_only=True,
        same_site=SameSite.LAX_MODE,
        max_age=settings().link_ttl_seconds,
    )


def cleared_cookie(store: Store) -> Cookie:
    """Logged in: nothing is pending any more (the code page's address then goes to the login page)."""
    return Cookie(
        name=PENDING_COOKIE,
        value="",
        path=store.account_path,
        secure=True,
        http_only=True,
        same_site=SameSite.LAX_MODE,
        max_age=0,
    )


def read_pending(store: Store, value: str | None) -> PendingLogin | None:
    """The pending login the cookie names, if it is ours, for this store, and not older than the link;
    None for anything else (missing, edited, another store's, stale)."""
    if not value or len(value) > _MAX_VALUE or "." not in value:
        return None
    payload, signature = value.rsplit(".", 1)
    if not hmac.compare_digest(_sign(payload).encode(), signature.encode()):
        return None
    try:
        fields = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        pending = PendingLogin(**fields)
    except (ValueError, TypeError, binascii.Error):
        return None  # signed by us, so only an older shape of this cookie gets here
    age = clock.now() - pending.at
    if pending.store_id != store.store_id or not 0 <= age <= settings().link_ttl_seconds:
        return None
    return pending
