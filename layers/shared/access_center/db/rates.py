"""Sliding-hour rate limits (per IP for login codes, per customer for messages), and sliding-day ones
(per customer for privacy exports): counters in the Codes table, one item per key, so a limit holds
across every container of every function that checks it."""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.models import Model

from access_center.core.config import settings
from access_center.core.errors import RateLimited
from access_center.db.connection import ItemMeta
from access_center.db.transactions import WriteConflict, conditional

# Per customer and store: each "order again" cart link tells the store's systems (a ReorderStarted event);
# a person fills a cart a few times an hour at most, a script hundreds (access_center.reorder.logic).
REORDERS_PER_HOUR = 10
# Per customer and store: each privacy export reads everything held about the customer (access_center.privacy.export).
EXPORTS_PER_DAY = 5

HOUR, DAY = 3600, 86400


class RateItem(Model):
    class Meta(ItemMeta):
        table_name = settings().codes_table

    pk = UnicodeAttribute(hash_key=True)  # `rate#{kind}#{subject}`
    # A sliding hour from two clock hours: `hour` and its count, and the count of the hour before (a
    # day-window kind keeps its clock day in `hour`: a kind always uses the same window).
    hour = NumberAttribute(default=0)
    hits = NumberAttribute(default=0)
    previous = NumberAttribute(default=0)
    ttl = NumberAttribute()


def count_hit(key: str, hour: int, window: int = HOUR) -> tuple[int, int]:
    """Add one hit to `key` in clock hour `hour` (clock window, of `window` seconds); (this hour's hits,
    the previous hour's).

    One atomic UpdateItem while the item is on this hour (no read-then-write race); the first hit of a
    new hour moves the window with one more conditional write (the count moves to `previous` when the
    hours are adjacent), and a racing mover makes this hit count on the moved window."""
    ttl = (hour + 3) * window
    item = RateItem(key)
    moves = (
        (RateItem.hour == hour, [RateItem.hits.add(1)]),
        (RateItem.hour == hour - 1, [RateItem.previous.set(RateItem.hits), RateItem.hits.set(1), RateItem.hour.set(hour)]),
        (RateItem.pk.does_not_exist() | (RateItem.hour < hour - 1),
         [RateItem.previous.set(0), RateItem.hits.set(1), RateItem.hour.set(hour)]),
    )  # fmt: skip
    for _ in range(3):
        for condition, actions in moves:
            try:
                with conditional():
                    item.update(actions=[*actions, RateItem.ttl.set(ttl)], condition=condition)
            except WriteConflict:
                continue
            return int(item.hits), int(item.previous or 0)
    return int(item.hits or 1), int(item.previous or 0)  # the clock is behind another writer's: count it as now


def check(kind: str, subject: str, limit: int, now: float, message: str | None = None) -> None:
    """RateLimited when one more hit of `subject` would be over `limit`, counting nothing: for budgets
    spent only by what is accepted (`spend` once it is), so a refused request costs nothing. Two
    requests at once may both pass: the budget can be overshot by what runs concurrently."""
    hour, into = divmod(now, 3600)
    try:
        item = RateItem.get(f"rate#{kind}#{subject}", consistent_read=True)
    except RateItem.DoesNotExist:
        return
    stored, counted = int(item.hour or 0), int(item.hits or 0)
    if stored == int(hour):
        hits, previous = counted, int(item.previous or 0)
    else:  # the stored hour is the previous one (or older: nothing of it is in the window)
        hits, previous = 0, counted if stored == int(hour) - 1 else 0
    _refuse(hits + 1, previous, into, limit, message)


def spend(kind: str, subject: str, now: float) -> None:
    """Count one accepted hit of `subject` (see `check`)."""
    count_hit(f"rate#{kind}#{subject}", int(now // 3600))


def throttle(kind: str, subject: str, limit: int, now: float, message: str | None = None, window: int = HOUR) -> None:
    """Count one hit of `subject` (an IP, a customer); RateLimited once it is over `limit` in the last
    hour (or the last `window` seconds: DAY). A sliding hour: this clock hour's hits plus the previous
    hour's, weighted by how much of it still lies within the last 60 minutes (so two budgets never fit
    back to back around :00)."""
    hour, into = divmod(now, window)
    hits, previous = count_hit(f"rate#{kind}#{subject}", int(hour), window)
    _refuse(hits, previous, into, limit, message, window)


def _refuse(hits: int, previous: int, into: float, limit: int, message: str | None, window: int = HOUR) -> None:
    if hits + previous * (1 - into / window) <= limit:
        return
    extra = {"message": message} if message else {}
    if hits >= limit:  # this hour alone is over: at least until it ends
        raise RateLimited(window - into, **extra)
    # until enough of the previous hour has slid out of the window
    raise RateLimited(window * (1 - (limit - hits) / previous) - into, **extra)
