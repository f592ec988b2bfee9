"""Erasing a customer's account at a store (API.md section 8), in two steps so that nobody erases it by
accident or with a stolen session alone: the signed-in customer asks, and a link emailed to their
address (24 hours, single use) leads to a page with one button that confirms. Then what the customer
keeps here (privacy.holdings: DELETE) is deleted and every session ends; what the store keeps for its
own obligations (KEEP: orders, invoices, the company membership the store pushed, ...) stays and is named
in `CustomerErasureRequested`, for the store to decide on. Order-status links (API.md section 10) join
the erased holdings when they exist.

The link's one token carries the email and the request's time with an HMAC over them and the store
(as sign-in links are keyed, login.codes): nothing secret is stored or queued, the mailer (the only
function that sends email) writes the link from the stored request, a newer request replaces the older
link, and the confirmation needs the token alone (API.md: the page's button posts `token`).

Order of the confirmation: check the link, delete (each delete idempotent), tell the store, then use
the link up: a failure part-way leaves the link working, so the customer can simply press again.
"""

from __future__ import annotations

import base64
import hmac
from collections.abc import Callable

from access_center.aws import events, sqs
from access_center.carts import storage as saved_carts
from access_center.contact import storage as contact_messages
from access_center.core import clock, i18n
from access_center.core.errors import BadRequest
from access_center.core.i18n import N_
from access_center.core.keys import mac
from access_center.core.observability import count
from access_center.privacy import erasure_storage as storage
from access_center.privacy import holdings
from access_center.registries import storage as registries
from access_center.stores.logic import Store
from access_center.wishlists import storage as wishlists

LINK_SECONDS = 24 * 3600
TOKEN_BYTES = 18
MAX_TOKEN = 600  # an email of 320 characters and its time, base64, and the HMAC
ERASURE_REQUESTED = "CustomerErasureRequested"
BAD_LINK = N_(
    "This link does not work any more: it was used, it expired, a newer email replaced it, or it is not complete."
)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _signature(store_id: str, email: str, issued_at: int) -> str:
    return _b64(mac("erasure-link", f"{store_id}\n{email}\n{issued_at}")[:TOKEN_BYTES])


def link_token(store_id: str, email: str, issued_at: int) -> str:
    """`{base64 of the email and time}.{HMAC}`: what the link carries, and all the confirmation needs."""
    claims = _b64("\n".join((email, str(issued_at))).encode())
    return f"{claims}.{_signature(store_id, email, issued_at)}"


def _claims(token: str) -> tuple[str, int] | None:
    """The email and time a well-formed token names (not yet checked against its HMAC)."""
    payload, _, _signed = token.partition(".")
    try:
        email, issued = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode().split("\n")
        return email, int(issued)
    except (ValueError, UnicodeDecodeError):
        return None


def request(store: Store, email: str) -> None:
    """A new pending erasure for this customer; its link goes out through the mailer's queue."""
    issued = int(clock.now())
    storage.save_request(store.store_id, email, issued, issued + LINK_SECONDS)
    sqs.enqueue_erasure_link(store.store_id, email, issued, i18n.current_language())
    count("ErasuresRequested")


def live_link(store: Store, email: str, issued_at: int) -> str | None:
    """The link of the request issued at `issued_at`, while it is the live one (for the mailer)."""
    found = storage.get_request(store.store_id, email)
    if found is None or int(found.issued_at) != issued_at or found.expires_at <= clock.now():
        return None
    return store.public_url(f"/privacy/erasure?token={link_token(store.store_id, email, issued_at)}")


def pending(store: Store, token: str) -> tuple[str, int]:
    """The email and time of the live request `token` confirms; BadRequest otherwise (one answer for
    all: forged, another store's, replaced by a newer request, used, expired)."""
    claims = _claims(token) if 0 < len(token) <= MAX_TOKEN else None
    if claims is None:
        raise BadRequest(BAD_LINK)
    email, issued = claims
    if not hmac.compare_digest(link_token(store.store_id, email, issued).encode(), token.encode()):
        raise BadRequest(BAD_LINK)
    found = storage.get_request(store.store_id, email)
    if found is None or int(found.issued_at) != issued or found.expires_at <= clock.now():
        raise BadRequest(BAD_LINK)
    return email, issued


def _nothing_here(store_id: str, email: str) -> None:
    """A holding another deleter covers, or one used up last (see `_DELETERS`)."""


_DELETERS: dict[str, Callable[[str, str], None]] = {
    "profile": storage.delete_profile,
    "addresses": storage.delete_addresses,
    "sessions": storage.end_sessions,  # revokes the SessionsTable items too ("signed_in_sessions")
    "signed_in_sessions": _nothing_here,  # revoked by end_sessions, through the customer's entries
    "login_codes": storage.delete_login_codes,
    "saved_carts": saved_carts.erase,  # the carts, found through the customer's entries, and the entries
    "wishlists": wishlists.erase,  # the lists, their items and their share links
    "contact_messages": contact_messages.erase,  # the messages, found through the entries, and the entries
    "registries": registries.erase,  # each registry, its items, purchases and public link, then its entry
    "erasure_request": _nothing_here,  # used up last, once the store is told (confirm)
}


def confirm(store: Store, token: str) -> str:
    """Erase what the customer keeps here; answers their email. BadRequest for a bad, replaced or used link."""
    email, issued = pending(store, token)
    for holding in holdings.erased():
        _DELETERS[holding.name](store.store_id, email)
    events.publish(
        ERASURE_REQUESTED,
        {
            "store_id": store.store_id,
            "email": email,
            "erased": [holding.name for holding in holdings.erased()],
            "kept": holdings.kept(),
            "requested_at": clock.iso(clock.now()),
        },
    )
    storage.consume_request(store.store_id, email, issued)
    count("ErasuresConfirmed")
    return email
