"""The Returns table's item: one return, keyed `{store_id}#{return_id}`, so a store system addresses it
by its id alone; the return itself lives in its order (the order's version guards what may be returned),
and this item, written in the same transaction whenever the return changes, is its index: by id, and
by store and status, newest first (the table's two indexes)."""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import MapAttribute, UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from access_center.core.config import settings
from access_center.db.connection import ItemMeta


class ByStatus(GlobalSecondaryIndex["ReturnItem"]):
    class Meta:
        index_name = "ByStatus"
        projection = AllProjection()

    status_key = UnicodeAttribute(hash_key=True)  # `{store_id}#{status}`
    listed_at = UnicodeAttribute(range_key=True)  # `{requested_at}#{return_id}`: newest last


class ByStore(GlobalSecondaryIndex["ReturnItem"]):
    class Meta:
        index_name = "ByStore"
        projection = AllProjection()

    store_id = UnicodeAttribute(hash_key=True)
    listed_at = UnicodeAttribute(range_key=True)


class ReturnItem(Model):
    class Meta(ItemMeta):
        table_name = settings().returns_table

    pk = UnicodeAttribute(hash_key=True)
    store_id = UnicodeAttribute()
    order_id = UnicodeAttribute()
    status_key = UnicodeAttribute()
    listed_at = UnicodeAttribute()
    # The return as answered (returns.models.Return), so a store's list needs no order reads.
    data = MapAttribute[str, Any]()
    by_status = ByStatus()
    by_store = ByStore()
