"""Threads in the Messages table (messages.items): a message goes in with its thread's header in one
transaction, conditioned on the count the writer read (so messages are numbered without gaps or
duplicates, and the cap holds under races); a thread is read with one Query of its partition."""

from __future__ import annotations

from typing import Any

from pynamodb.expressions.update import Action

from access_center.db.transactions import transaction
from access_center.messages.items import MESSAGE_PREFIX, THREAD_SK, MessageItem, ThreadItem


def thread_key(store_id: str, order_id: str) -> str:
    return f"{store_id}#{order_id}"


def get_thread(store_id: str, order_id: str) -> ThreadItem | None:
    try:
        return ThreadItem.get(thread_key(store_id, order_id), THREAD_SK, consistent_read=True)
    except ThreadItem.DoesNotExist:
        return None


def add_message(message: dict[str, Any], seen: int, customer_email: str | None) -> None:
    """Write the message as number `seen + 1` of its thread, where the thread held `seen` messages when
    read: WriteConflict when another message went in since (read the header again and retry). The
    number orders the thread, whatever the clocks say. `customer_email` becomes the thread's customer
    if it has none yet."""
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


def messages(store_id: str, order_id: str) -> list[dict[str, Any]]:
    """The thread's messages, oldest first (one Query; a thread is capped, so it is read whole)."""
    found = MessageItem.query(
        thread_key(store_id, order_id),
        MessageItem.sk.startswith(MESSAGE_PREFIX),
        consistent_read=True,
    )
    return [item.attribute_values for item in found]
