"""The Sessions table's item: a customer's session, stored under the SHA-256 of its token."""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.models import Model

from access_center.core.config import settings
from access_center.db.connection import ItemMeta


class SessionItem(Model):
    class Meta(ItemMeta):
        table_name = settings().sessions_table

    token_hash = UnicodeAttribute(hash_key=True)
    store_id = UnicodeAttribute()
    email = UnicodeAttribute()
    created_at = NumberAttribute()
    last_seen_at = NumberAttribute()
    expires_at = NumberAttribute()
    revoked = BooleanAttribute(default=False)
    ttl = NumberAttribute()


class ProfileItem(Model):
    """A customer's profile at a store (Customers table, beside their contacts and order entries): for
    now the language they chose (API.md section 9); the rest of the profile (issue 31) joins it."""

    class Meta(ItemMeta):
        table_name = settings().customers_table

    pk = UnicodeAttribute(hash_key=True)  # `{store_id}#{email}`, the customer's key
    sk = UnicodeAttribute(range_key=True)  # PROFILE
    language = UnicodeAttribute(null=True)
