"""The Messages table: one partition per order's thread (`{store_id}#{order_id}`), holding the thread's
header (sk `thread`: how many messages, who the customer is) and its messages (sk `m#{n:05d}`, the
message's number in the thread, oldest first); and each uploaded attachment in a partition of its own
(`{store_id}#attachment#{attachment_id}`). Its stream (new images) feeds the change-notices function,
which tells the other side (access_center.messages.notices)."""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import ListAttribute, MapAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.models import Model

from access_center.core.config import settings
from access_center.db.connection import ItemMeta

THREAD_SK = "thread"
MESSAGE_PREFIX = "m#"
ATTACHMENT_SK = "attachment"


class _MessagesTable(ItemMeta):
    table_name = settings().messages_table


class ThreadItem(Model):
    class Meta(_MessagesTable):
        pass

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True, default=THREAD_SK)
    messages = NumberAttribute(default=0)
    # Whom the store's messages are emailed to: the first customer who wrote (with sticky contact, the
    # customer who sees the order may not be the one who placed it), else the order's email.
    customer_email = UnicodeAttribute(null=True)
    last_sent_at = UnicodeAttribute(null=True)


class MessageItem(Model):
    class Meta(_MessagesTable):
        pass

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    store_id = UnicodeAttribute()
    order_id = UnicodeAttribute()
    # What the emails need, so the stream consumer reads no order: the order's number and the customer.
    order_number = UnicodeAttribute()
    customer_email = UnicodeAttribute()
    customer_name = UnicodeAttribute(null=True)
    message_id = UnicodeAttribute()
    sender = UnicodeAttribute()  # customer | store
    body = UnicodeAttribute()
    attachments = ListAttribute[MapAttribute[str, Any]](default=list)
    sent_at = UnicodeAttribute()
    acted_by = UnicodeAttribute(null=True)  # a company member writing about a colleague's order


class AttachmentItem(Model):
    """A file uploaded for a message (`{store_id}#attachment#{attachment_id}`, sk `attachment`): who
    uploaded it and what they said it is; `pending` until a message carries it, then `attached` with
    that message's order. A pending one expires (the table's TTL, `expires`) with its upload."""

    class Meta(_MessagesTable):
        pass

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True, default=ATTACHMENT_SK)
    store_id = UnicodeAttribute()
    attachment_id = UnicodeAttribute()
    owner = UnicodeAttribute()  # `customer:{email}` or `store`
    filename = UnicodeAttribute()
    content_type = UnicodeAttribute()
    size = NumberAttribute()
    status = UnicodeAttribute()  # pending | attached
    created_at = UnicodeAttribute()
    order_id = UnicodeAttribute(null=True)
    message_id = UnicodeAttribute(null=True)
    expires = NumberAttribute(null=True)
