"""The contact form's shapes between its modules: a message as stored and the stream delivers it, the
store's event, and a message as the privacy export shows it."""

from __future__ import annotations

from typing import NotRequired, TypedDict


class ContactMessage(TypedDict):
    """A message as written (contact.logic) and read back from the stream's image (contact.notices)."""

    store_id: str
    message_id: str
    email: str
    subject: str
    body: str
    order_id: NotRequired[str]
    order_number: NotRequired[str]
    signed_in: bool
    sent_at: str


class ContactMessageEvent(TypedDict):
    """`ContactMessage` (docs/store-events.md): what the store hears of each message."""

    store_id: str
    email: str
    subject: str
    body: str
    order_id: NotRequired[str]
    order_number: NotRequired[str]
    message_id: str
    signed_in: bool
    sent_at: str


class ExportedContactMessage(TypedDict):
    message_id: str
    subject: str
    body: str | None  # None: the message went before its entry (an erasure cut short)
    order_id: str | None
    order_number: str | None
    sent_at: str


class RecentOrder(TypedDict):
    """One of the signed-in customer's recent orders, as the form's select offers it."""

    order_id: str
    number: str
    placed_at: str
