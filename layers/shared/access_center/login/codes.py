"""One-time-code login: issuing codes, checking typed codes and sign-in links, and what bounds guessing.

A code is HOTP(key(store, email), counter) with a random counter: the stored counter alone reveals
nothing without the server secret. Every change to a store+email's code state is a version-guarded
write, so parallel sends or guesses serialise: no race lets a sixth send or guess through.

What bounds guessing (docs/architecture.md, "Login codes"), for one store+email whatever the number of addresses:
- 5 wrong tries at the live code burn it (the right code fails after that);
- wrong tries while no code is live count for nothing and write nothing;
- at most 100 wrong tries between two successful logins: past that, typed codes are refused until the
  customer signs in with the emailed link (so an attacker gets at most 100 guesses, 1 in 10,000);
- every code email also carries a sign-in link: 128 bits, single use, valid for an hour (as long as
  the hourly send budget), which no amount of guessing burns. Someone who cannot read the inbox can
  burn typed codes, but every email they trigger gives the customer a working link.
"""

from __future__ import annotations

import base64
import hmac
import math
import re
import secrets
from dataclasses import dataclass

import pyotp

from access_center.core import clock
from access_center.core.config import settings
from access_center.core.errors import InvalidCode, RateLimited
from access_center.core.keys import mac
from access_center.db import rates
from access_center.db.retry import retry_on_conflict
from access_center.db.transactions import WriteConflict
from access_center.login import storage as db
from access_center.login.items import CodeItem
from access_center.stores.logic import Store

CODE_DIGITS = 6
LINK_BYTES = 16
_NOT_DIGITS = re.compile(r"[\s-]")


class CodeLocked(InvalidCode):
    """Typed codes no longer work for this email: the live code took its 5 wrong tries, or the wrong
    tries since the last login used up their budget (`link_only`: codes are off until a link login).
    The JSON route answers it like any invalid code (401 `invalid_code`); the code page tells the
    customer what happened and, by `new_code_in` (seconds, 0: now), when a new code can be sent. It
    tells nothing about the email: code state exists for every email a code was asked for, known or not.
    """

    def __init__(self, new_code_in: float, *, link_only: bool) -> None:
        super().__init__()
        self.new_code_in = max(0, math.ceil(new_code_in))
        self.link_only = link_only


class CodeBurnt(CodeLocked):
    """The wrong try that burnt the live code: the same answer to the caller, a metric for operators."""


@dataclass(frozen=True)
class IssuedCode:
    """A live code, named by its HOTP counter: the counter alone does not reveal the code."""

    store_id: str
    email: str
    counter: int


@dataclass(frozen=True)
class LiveCode:
    """What a code email may say: the code (unless typed codes are off), the link, and wrong tries."""

    counter: int
    code: str | None  # None once the wrong tries since the last login reached the budget
    link_token: str
    failures_since_login: int


def _hotp(store_id: str, email: str) -> pyotp.HOTP:
    key = base64.b32encode(mac("login-code", f"{store_id}\n{email}")).decode()
    return pyotp.HOTP(key, digits=CODE_DIGITS)


def link_token(store_id: str, email: str, counter: int) -> str:
    digest = mac("login-link", f"{store_id}\n{email}\n{counter}")[:LINK_BYTES]
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _throttle_ip(kind: str, ip: str, limit: int, now: float) -> None:
    rates.throttle(kind, ip, limit, now)


def code_for(store_id: str, email: str, counter: int) -> str:
    return str(_hotp(store_id, email).at(counter))


def _typing_allowed(state: CodeItem) -> bool:
    return int(state.failures_since_login or 0) < settings().failures_between_logins


def live_code(store_id: str, email: str) -> LiveCode | None:
    """What may be emailed right now for this email: the live code and its link, or (typed codes
    off after too many wrong tries) the link alone; None when neither is live."""
    state = db.get_code_state(store_id, email)
    now = clock.now()
    if state.counter is None:
        return None
    counter = int(state.counter)
    typing = _typing_allowed(state)
    if (typing and (state.expires_at or 0) <= now) or (state.link_expires_at or 0) <= now:
        return None
    return LiveCode(
        counter,
        code_for(store_id, email, counter) if typing else None,
        link_token(store_id, email, counter),
        int(state.failures_since_login or 0),
    )


def _sends_this_hour(state: CodeItem, now: float) -> list[float]:
    return [float(t) for t in (state.sends or []) if t > now - 3600]


def _next_send_in(sends: list[float], now: float) -> float:
    """Seconds until this email may be sent another code (0: now): 30 s apart, 5 an hour."""
    cfg = settings()
    waits = [0.0]
    if sends:
        waits.append(sends[-1] + cfg.code_resend_seconds - now)
    if len(sends) >= cfg.code_sends_per_hour:
        waits.append(sends[0] + 3600 - now)
    return max(waits)


def issue_code(store: Store, email: str, ip: str) -> IssuedCode:
    """Throttle, then replace any live code with a new one. The same work happens whether or not the
    email is known here; the caller decides whether to deliver it."""
    cfg = settings()
    now = clock.now()
    _throttle_ip("send", ip, cfg.ip_sends_per_hour, now)
    state = db.get_code_state(store.store_id, email)
    sends = _sends_this_hour(state, now)
    if sends and now - sends[-1] < cfg.code_resend_seconds:
        raise RateLimited(sends[-1] + cfg.code_resend_seconds - now)
    if len(sends) >= cfg.code_sends_per_hour:
        raise RateLimited(sends[0] + 3600 - now)
    state.counter = secrets.randbits(48)
    state.expires_at = now + cfg.code_ttl_seconds
    state.link_expires_at = now + cfg.link_ttl_seconds
    state.failures = 0  # the budget of 5 is per code; the one since the last login carries on
    state.sends = [*sends, now]
    # Kept while it bounds anything: the send window, the link, and the guessing budget (a month).
    state.ttl = int(now + 30 * 24 * 3600)
    try:
        db.save_code_state(state)
    except WriteConflict as error:  # a concurrent send for this email won
        raise RateLimited(cfg.code_resend_seconds) from error
    return IssuedCode(store.store_id, email, int(state.counter))


