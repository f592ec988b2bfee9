"""The Orders item (`{store_id}#{order_id}`, streamed) and the Customers table's items: the first-created
contact, each customer's order-list entries, and sticky browser sessions."""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import (
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
    VersionAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from access_center.core.config import settings
from access_center.db.connection import ItemMeta

_cfg = settings()


class OrderItem(Model):
    class Meta(ItemMeta):
        table_name = _cfg.orders_table

    pk = UnicodeAttribute(hash_key=True)
    store_id = UnicodeAttribute()
    order_id = UnicodeAttribute()
    # The order exactly as the store sent it (validated), plus `fulfilments`.
    order = MapAttribute[str, Any]()
    # Every email whose order list shows this order (the placing email, plus a sticky contact's).
    listed_for = UnicodeSetAttribute()
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    version = VersionAttribute()


class ContactItem(Model):
    class Meta(ItemMeta):
        table_name = _cfg.customers_table

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    # Sortable "first created" rank: `{created_at}#{contact_id}`; the lowest wins.
    rank = UnicodeAttribute()
    contact_id = UnicodeAttribute(null=True)
    name = UnicodeAttribute()


class ByDelivery(GlobalSecondaryIndex["OrderEntryItem"]):
    """A customer's orders still on their way, nearest expected delivery first (sparse: only entries
    with a `delivery_sort` are in it)."""

    class Meta:
        index_name = "ByDelivery"
        projection = AllProjection()

    pk = UnicodeAttribute(hash_key=True)
    delivery_sort = UnicodeAttribute(range_key=True)


class OrderEntryItem(Model):
    class Meta(ItemMeta):
        table_name = _cfg.customers_table

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)  # `order#{placed_at}#{order_id}`: the date range is a key condition
    summary = MapAttribute[str, Any]()
    # What the list's filters read (orders.logic.listing): the order's number, SKUs and product names
    # case-folded, and its status case-folded.
    search = UnicodeAttribute(null=True)
    status_key = UnicodeAttribute(null=True)
    # `{expected delivery or ~}#{placed_at}#{order_id}` while the order is on its way; absent otherwise.
    delivery_sort = UnicodeAttribute(null=True)
    by_delivery = ByDelivery()


class BrowserSessionItem(Model):
    class Meta(ItemMeta):
        table_name = _cfg.customers_table

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    email = UnicodeAttribute()
    # The claim's end (checked on every claim) and the table's TTL attribute (cleans up after it).
    expires_at = NumberAttribute(null=True)
    ttl = NumberAttribute(null=True)
