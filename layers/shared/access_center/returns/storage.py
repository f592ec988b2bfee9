"""The Returns table: each return's index item (returns.items). The return itself is written into its
order by orders.changes.change_order; the index item goes in the same transaction (its `writes`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pynamodb.indexes import GlobalSecondaryIndex

from access_center.returns.items import ReturnItem

if TYPE_CHECKING:
    from access_center.returns.shapes import Return


def key(store_id: str, return_id: str) -> str:
    return f"{store_id}#{return_id}"


def index_item(store_id: str, order_id: str, answered: Return) -> ReturnItem:
    return ReturnItem(
        key(store_id, answered["return_id"]),
        store_id=store_id,
        order_id=order_id,
        status_key=f"{store_id}#{answered['status']}",
        listed_at=f"{answered['requested_at']}#{answered['return_id']}",
        data=answered,
    )


def order_of(store_id: str, return_id: str) -> str | None:
    """The order a return belongs to (None: the store has no such return)."""
    try:
        return str(ReturnItem.get(key(store_id, return_id), consistent_read=True).order_id)
    except ReturnItem.DoesNotExist:
        return None


@dataclass
class ReturnIndexPage:
    returns: list[Return]
    last: str | None  # `listed_at` of the oldest return shown
    more: bool


def page(store_id: str, status: str | None, limit: int, after: str | None) -> ReturnIndexPage:
    """One page of the store's returns, newest first, older than `after` (a `listed_at`): one Query of
    an index, `limit + 1` items (the extra one only tells whether another page exists)."""
    index: GlobalSecondaryIndex[ReturnItem]
    if status:
        index, hash_name, hash_value = ReturnItem.by_status, "status_key", f"{store_id}#{status}"
    else:
        index, hash_name, hash_value = ReturnItem.by_store, "store_id", store_id
    start = None
    if after:
        return_id = after.rpartition("#")[2]
        start = {
            "pk": {"S": key(store_id, return_id)},
            hash_name: {"S": hash_value},
            "listed_at": {"S": after},
        }
    found = list(index.query(hash_value, scan_index_forward=False, limit=limit + 1, last_evaluated_key=start))
    shown = found[:limit]
    return ReturnIndexPage(
        [item.data.as_dict() for item in shown], shown[-1].listed_at if shown else None, len(found) > limit
    )
