"""One-time-code login (API.md section 2, login rules).

A code is HOTP(key(store, email), counter) with a random counter: the stored counter alone reveals
nothing without the server secret. Every change to a store+email's code state is a version-guarded
write, so parallel sends or guesses serialise: no race lets a sixth send or guess through.
"""

from __future__ import annotations

import base64
import re
import secrets
from dataclasses import dataclass

import pyotp

from access_center.core import clock
from access_center.core.config import settings
from access_center.core.errors import InvalidCode, RateLimited
from access_center.core.keys import mac
from access_center.db.retry import retry_on_conflict
from access_center.db.transactions import WriteConflict
from access_center.login import storage as db
from access_center.login.items import CodeItem
from access_center.stores.logic import Store

CODE_DIGITS = 6
_NOT_DIGITS = re.compile(r"[\s-]")


class LockedOut(InvalidCode):
    """The attempt that burnt the code: the same answer to the caller, a lockout metric for operators."""


@dataclass(frozen=True)
class IssuedCode:
    """A live code, named by its HOTP counter: the counter alone does not reveal the code."""

    store_id: str
    email: str
    counter: int


def _hotp(store_id: str, email: str) -> pyotp.HOTP:
    key = base64.b32encode(mac("login-code", f"{store_id}\n{email}")).decode()
    return pyotp.HOTP(key, digits=CODE_DIGITS)


def _failures(state: CodeItem, now: float) -> int:
    """Wrong tries that still count: those since the lockout window began."""
    return int(state.failures or 0) if (state.failures_since or 0) > now - settings().lockout_seconds else 0


def _throttle_ip(kind: str, ip: str, limit: int, now: float) -> None:
    hour = int(now // 3600)
    if db.count_hit(f"rate#{kind}#{ip}#{hour}", ttl=(hour + 2) * 3600) > limit:
        raise RateLimited((hour + 1) * 3600 - now)


def code_for(store_id: str, email: str, counter: int) -> str:
    return str(_hotp(store_id, email).at(counter))


def live_counter(store_id: str, email: str) -> int | None:
    """The counter of the code that is live right now for this email, if any."""
    state = db.get_code_state(store_id, email)
    live = state.counter is not None and (state.expires_at or 0) > clock.now()
    return int(state.counter) if live and state.counter is not None else None


def issue_code(store: Store, email: str, ip: str) -> IssuedCode:
    """Throttle, then replace any live code with a new one. The same work happens whether or not the
    email is known here; the caller decides whether to deliver it."""
    cfg = settings()
    now = clock.now()
    _throttle_ip("send", ip, cfg.ip_sends_per_hour, now)
    state = db.get_code_state(store.store_id, email)
    if _failures(state, now) >= cfg.code_max_failures:
        raise RateLimited(state.failures_since + cfg.lockout_seconds - now)
    sends = [t for t in (state.sends or []) if t > now - 3600]
    if sends and now - sends[-1] < cfg.code_resend_seconds:
        raise RateLimited(sends[-1] + cfg.code_resend_seconds - now)
    if len(sends) >= cfg.code_sends_per_hour:
        raise RateLimited(sends[0] + 3600 - now)
    state.counter = secrets.randbits(48)
    state.expires_at = now + cfg.code_ttl_seconds
    state.sends = [*sends, now]
    state.ttl = int(now + max(3600, cfg.lockout_seconds) + 3600)
    try:
        db.save_code_state(state)
    except WriteConflict as error:  # a concurrent send for this email won
        raise RateLimited(cfg.code_resend_seconds) from error
    return IssuedCode(store.store_id, email, int(state.counter))


def check_code(store: Store, email: str, code: str, ip: str) -> bool:
    """Consume the code if it is right and live. Returns whether this attempt locked the email out.

    Raises InvalidCode for a wrong, expired, used, burnt or missing code (one answer for all).
    """
    cfg = settings()
    now = clock.now()
    _throttle_ip("verify", ip, cfg.ip_verifies_per_hour, now)
    code = _NOT_DIGITS.sub("", code)
    hotp = _hotp(store.store_id, email)

    # WriteConflict: someone else changed the state (maybe consumed this code): read and decide again.
    def attempt() -> bool:
        state = db.get_code_state(store.store_id, email)
        failures = _failures(state, now)
        live = state.counter is not None and (state.expires_at or 0) > now and failures < cfg.code_max_failures
        # Always compare (constant time inside pyotp), so a missing code takes as long as a wrong one.
        right = len(code) == CODE_DIGITS and code.isdigit() and hotp.verify(code, int(state.counter or 0))
        if live and right:
            state.counter = state.expires_at = None
            state.failures = state.failures_since = 0
        else:
            if failures == 0:
                state.failures_since = now
            state.failures = failures + 1
            if state.failures >= cfg.code_max_failures:
                state.counter = state.expires_at = None  # burnt: even the right code fails now
            state.ttl = int(max(state.ttl or 0, now + cfg.lockout_seconds + 3600))
        db.save_code_state(state)
        if live and right:
            return False
        if state.failures == cfg.code_max_failures:
            raise LockedOut()
        raise InvalidCode()

    return retry_on_conflict(attempt, InvalidCode)
