"""Customer sessions: a random bearer token in a cookie (web.requests.SESSION_COOKIE), stored
server-side only as its SHA-256. Login starts one (login.sign_in); every signed-in route looks its
customer up (account.customer)."""

from __future__ import annotations

import hashlib
import secrets

from access_center.account import storage as db
from access_center.account.items import SessionItem
from access_center.core import clock
from access_center.core.config import settings
from access_center.core.errors import Unauthorized
from access_center.core.i18n import N_


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start(store_id: str, email: str) -> str:
    cfg = settings()
    now = clock.now()
    token = secrets.token_urlsafe(32)  # 256 bits
    expires = now + cfg.session_absolute_seconds
    db.create_session(
        SessionItem(
            _hash(token),
            store_id=store_id,
            email=email,
            created_at=now,
            last_seen_at=now,
            expires_at=expires,
            revoked=False,
            ttl=int(expires) + 86400,
        )
    )
    return token


def customer_email(store_id: str, token: str | None) -> str:
    """The email a live session of this store belongs to; Unauthorized otherwise."""
    cfg = settings()
    if not token or len(token) > 128:
        raise Unauthorized(N_("Log in to continue."))
    item = db.get_session(_hash(token))
    now = clock.now()
    if (
        item is None
        or item.revoked
        or item.store_id != store_id  # a session is useless on any other store
        or now >= item.expires_at
        or now - item.last_seen_at >= cfg.session_idle_seconds
    ):
        raise Unauthorized(N_("Your session has ended. Log in to continue."))
    if now - item.last_seen_at >= cfg.session_touch_seconds:
        db.touch_session(item, now)  # at most one write an hour per session
    return item.email


def end(token: str | None) -> None:
    if token and len(token) <= 128:
        db.revoke_session(_hash(token))
