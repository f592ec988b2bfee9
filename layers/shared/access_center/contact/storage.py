"""The contact form's items (contact.items): a message and its sender's entry are written in one
transaction, so privacy never misses a message and no entry names a message that was not written; the
message's key is new (a random id), so the write is conditioned on its not existing yet."""

from __future__ import annotations

from collections.abc import Iterator

from access_center.account.storage import profile_key
from access_center.contact.items import ENTRY_PREFIX, MESSAGE_SK, ContactEntryItem, ContactMessageItem
from access_center.contact.shapes import ContactMessage, ExportedContactMessage
from access_center.db.transactions import transaction


def message_key(store_id: str, message_id: str) -> str:
    return f"{store_id}#contact#{message_id}"


def entry_sk(sent_at: str, message_id: str) -> str:
    return f"{ENTRY_PREFIX}{sent_at}#{message_id}"


def save(message: ContactMessage) -> None:
    """The message (its stream record emails the store) and the sender's entry; WriteConflict should the
    id ever exist already."""
    store_id, message_id = message["store_id"], message["message_id"]
    item = ContactMessageItem(
        message_key(store_id, message_id),
        MESSAGE_SK,
        store_id=store_id,
        message_id=message_id,
        email=message["email"],
        subject=message["subject"],
        body=message["body"],
        order_id=message.get("order_id"),
        order_number=message.get("order_number"),
        signed_in=message["signed_in"],
        sent_at=message["sent_at"],
    )
    entry = ContactEntryItem(
        profile_key(store_id, message["email"]),
        entry_sk(message["sent_at"], message_id),
        message_id=message_id,
        subject=message["subject"],
        sent_at=message["sent_at"],
    )
    with transaction() as tx:
        tx.save(item, condition=ContactMessageItem.pk.does_not_exist())
        tx.save(entry)


def entries(store_id: str, email: str) -> Iterator[ContactEntryItem]:
    """Every entry of the email's, newest first, page by page (one Query)."""
    yield from ContactEntryItem.query(
        profile_key(store_id, email), ContactEntryItem.sk.startswith(ENTRY_PREFIX), scan_index_forward=False
    )


def _messages(store_id: str, found: list[ContactEntryItem]) -> dict[str, ContactMessageItem]:
    keys = [(message_key(store_id, str(entry.message_id)), MESSAGE_SK) for entry in found]
    return {str(item.message_id): item for item in ContactMessageItem.batch_get(keys)} if keys else {}


def exported(store_id: str, email: str) -> Iterator[ExportedContactMessage]:
    """The email's messages for the privacy export, newest first: subject, body, order, time (100 bodies
    per BatchGetItem)."""
    page: list[ContactEntryItem] = []
    for entry in entries(store_id, email):
        page.append(entry)
        if len(page) == 100:
            yield from _exported(store_id, email, page)
            page = []
    yield from _exported(store_id, email, page)


def _exported(store_id: str, email: str, page: list[ContactEntryItem]) -> Iterator[ExportedContactMessage]:
    messages = _messages(store_id, page)
    for entry in page:
        item = messages.get(str(entry.message_id))
        mine = item is not None and item.email == email
        yield {
            "message_id": str(entry.message_id),
            "subject": str(entry.subject),
            "body": str(item.body) if item is not None and mine else None,
            "order_id": item.order_id if item is not None and mine else None,
            "order_number": item.order_number if item is not None and mine else None,
            "sent_at": str(entry.sent_at),
        }


def erase(store_id: str, email: str) -> None:
    """Delete every message of the email's and its entry (privacy erasure). Idempotent: what is gone
    already is no error; a message is deleted only where it is this email's."""
    for entry in list(entries(store_id, email)):
        with transaction() as tx:
            message = ContactMessageItem(message_key(store_id, str(entry.message_id)), MESSAGE_SK)
            tx.delete(message, condition=(ContactMessageItem.email == email) | ContactMessageItem.pk.does_not_exist())
            tx.delete(entry)
