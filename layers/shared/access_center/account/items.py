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


class SessionEntryItem(Model):
    """A customer's session as listed under their key (Customers table, sk `session#{token_hash}`),
    written with the session: what erasure revokes and the privacy export lists (its dates), by Query."""

    class Meta(ItemMeta):
        table_name = settings().customers_table

    pk = UnicodeAttribute(hash_key=True)  # `{store_id}#{email}`
    sk = UnicodeAttribute(range_key=True)  # SESSION_PREFIX + the session's token hash
    created_at = NumberAttribute()
    expires_at = NumberAttribute()
    ttl = NumberAttribute()  # gone a day after the session could last


SESSION_PREFIX = "session#"


class ProfileItem(Model):
    """A customer's profile at a store (Customers table, beside their contacts and order entries, API.md
    section 8). The address book's count and its two defaults live here too, so that a default moves in
    one conditional write (addresses.storage): a default is one attribute, never a flag on two addresses."""

    class Meta(ItemMeta):
        table_name = settings().customers_table

    pk = UnicodeAttribute(hash_key=True)  # `{store_id}#{email}`, the customer's key
    sk = UnicodeAttribute(range_key=True)  # PROFILE
    language = UnicodeAttribute(null=True)  # chosen with the picker or the profile (API.md section 9)
    name = UnicodeAttribute(null=True)  # wins over the first-created contact's name once set
    phone = UnicodeAttribute(null=True)  # E.164
    newsletter = BooleanAttribute(null=True)  # never asked: None (shown as not subscribed)
    newsletter_changed_at = NumberAttribute(null=True)
    newsletter_source = UnicodeAttribute(null=True)  # "account" (the customer) or "store" (imported)
    updated_at = NumberAttribute(null=True)
    address_count = NumberAttribute(null=True)
    default_shipping = UnicodeAttribute(null=True)  # an address_id of this customer's
    default_billing = UnicodeAttribute(null=True)
    wishlist_count = NumberAttribute(null=True)  # the customer's wish lists (wishlists.storage), at most 20
    registry_count = NumberAttribute(null=True)  # the customer's gift registries (registries.storage), at most 20
