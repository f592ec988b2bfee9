"""The Customers table's address items: one per address in a customer's book (sk `address#{id}`), under
the customer's key, so the book is one Query. Which addresses are the defaults is the profile's
(account.items.ProfileItem), not a flag here."""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.models import Model

from access_center.core.config import settings
from access_center.db.connection import ItemMeta

PREFIX = "address#"


class AddressItem(Model):
    class Meta(ItemMeta):
        table_name = settings().customers_table

    pk = UnicodeAttribute(hash_key=True)  # `{store_id}#{email}`, the customer's key
    sk = UnicodeAttribute(range_key=True)  # `address#{address_id}`
    address_id = UnicodeAttribute()
    name = UnicodeAttribute()
    company = UnicodeAttribute(null=True)
    line1 = UnicodeAttribute()
    line2 = UnicodeAttribute(null=True)
    city = UnicodeAttribute(null=True)
    region = UnicodeAttribute(null=True)
    postal_code = UnicodeAttribute(null=True)
    country = UnicodeAttribute()
    phone = UnicodeAttribute(null=True)  # E.164
    created_at = NumberAttribute()
    updated_at = NumberAttribute()
