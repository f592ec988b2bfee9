"""The contact form's items, written together in one transaction (contact.storage):
- the message (Messages table, `{store_id}#contact#{message_id}`, sk `contact`): what was sent, by whom and
  about which order; its INSERT on the table's stream is what emails the store (contact.notices), so the
  request never waits on SES and a failed send is retried by the stream;
- the sender's entry (Customers table, `{store_id}#{email}`, sk `contact#{sent_at}#{message_id}`): the
  subject and time, so privacy finds every message of an email with one Query (signed in or not: a
  signed-out visitor's message is theirs too, found by the email they gave)."""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, UnicodeAttribute
from pynamodb.models import Model

from access_center.core.config import settings
from access_center.db.connection import ItemMeta

MESSAGE_SK = "contact"
ENTRY_PREFIX = "contact#"  # never the bare `contact` sort key of the customer's first-created contact


class ContactMessageItem(Model):
    class Meta(ItemMeta):
        table_name = settings().messages_table

    pk = UnicodeAttribute(hash_key=True)  # `{store_id}#contact#{message_id}`
    sk = UnicodeAttribute(range_key=True, default=MESSAGE_SK)
    store_id = UnicodeAttribute()
    message_id = UnicodeAttribute()
    email = UnicodeAttribute()  # the sender: the session's, or the one a signed-out visitor typed
    subject = UnicodeAttribute()
    body = UnicodeAttribute()
    # What the store's email names, so the stream consumer reads no order.
    order_id = UnicodeAttribute(null=True)
    order_number = UnicodeAttribute(null=True)
    signed_in = BooleanAttribute()
    sent_at = UnicodeAttribute()


class ContactEntryItem(Model):
    class Meta(ItemMeta):
        table_name = settings().customers_table

    pk = UnicodeAttribute(hash_key=True)  # `{store_id}#{email}`
    sk = UnicodeAttribute(range_key=True)  # `contact#{sent_at}#{message_id}`
    message_id = UnicodeAttribute()
    subject = UnicodeAttribute()
    sent_at = UnicodeAttribute()
