"""The privacy export (API.md section 8): everything held about one email at one store, as one JSON
document written to a temporary file section by section, item by item (memory bounded whatever the
number of orders), uploaded to a private object of the files bucket (`exports/`, gone after a day) and
answered as a short-lived download link: never built in the response, which stops at 6 MB.

Each section is a holding of privacy.holdings, read by export_storage. A feature that adds a holding adds
its section to SECTIONS (or says in ELSEWHERE where its data already is); the contract test
tests/functional/privacy/test_export.py fails while a holding is in neither. Secrets are never written:
no session token hash, no login code counter."""

from __future__ import annotations

import json
import math
import secrets
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any

from access_center.aws import files
from access_center.carts import storage as saved_carts
from access_center.contact import storage as contact_messages
from access_center.core import clock
from access_center.core.errors import RateLimited
from access_center.core.i18n import N_
from access_center.db import rates
from access_center.points import logic as points
from access_center.privacy import export_storage as db
from access_center.quotes import logic as quotes
from access_center.registries import storage as registries
from access_center.wishlists import storage as wishlists

JSON_TYPE = "application/json"
Value = dict[str, Any] | None


def _when(ts: float | None) -> str | None:
    return clock.iso(float(ts)) if ts is not None else None


def _profile(store_id: str, email: str) -> Value:
    item = db.profile(store_id, email)
    if item is None:
        return None
    return {
        "name": item.name,
        "phone": item.phone,
        "language": item.language,
        "newsletter": {
            "subscribed": bool(item.newsletter),
            "changed_at": _when(item.newsletter_changed_at),
            "source": item.newsletter_source,
        },
        "default_shipping_address_id": item.default_shipping,
        "default_billing_address_id": item.default_billing,
        "updated_at": _when(item.updated_at),
    }


_ADDRESS_FIELDS = ("address_id", "name", "company", "line1", "line2", "city", "region", "postal_code", "country")


def _addresses(store_id: str, email: str) -> Iterator[Any]:
    for item in db.addresses(store_id, email):
        address = {name: getattr(item, name) for name in _ADDRESS_FIELDS}
        yield address | {
            "phone": item.phone,
            "created_at": _when(item.created_at),
            "updated_at": _when(item.updated_at),
        }


def _sessions(store_id: str, email: str) -> Iterator[Any]:
    for item in db.sessions(store_id, email):  # their dates only: the key holds the token's hash
        yield {"created_at": _when(item.created_at), "expires_at": _when(item.expires_at)}


def _login_codes(store_id: str, email: str) -> Value:
    item = db.login_code(store_id, email)
    if item is None:
        return None
    return {  # dates and counters: never the code's counter, from which the code is derived
        "code_sent_at": [_when(sent) for sent in item.sends or ()],
        "code_expires_at": _when(item.expires_at),
        "link_expires_at": _when(item.link_expires_at),
        "wrong_tries": int(item.failures or 0),
        "wrong_tries_since_login": int(item.failures_since_login or 0),
    }


def _contact(store_id: str, email: str) -> Value:
    item = db.contact(store_id, email)
    return None if item is None else {"name": item.name, "contact_id": item.contact_id}


def _company(store_id: str, email: str) -> Value:
    """The customer's company and role (null outside any company); never the other members, whose
    emails are theirs."""
    membership = db.membership(store_id, email)
    if membership is None:
        return None
    company = db.company(store_id, str(membership.company_id))
    return {
        "company_id": str(membership.company_id),
        "name": str(company.name) if company is not None else None,
        "role": str(membership.role),
        "joined_at": _when(membership.joined_at),
    }


_NOT_EXPORTED_ORDER_FIELDS = ("browser_session_id",)  # a sticky contact's browser link: a bearer secret


def _orders(store_id: str, email: str) -> Iterator[Any]:
    """Each order as stored, with its fulfilments, returns and cancellation inside."""
    for page in db.order_id_pages(store_id, email):
        for order in db.orders(store_id, page):
            yield {k: v for k, v in order.items() if k not in _NOT_EXPORTED_ORDER_FIELDS}


def _messages(store_id: str, email: str) -> Iterator[Any]:
    """Each message of the customer's orders' conversations; attachments by name and size."""
    for page in db.order_id_pages(store_id, email):
        for _, thread in db.threads(store_id, page):
            for message in thread:
                yield {
                    "order_id": message["order_id"],
                    "order_number": message["order_number"],
                    "message_id": message["message_id"],
                    "sender": message["sender"],
                    "body": message["body"],
                    "sent_at": message["sent_at"],
                    "attachments": [
                        {"filename": a["filename"], "content_type": a["content_type"], "size": a["size"]}
                        for a in message.get("attachments") or ()
                    ],
                }


