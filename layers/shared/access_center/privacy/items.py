"""The customer's pending erasure (Customers table, under their key, sk `erasure`): when it was asked
and until when its link works. The emailed link carries the email and an HMAC of this item's
`issued_at` (privacy.erasure), so the item stores no secret and the mailer can write the link again
from it (the queue message carries none either); a newer request replaces it, and with it the older link."""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.models import Model

from access_center.core.config import settings
from access_center.db.connection import ItemMeta

ERASURE = "erasure"  # the item's sort key


class ErasureRequestItem(Model):
    class Meta(ItemMeta):
        table_name = settings().customers_table

    pk = UnicodeAttribute(hash_key=True)  # `{store_id}#{email}`
    sk = UnicodeAttribute(range_key=True)  # ERASURE
    issued_at = NumberAttribute()  # whole seconds: the link's HMAC covers it
    expires_at = NumberAttribute()
    ttl = NumberAttribute()
