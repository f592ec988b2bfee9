"""What a new message tells (through the Messages table's stream, in the change-notices function): store
systems get `MessagePosted`; the other side is emailed the message: a customer's goes to the store's
`support_email` (Reply-To the customer), a store's to the customer with a link to the conversation.

The image is our own write (messages.logic), read here without the order models: each field the
emails use is checked for its type, and the addresses and the one-line fields for what could break
a header, before anything is rendered."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import quote

from access_center.aws.ses import Email
from access_center.core.i18n import _, speaking
from access_center.core.text import has_control_characters
from access_center.messages.items import MESSAGE_PREFIX
from access_center.notifications.emails import ONE_ADDRESS, compose_email, one_line, order_ref
from access_center.notifications.languages import email_language, profile_name
from access_center.notifications.rules import BadRecord, Change, Notice, Notification, Outgoing, Publication, sendable
from access_center.stores.logic import Store
from access_center.stores.settings import EmailToggle
from access_center.web.colours import DEFAULT_BRAND, text_colour_on

if TYPE_CHECKING:
    from access_center.messages.shapes import Notified

POSTED_EVENT = "MessagePosted"
TO_STORE = "message_to_store"
TO_CUSTOMER = "message_to_customer"
TOGGLES: dict[str, EmailToggle] = {TO_STORE: "message_to_store_email", TO_CUSTOMER: "message_to_customer_email"}
_ONE_LINE = ("store_id", "order_id", "order_number", "customer_email", "message_id", "sender", "sent_at")


def _message(image: Mapping[str, Any]) -> Notified:
    found: dict[str, Any] = {}
    for name in (*_ONE_LINE, "body"):
        value = image.get(name)
        if not isinstance(value, str) or not value:
            raise BadRecord(f"the message image's {name} is missing or not text")
        if name in _ONE_LINE and has_control_characters(value):
            raise BadRecord(f"the message image's {name} has control characters")
        found[name] = value
    if found["sender"] not in ("customer", "store"):
        raise BadRecord("the message image's sender is neither customer nor store")
    if not ONE_ADDRESS.match(found["customer_email"]):
        raise BadRecord("the message image's customer_email is not one address")
    customer_name = image.get("customer_name")
    found["customer_name"] = one_line(customer_name) if isinstance(customer_name, str) else ""
    attachments = image.get("attachments") or []
    if not isinstance(attachments, list) or not all(
        isinstance(a, Mapping) and isinstance(a.get("filename"), str) for a in attachments
    ):
        raise BadRecord("the message image's attachments are malformed")
    found["attachments"] = [{"filename": one_line(str(a["filename"]))} for a in attachments]
    acted_by = image.get("acted_by")
    if acted_by is not None and not (isinstance(acted_by, str) and ONE_ADDRESS.match(acted_by)):
        raise BadRecord("the message image's acted_by is not one address")
    if acted_by:
        found["acted_by"] = acted_by
    return cast("Notified", found)  # each field checked above


def notices(change: Change, find_store: Callable[[str], Store | None]) -> list[Notice]:
    keys = change.new_image.get("sk") if change.new_image else None
    if change.event_name != "INSERT" or not isinstance(keys, str) or not keys.startswith(MESSAGE_PREFIX):
        return []  # the thread's header, or a change that is no new message
    message = _message(change.new_image)
    kind = TO_STORE if message["sender"] == "customer" else TO_CUSTOMER
    key = (message["store_id"], message["order_id"], None, message["message_id"])
    detail = {
        "store_id": message["store_id"],
        "order_id": message["order_id"],
        "order_number": message["order_number"],
        "message_id": message["message_id"],
        "from": message["sender"],
        "sent_at": message["sent_at"],
        "attachments": len(message["attachments"]),
    }
    if message.get("acted_by"):  # a company member wrote about a colleague's order (API.md section 11)
        detail["acted_by"] = message["acted_by"]
    found: list[Notice] = [Publication(Notification(f"event:{POSTED_EVENT}", *key), POSTED_EVENT, detail)]
    store = find_store(message["store_id"])
    if store is None:
        raise BadRecord(f"store {message['store_id']!r} does not exist")
    email = _email(kind, store, message)
    if email is not None:
        found.append(Outgoing(Notification(kind, *key), email))
    return found


def _email(kind: str, store: Store, message: Notified) -> Email | None:
    where = {"store_id": message["store_id"], "order_id": message["order_id"], "kind": kind}
    shown = sendable(store, TOGGLES[kind], to_support=kind == TO_STORE, what="Message", where=where)
    if shown is None:
        return None
    accent = shown.settings.brand_color or DEFAULT_BRAND
    number = order_ref(message["order_number"])
    # The profile's name once the customer set one (API.md section 8), else the order's.
    name = one_line(profile_name(shown.store_id, message["customer_email"]) or message["customer_name"])
    context = {
        "number": number,
        "customer_name": name,
        "customer_email": message["customer_email"],
        "body": message["body"],
        "attachments": message["attachments"],
        "accent": accent,
        "accent_text": text_colour_on(accent),
    }
    first_line = one_line(message["body"])[:90]
    if kind == TO_STORE:
        who = name or message["customer_email"]
        language = shown.settings.default_language  # the store's own email
        with speaking(language):
            subject = _("Message from %(customer)s about order %(number)s") % {"customer": who, "number": number}
        email = compose_email(
            TO_STORE,
            shown,
            str(shown.settings.support_email),
            subject=subject,
            language=language,
            preheader=first_line,
            **context,
        )
        return replace(email, reply_to=message["customer_email"])
    order_url = shown.public_url(f"/orders/{quote(message['order_id'], safe=':')}")  # set: sendable checked
    thread_url = f"{order_url}#messages"
    language = email_language(shown, message["customer_email"])  # the message image has no order language
    with speaking(language):
        subject = _("%(store)s wrote about your order %(number)s") % {"store": shown.name, "number": number}
    return compose_email(
        TO_CUSTOMER,
        shown,
        message["customer_email"],
        subject=subject,
        language=language,
        preheader=first_line,
        thread_url=thread_url,
        **context,
    )