def _invoices(store_id: str, email: str) -> Iterator[Any]:
    """Each invoice's header (its number, dates, amounts, orders), never its document."""
    yield from db.invoices(store_id, email)


@dataclass(frozen=True)
class Section:
    read: Callable[[str, str], Any]  # (store_id, email) -> an object (or None), or with `many` its items
    many: bool = False


# The document's sections, in order, each named as its holding (privacy.holdings.HOLDINGS).
SECTIONS: dict[str, Section] = {
    "profile": Section(_profile),
    "addresses": Section(_addresses, many=True),
    "sessions": Section(_sessions, many=True),
    "login_codes": Section(_login_codes),
    "contact": Section(_contact),
    "company_membership": Section(_company),
    "orders": Section(_orders, many=True),
    "messages": Section(_messages, many=True),
    "invoices": Section(_invoices, many=True),
    "wishlists": Section(wishlists.exported, many=True),
    "saved_carts": Section(saved_carts.exported, many=True),
    "quotes": Section(quotes.exported, many=True),
    "points": Section(points.exported),  # the balance and every entry, newest first
    "contact_messages": Section(contact_messages.exported, many=True),  # subject, body, order, sent_at
    "registries": Section(registries.exported, many=True),  # items with purchased counts, never buyers
    # The later features' holdings (wish lists, saved carts, quotes, points, registries, contact
    # messages, passkeys' names and dates, withdrawals) add theirs here.
}

# Holdings that have no section of their own, with where their data is (or why it cannot be found).
ELSEWHERE: dict[str, str] = {
    "signed_in_sessions": "the sessions section: the same sessions, by their dates",
    "erasure_request": "the customer's own pending request to erase this data: gone once confirmed or expired",
    "order_entries": "the orders section: each entry names an order, exported whole",
    "returns": "the orders section: each order's returns, as stored in it",
    "company_order_entries": "the orders section: the company's entry of an order names the same order",
    "company_invoice_entries": "the invoices section: the company's entry of an invoice holds the same header",
    "browser_sessions": "keyed by a browser's id, not by the email (no key lookup or Query finds it); gone after 30 days",
}


def _default(value: object) -> Any:
    """What DynamoDB reads back beside JSON's own types."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"not exportable: {type(value).__name__}")


def _dump(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_default).encode()


def write_document(out: IO[bytes], store_id: str, email: str, now: float) -> None:
    """The whole document into `out`, one item at a time."""
    out.write(b"{" + _dump("exported_at") + b":" + _dump(clock.iso(now)))
    out.write(b"," + _dump("store_id") + b":" + _dump(store_id) + b"," + _dump("email") + b":" + _dump(email))
    for name, section in SECTIONS.items():
        out.write(b"," + _dump(name) + b":")
        if not section.many:
            out.write(_dump(section.read(store_id, email)))
            continue
        out.write(b"[")
        for index, item in enumerate(section.read(store_id, email)):
            out.write((b"," if index else b"") + _dump(item))
        out.write(b"]")
    out.write(b"}")


def export(store_id: str, email: str) -> str:
    """The download link of a new export of the customer's data (RateLimited past
    rates.EXPORTS_PER_DAY a day, checked before anything is read)."""
    now = clock.now()
    _throttle(store_id, email, now)
    key = files.export_key(store_id, secrets.token_urlsafe(18))
    with tempfile.TemporaryFile() as out:  # on disk: a Lambda's /tmp, not its memory
        write_document(out, store_id, email, now)
        out.seek(0)
        files.put_file(key, out, JSON_TYPE)
    return files.download_url(key, f"data-{store_id}-{clock.iso(now)[:10]}.json", JSON_TYPE)


def _throttle(store_id: str, email: str, now: float) -> None:
    """RateLimited past rates.EXPORTS_PER_DAY exports in the last day, saying in how many hours the
    next one may be asked for."""
    try:
        rates.throttle("export", f"{store_id}#{email}", rates.EXPORTS_PER_DAY, now, window=rates.DAY)
    except RateLimited as limited:
        hours = math.ceil(limited.retry_after / 3600)
        if hours == 1:
            raise RateLimited(
                limited.retry_after,
                N_("You have downloaded your data many times today. Try again in 1 hour."),
            ) from None
        raise RateLimited(
            limited.retry_after,
            N_("You have downloaded your data many times today. Try again in %(hours)s hours."),
            hours=hours,
        ) from None
