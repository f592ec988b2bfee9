"""Threads in the Messages table (messages.items): a message goes in with its thread's header in one
transaction, conditioned on the count the writer read (so messages are numbered without gaps or
duplicates, and the cap holds under races); a thread is read with one Query of its partition."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from pynamodb.expressions.update import Action

from access_center.db.transactions import conditional, transaction
from access_center.messages.items import (
    ATTACHMENT_SK,
    MESSAGE_PREFIX,
    THREAD_SK,
    AttachmentItem,
    MessageItem,
    ThreadItem,
)

if TYPE_CHECKING:
    from access_center.messages.shapes import StoredMessage


def thread_key(store_id: str, order_id: str) -> str:
    return f"{store_id}#{order_id}"


def get_thread(store_id: str, order_id: str) -> ThreadItem | None:
    try:
        return ThreadItem.get(thread_key(store_id, order_id), THREAD_SK, consistent_read=True)
    except ThreadItem.DoesNotExist:
        return None


def add_message(
    message: StoredMessage, seen: int, customer_email: str | None, attachments: Sequence[AttachmentItem] = ()
) -> None:
    """Write the message as number `seen + 1` of its thread, where the thread held `seen` messages when
    read: WriteConflict when another message went in since (read the header again and retry). The
    number orders the thread, whatever the clocks say. `customer_email` becomes the thread's customer
    if it has none yet. Each of `attachments` goes from pending to attached to this message in the same
    transaction, only if still pending (a file is on one message at most)."""
    key = thread_key(message["store_id"], message["order_id"])
    item = MessageItem(key, f"{MESSAGE_PREFIX}{seen + 1:05d}", **message)
    header = ThreadItem(key, THREAD_SK)
    actions: list[Action] = [ThreadItem.messages.set(seen + 1), ThreadItem.last_sent_at.set(message["sent_at"])]
    if customer_email:
        actions.append(ThreadItem.customer_email.set(ThreadItem.customer_email | customer_email))
    condition = ThreadItem.pk.does_not_exist() if seen == 0 else ThreadItem.messages == seen
    with transaction() as tx:
        tx.update(header, actions=actions, condition=condition)
        tx.save(item, condition=MessageItem.pk.does_not_exist())
        for attachment in attachments:
            tx.update(
                attachment,
                actions=[
                    AttachmentItem.status.set("attached"),
                    AttachmentItem.order_id.set(message["order_id"]),
                    AttachmentItem.message_id.set(message["message_id"]),
                    AttachmentItem.expires.remove(),
                ],
                condition=AttachmentItem.status == "pending",
            )


def messages(store_id: str, order_id: str) -> list[StoredMessage]:
    """The thread's messages, oldest first (one Query; a thread is capped, so it is read whole)."""
    found = MessageItem.query(
        thread_key(store_id, order_id),
        MessageItem.sk.startswith(MESSAGE_PREFIX),
        consistent_read=True,
    )
    return [cast("StoredMessage", item.attribute_values) for item in found]  # as add_message wrote it


def attachment_key(store_id: str, attachment_id: str) -> str:
    return f"{store_id}#attachment#{attachment_id}"


def create_attachment(item: AttachmentItem) -> None:
    with conditional():
        item.save(condition=AttachmentItem.pk.does_not_exist())


def get_attachment(store_id: str, attachment_id: str) -> AttachmentItem | None:
    try:
        return AttachmentItem.get(attachment_key(store_id, attachment_id), ATTACHMENT_SK, consistent_read=True)
    except AttachmentItem.DoesNotExist:
        return None
