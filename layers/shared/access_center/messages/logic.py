"""Order threads: the customer writes from the order page, the store system through the store API;
each message goes into the order's thread (messages.storage) and its stream tells the other side
(messages.notices: the MessagePosted event and an email). Nothing here emails or publishes.

Rules: a thread is the order's, so only a customer who sees the order (and the store) reads or writes
it, anyone else gets 404 as for an order that does not exist; a customer writes only where the store
has `messages_enabled` (409 otherwise), only on an order placed with their email (a co-viewer of a
sticky-contact order reads it only: 403), at most `CUSTOMER_MESSAGES_PER_HOUR` messages an hour per
store (429; only messages written count), and a thread holds at most MAX_THREAD messages (409)."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Final, cast

from access_center.companies.rules import Action
from access_center.core import clock
from access_center.core.config import settings
from access_center.core.errors import Conflict
from access_center.core.i18n import N_
from access_center.core.observability import count
from access_center.db import rates
from access_center.db.retry import retry_on_conflict
from access_center.messages import attachments, rules
from access_center.messages import storage as db
from access_center.messages.items import AttachmentItem
from access_center.orders import logic as orders
from access_center.stores.logic import Store

if TYPE_CHECKING:
    from access_center.messages.shapes import Attachment, Message, Sender, StoredMessage, Thread
    from access_center.orders.acting import Viewer
    from access_center.orders.shapes import AnyOrder

MAX_THREAD = 200
CUSTOMER: Final = "customer"
STORE: Final = "store"


class ThreadFull(Conflict):
    def __init__(self) -> None:
        super().__init__(
            N_("This conversation is full (%(most)s messages). Contact the store another way."), most=MAX_THREAD
        )


def answered(stored: StoredMessage) -> Message:
    """A message as the routes answer it (MessageView)."""
    message: Message = {
        "message_id": stored["message_id"],
        "from": stored["sender"],
        "body": stored["body"],
        "attachments": [cast("Attachment", dict(a)) for a in stored.get("attachments") or []],
        "sent_at": stored["sent_at"],
    }
    if stored.get("acted_by"):
        message["acted_by"] = stored["acted_by"]
    return message


def thread(store_id: str, order_id: str) -> list[Message]:
    return [answered(m) for m in db.messages(store_id, order_id)]


def for_customer(viewer: Viewer, order_id: str) -> Thread:
    orders.get_for_customer(viewer, order_id)  # NotFound unless the customer sees it
    return {"messages": thread(viewer.store_id, order_id)}


def for_store(store_id: str, order_id: str) -> Thread:
    orders.get_for_store(store_id, order_id)
    return {"messages": thread(store_id, order_id)}


refusal = rules.refusal


def post_by_customer(
    store: Store, viewer: Viewer, order_id: str, body: str, attachment_ids: list[str] | None = None
) -> Message:
    seen = orders.seen_by(viewer, order_id)
    order, email = seen.view, viewer.email
    # A co-viewer (sticky contact) or a read-only role sees the order but does not write (API.md section 11):
    # 403 whatever the store's settings, as for every other action.
    seen.access.require(Action.MESSAGE)
    why = rules.refused(store)
    if why is not None:
        raise why
    now = clock.now()
    # Only a message that is written spends the budget: a refused one (a wrong file, a full thread) does not.
    budget = f"{store.store_id}#{email}"
    limit = settings().customer_messages_per_hour
    rates.check("message", budget, limit, now, message="You have sent many messages in the last hour. Try again later.")
    files = attachments.claim(store.store_id, attachments.customer_owner(email), attachment_ids)
    stored = _post(
        store.store_id, order_id, order, CUSTOMER, body, files, now, writer=email, acted_by=seen.access.acted_by
    )
    rates.spend("message", budget, now)
    count("CustomerMessagesPosted")
    return answered(stored)


def post_by_store(store_id: str, order_id: str, body: str, attachment_ids: list[str] | None = None) -> Message:
    order = orders.get_for_store(store_id, order_id)
    files = attachments.claim(store_id, attachments.STORE_OWNER, attachment_ids)
    stored = _post(store_id, order_id, order, STORE, body, files, clock.now(), writer=None)
    count("StoreMessagesPosted")
    return answered(stored)


def _post(
    store_id: str,
    order_id: str,
    order: AnyOrder,
    sender: Sender,
    body: str,
    files: list[AttachmentItem],
    now: float,
    writer: str | None,
    acted_by: str | None = None,
) -> StoredMessage:
    message_id = "msg_" + secrets.token_hex(8)
    sent_at = clock.iso(now)

    def attempt() -> StoredMessage:
        header = db.get_thread(store_id, order_id)
        seen = int(header.messages) if header is not None else 0
        if seen >= MAX_THREAD:
            raise ThreadFull
        # The store's messages go to the customer who wrote first; before anyone did, to the order's.
        customer_email = writer or (header.customer_email if header else None) or order["email"]
        stored: StoredMessage = {
            "store_id": store_id,
            "order_id": order_id,
            "order_number": order["number"],
            "customer_email": customer_email,
            "message_id": message_id,
            "sender": sender,
            "body": body,
            "attachments": [attachments.view(item) for item in files],
            "sent_at": sent_at,
        }
        if order.get("customer_name"):
            stored["customer_name"] = order["customer_name"]
        if acted_by:  # a company member writing about a colleague's order (API.md section 11)
            stored["acted_by"] = acted_by
        db.add_message(stored, seen, customer_email if sender == CUSTOMER else None, files)
        return stored

    written = retry_on_conflict(attempt, lambda: Conflict(N_("The conversation is busy. Send the message again.")))
    attachments.uploaded(files)
    return written