def _signed_in(state: CodeItem) -> None:
    state.counter = state.expires_at = state.link_expires_at = None
    state.failures = state.failures_since_login = 0


def _locked(state: CodeItem, now: float) -> CodeLocked | None:
    """Why typed codes fail for this email right now, if it is too many wrong tries: the code was
    burnt (while it would still be live) or typed codes are off until a link login."""
    if state.counter is None:
        return None
    burnt = int(state.failures or 0) >= settings().code_max_failures and (state.expires_at or 0) > now
    if not burnt and _typing_allowed(state):
        return None
    return CodeLocked(_next_send_in(_sends_this_hour(state, now), now), link_only=not _typing_allowed(state))


def check_code(store: Store, email: str, code: str, ip: str) -> None:
    """Consume the code if it is right and live; raises InvalidCode for a wrong, expired, used or
    missing code (one answer for all), CodeLocked for a code killed by wrong tries (CodeBurnt for the
    wrong try that burnt it)."""
    cfg = settings()
    now = clock.now()
    _throttle_ip("verify", ip, cfg.ip_verifies_per_hour, now)
    code = _NOT_DIGITS.sub("", code)
    hotp = _hotp(store.store_id, email)

    # WriteConflict: someone else changed the state (maybe consumed this code): read and decide again.
    def attempt() -> None:
        state = db.get_code_state(store.store_id, email)
        live = (
            state.counter is not None
            and (state.expires_at or 0) > now
            and int(state.failures or 0) < cfg.code_max_failures
            and _typing_allowed(state)
        )
        # Always compare (constant time inside pyotp), so a missing code takes as long as a wrong one.
        right = len(code) == CODE_DIGITS and code.isdigit() and hotp.verify(code, int(state.counter or 0))
        if not live:  # nothing to guess at: counts for nothing, writes nothing
            raise _locked(state, now) or InvalidCode()
        if right:
            _signed_in(state)
            db.save_code_state(state)
            return
        state.failures = int(state.failures or 0) + 1
        state.failures_since_login = int(state.failures_since_login or 0) + 1
        db.save_code_state(state)
        if state.failures == cfg.code_max_failures or not _typing_allowed(state):
            wait = _next_send_in(_sends_this_hour(state, now), now)
            raise CodeBurnt(wait, link_only=not _typing_allowed(state))
        raise InvalidCode()

    retry_on_conflict(attempt, InvalidCode)


def check_link(store: Store, email: str, token: str, ip: str) -> None:
    """Consume the emailed sign-in link if it is the live one; InvalidCode otherwise. A wrong token
    (128 bits: not worth guessing) is refused without writing anything."""
    cfg = settings()
    now = clock.now()
    _throttle_ip("verify", ip, cfg.ip_verifies_per_hour, now)

    def attempt() -> None:
        state = db.get_code_state(store.store_id, email)
        expected = link_token(store.store_id, email, int(state.counter or 0))
        right = hmac.compare_digest(expected.encode(), token.encode()[:64])
        if state.counter is None or (state.link_expires_at or 0) <= now or not right:
            raise InvalidCode()
        _signed_in(state)
        db.save_code_state(state)

    retry_on_conflict(attempt, InvalidCode)


@dataclass(frozen=True)
class CodeStatus:
    """What the code page may truthfully say about a store+email's code right now (the same for known
    and unknown emails: code state exists for every email a code was asked for)."""

    state: str  # "live" (unexpired, unused, not locked), "expired", "used" (or replaced), "none", "locked"
    expires_in: int  # seconds the live code still works (0 unless live)
    link_expires_in: int  # seconds the emailed sign-in link still works (0: it does not)
    new_code_in: int  # seconds until a new code may be sent to this email (0: now)
    locked: CodeLocked | None


def code_status(store_id: str, email: str) -> CodeStatus:
    state = db.get_code_state(store_id, email)
    now = clock.now()
    sends = _sends_this_hour(state, now)
    new_code_in = max(0, math.ceil(_next_send_in(sends, now)))
    link_in = max(0, math.ceil((state.link_expires_at or 0) - now)) if state.counter is not None else 0
    locked = _locked(state, now)
    if locked is not None:
        kind, expires_in = "locked", 0
    elif state.counter is None:
        kind, expires_in = ("used" if state.sends else "none"), 0
    elif (state.expires_at or 0) <= now:
        kind, expires_in = "expired", 0
    else:
        kind, expires_in = "live", math.ceil((state.expires_at or 0) - now)
    return CodeStatus(kind, expires_in, link_in, new_code_in, locked)


def link_is_live(store_id: str, email: str, token: str) -> bool:
    """Whether the emailed sign-in link still works, without using it up (its page shows the button
    only then)."""
    state = db.get_code_state(store_id, email)
    if state.counter is None or (state.link_expires_at or 0) <= clock.now():
        return False
    expected = link_token(store_id, email, int(state.counter))
    return hmac.compare_digest(expected.encode(), token.encode()[:64])
