"""Logging in, once for every way in (the JSON route, the code page, the emailed link's page): check
what the customer brings (consumed when right), count the outcome, start the session, and say what the
session cookie needs. The callers differ only in how they answer.

Apart from account.sessions so that the functions that only check a session (every signed-in route) do
not load the code machinery (pyotp, the rate counters) at cold start.
"""

from __future__ import annotations

from dataclasses import dataclass

from access_center.account import sessions
from access_center.core.config import settings
from access_center.core.errors import InvalidCode
from access_center.core.observability import count
from access_center.login import codes
from access_center.stores.logic import Store


@dataclass(frozen=True)
class TypedCode:
    """The code from the email, as typed (spaces and dashes allowed)."""

    code: str


@dataclass(frozen=True)
class EmailedLink:
    """The emailed sign-in link's token."""

    token: str


@dataclass(frozen=True)
class NewSession:
    """What the session cookie carries, and for how long it lives."""

    token: str
    max_age: int


def sign_in(store: Store, email: str, proof: TypedCode | EmailedLink, ip: str) -> NewSession:
    """A new session for `email` once `proof` checks out (the client address's verifications are
    throttled first). Raises RateLimited for the address, InvalidCode for a wrong, expired, used or
    missing code or link, CodeLocked (CodeBurnt for the try that burnt it) for a code wrong tries killed."""
    try:
        if isinstance(proof, EmailedLink):
            codes.check_link(store, email, proof.token, ip)
        else:
            codes.check_code(store, email, proof.code, ip)
    except InvalidCode as refused:
        count(_failure_metric(proof, refused))
        raise
    token = sessions.start(store.store_id, email)
    count("Logins")
    return NewSession(token, settings().session_absolute_seconds)


def link_refused() -> None:
    """A link login refused before its check (its email is not an address): counted as a failed one."""
    count("LinkLoginsFailed")


def _failure_metric(proof: TypedCode | EmailedLink, refused: InvalidCode) -> str:
    if isinstance(proof, EmailedLink):
        return "LinkLoginsFailed"
    if isinstance(refused, codes.CodeBurnt):
        return "CodesBurnt"
    if isinstance(refused, codes.CodeLocked):
        return "LoginsLocked"
    return "LoginsFailed"
