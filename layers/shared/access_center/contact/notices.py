"""What a contact form message tells (through the Messages table's stream, in the change-notices
function): the store hears `ContactMessage` (store_id, email, subject, body, order_id and order_number
where one was named, message_id, signed_in, sent_at), and its `support_email` is emailed the message in
the store's default language, "Contact form: {subject}", with Reply-To the sender. Nothing goes to the
sender: a signed-out visitor's email is only ever a Reply-To.

The image is our own write (contact.logic), read here field by field: each is checked for its type, and
the one-line fields and the addresses for what could break a header, before anything is rendered. A
store without a support_email (the settings refuse the form on without one; an older item might lack
it) still hears the event."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from access_center.aws.ses import Email
from access_center.contact.items import MESSAGE_SK
from access_center.contact.shapes import ContactMessage, ContactMessageEvent
from access_center.core.i18n import _, speaking
from access_center.core.observability import count, logger
from access_center.core.text import has_control_characters
from access_center.notifications.emails import ONE_ADDRESS, compose_email, one_line, order_ref, presentable
from access_center.notifications.rules import (
    BadRecord,
    Change,
    Notice,
    Notification,
    Outgoing,
    Publication,
    check_can_send,
)
from access_center.stores.logic import Store
from access_center.web.colours import DEFAULT_BRAND, text_colour_on

EVENT = "ContactMessage"
EMAIL = "contact_message"  # the email's template and its kind in the store's email texts
_ONE_LINE = ("store_id", "message_id", "email", "subject", "sent_at")
_OPTIONAL_ONE_LINE = ("order_id", "order_number")


def _message(image: Mapping[str, Any]) -> ContactMessage:
    found: dict[str, Any] = {}
    for name in (*_ONE_LINE, "body"):
        value = image.get(name)
        if not isinstance(value, str) or not value:
            raise BadRecord(f"the contact message image's {name} is missing or not text")
        if name in _ONE_LINE and has_control_characters(value):
            raise BadRecord(f"the contact message image's {name} has control characters")
        found[name] = value
    for name in _OPTIONAL_ONE_LINE:
        value = image.get(name)
        if value is None:
            continue
        if not isinstance(value, str) or not value or has_control_characters(value):
            raise BadRecord(f"the contact message image's {name} is not one line of text")
        found[name] = value
    if not ONE_ADDRESS.match(found["email"]):
        raise BadRecord("the contact message image's email is not one address")
    signed_in = image.get("signed_in")
    if not isinstance(signed_in, bool):
        raise BadRecord("the contact message image's signed_in is not a flag")
    found["signed_in"] = signed_in
    return found  # type: ignore[return-value]  # each field checked above


def _detail(message: ContactMessage) -> ContactMessageEvent:
    detail: ContactMessageEvent = {
        "store_id": message["store_id"],
        "email": message["email"],
        "subject": message["subject"],
        "body": message["body"],
        "message_id": message["message_id"],
        "signed_in": message["signed_in"],
        "sent_at": message["sent_at"],
    }
    if "order_id" in message:
        detail["order_id"] = message["order_id"]
    if "order_number" in message:
        detail["order_number"] = message["order_number"]
    return detail


def notices(change: Change, find_store: Callable[[str], Store | None]) -> list[Notice]:
    """The event and the store's email of a new contact message; nothing for any other record."""
    if change.event_name != "INSERT" or change.new_image.get("sk") != MESSAGE_SK:
        return []
    message = _message(change.new_image)
    key = Notification(EVENT, message["store_id"], f"contact#{message['message_id']}")
    found: list[Notice] = [Publication(key, EVENT, dict(_detail(message)))]
    store = find_store(message["store_id"])
    if store is None:
        raise BadRecord(f"store {message['store_id']!r} does not exist")
    email = _email(store, message)
    if email is not None:
        found.append(Outgoing(Notification(EMAIL, message["store_id"], f"contact#{message['message_id']}"), email))
    return found


def _email(store: Store, message: ContactMessage) -> Email | None:
    shown = presentable(store)
    support = shown.settings.support_email
    if not support:
        logger.info("No support_email: the store hears of the contact message by its event only",
                    extra={"store_id": message["store_id"], "message_id": message["message_id"]})  # fmt: skip
        count("ContactMessagesWithoutSupportEmail")
        return None
    check_can_send(store)
    accent = shown.settings.brand_color or DEFAULT_BRAND
    language = shown.settings.default_language  # the store's own email
    subject_line = one_line(message["subject"])
    with speaking(language):
        subject = _("Contact form: %(subject)s") % {"subject": subject_line}
    email = compose_email(
        EMAIL,
        shown,
        str(support),
        subject=subject,
        language=language,
        preheader=one_line(message["body"])[:90],
        sender_email=message["email"],
        signed_in=message["signed_in"],
        message_subject=subject_line,
        body=message["body"],
        number=order_ref(message["order_number"]) if message.get("order_number") else None,
        sent_at=message["sent_at"],
        accent=accent,
        accent_text=text_colour_on(accent),
    )
    return replace(email, reply_to=message["email"])
