"""The Products table's item: one product of one store, keyed `{store_id}#{sku}` like the Orders table
(a store id has no `#`, so the key is unambiguous whatever the SKU holds)."""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.models import Model

from access_center.core.config import settings
from access_center.db.connection import ItemMeta


class ProductItem(Model):
    class Meta(ItemMeta):
        table_name = settings().products_table

    pk = UnicodeAttribute(hash_key=True)
    store_id = UnicodeAttribute()
    sku = UnicodeAttribute()
    name = UnicodeAttribute()
    unit_price = NumberAttribute()
    currency = UnicodeAttribute()
    available = BooleanAttribute()
    in_stock = BooleanAttribute()
    allow_backorder = BooleanAttribute()
    image_url = UnicodeAttribute(null=True)
    url = UnicodeAttribute(null=True)
    updated_at = UnicodeAttribute()
