"""The per-store request counters behind the fair share (access_center.web.fair_share): one item per
store in the Codes table, `share#{store_id}`, holding this minute's requests and the minute before's,
so a sliding minute is one UpdateItem away and every container of both APIs adds to the same count."""

from __future__ import annotations

from typing import NamedTuple

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.models import Model

from access_center.core.config import settings
from access_center.db.connection import ItemMeta
from access_center.db.transactions import WriteConflict, conditional

WINDOW_SECONDS = 60


class ShareItem(Model):
    class Meta(ItemMeta):
        table_name = settings().codes_table

    pk = UnicodeAttribute(hash_key=True)  # `share#{store_id}`: a store's count is its own item
    window = NumberAttribute(default=0)  # epoch minute the `hits` are of
    hits = NumberAttribute(default=0)
    previous = NumberAttribute(default=0)  # the minute before `window`'s hits (0 if not adjacent)
    ttl = NumberAttribute()


class WindowTotals(NamedTuple):
    """A store's requests in a minute and in the minute before it, every container's together."""

    hits: int
    previous: int


def share_key(store_id: str) -> str:
    return f"share#{store_id}"


def add_hits(store_id: str, window: int, hits: int) -> WindowTotals:
    """Add `hits` to the store's count of minute `window`; the totals after the add.

    One UpdateItem (ADD) while the item is on this minute; the first add of a new minute moves the
    window with a conditional write (the count moves to `previous` when the minutes are adjacent), and
    a racing mover makes this add land on the moved window (as access_center.db.rates does by the hour)."""
    item = ShareItem(share_key(store_id))
    ttl = (window + 3) * WINDOW_SECONDS  # gone a few minutes after its last use: nothing to clean up
    moves = (
        (ShareItem.window == window, [ShareItem.hits.add(hits)]),
        (ShareItem.window == window - 1,
         [ShareItem.previous.set(ShareItem.hits), ShareItem.hits.set(hits), ShareItem.window.set(window)]),
        (ShareItem.pk.does_not_exist() | (ShareItem.window < window - 1),
         [ShareItem.previous.set(0), ShareItem.hits.set(hits), ShareItem.window.set(window)]),
    )  # fmt: skip
    for _ in range(3):
        for condition, actions in moves:
            try:
                with conditional():
                    item.update(actions=[*actions, ShareItem.ttl.set(ttl)], condition=condition)
            except WriteConflict:
                continue
            return WindowTotals(int(item.hits), int(item.previous or 0))
    # Another container's clock is ahead and keeps moving the item: count nothing shared this time.
    return WindowTotals(hits, 0)
