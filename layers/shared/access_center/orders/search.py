"""Order search and filters on the customer's list (API.md section 6): what an entry holds for them, and a
query turned into what the list reads. Pure.

- `q` matches the order number (with or without `#`), any SKU or any product name, case-insensitively:
  every word of it, in any order, each as a substring anywhere in the order ("Yirgacheffe 250" finds
  "Ethiopia Yirgacheffe, 250 g"). It reads the entries' `search` text: the first SEARCH_CHARS characters
  of number, SKUs and names, case-folded (an order of hundreds of long-named lines is searchable by its
  first ones).
- `status` is the store's status (case-insensitive). `fulfilment_status` is one of the three, matched
  against the entry's SHIPPING_FIELD (orders.rules.shipping_filter: the order's one derived shipping
  state, in which a cancelled order with nothing shipped is in none of the three).
- `from` / `to` are days in the store's time zone (its `timezone` setting, as the pages show dates),
  both included: a UTC range on `placed_at`, the entries' key condition.
- `sort=expected_delivery` lists only orders on their way (orders.rules.on_its_way), the nearest
  expected delivery first and those without an estimate last.
- A cursor is bound to its query: `fingerprint` goes into its MAC, so one used with another query is 400.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Final, Literal

from access_center.core.errors import BadRequest
from access_center.core.i18n import N_
from access_center.orders import rules
from access_center.orders.storage import EntryFilter
from access_center.web.locales import time_zone

if TYPE_CHECKING:
    from access_center.orders.shapes import AnyOrder

SEARCH_CHARS = 10_000
Sort = Literal["newest", "expected_delivery"]
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
FIELD_SEPARATOR = "\n"  # between number, SKUs and names: a query's word never spans two
# The list entry's summary key holding orders.rules.shipping_filter (what `fulfilment_status` matches).
SHIPPING_FIELD: Final = "shipping"


def _folded(text: object) -> str:
    return " ".join(str(text).split()).casefold()


def search_text(order: AnyOrder) -> str:
    parts = [_folded(order["number"]).lstrip("#")]
    for item in order["items"]:
        parts.extend((_folded(item.get("sku", "")), _folded(item.get("name", ""))))
    return FIELD_SEPARATOR.join(part for part in parts if part)[:SEARCH_CHARS]


def status_key(order: AnyOrder) -> str:
    return _folded(order["status"])


def delivery_sort(order_id: str, order: AnyOrder) -> str | None:
    """The ByDelivery index's sort key while the order is on its way: the nearest estimate, `~` (after
    every date) without one, then placed_at and the id so that the order is total."""
    if not rules.on_its_way(order):
        return None
    return f"{rules.expected_delivery(order) or '~'}#{order['placed_at']}#{order_id}"


@dataclass(frozen=True)
class OrderQuery:
    q: str | None = None
    status: str | None = None
    fulfilment_status: str | None = None
    placed_from: date | None = None
    placed_to: date | None = None
    sort: Sort = "newest"

    @classmethod
    def of(
        cls,
        q: str | None = None,
        status: str | None = None,
        fulfilment_status: str | None = None,
        placed_from: str | None = None,
        placed_to: str | None = None,
        sort: Literal["newest", "expected_delivery", ""] | None = None,
    ) -> OrderQuery:
        """From the query string: blanks (an empty search box) are absent; bad dates are 400."""
        # Each word is matched on its own (orders.storage), so the order of the words does not matter.
        words = dict.fromkeys(word.lstrip("#") for word in _folded(q or "").split())
        text = " ".join(word for word in words if word) or None
        query = cls(
            q=text,
            status=_folded(status or "") or None,
            fulfilment_status=fulfilment_status or None,
            placed_from=_day(placed_from, "from"),
            placed_to=_day(placed_to, "to"),
            sort=sort or "newest",
        )
        if query.placed_from and query.placed_to and query.placed_from > query.placed_to:
            raise BadRequest(N_("`from` is after `to`."), details=[{"loc": ["query", "from"]}])
        return query

    def is_plain(self) -> bool:
        return self == PLAIN

    def fingerprint(self) -> str:
        """The query as a cursor is bound to it ("" for the plain list, whose cursors stay as they were)."""
        if self.is_plain():
            return ""
        return json.dumps(asdict(self), default=str, sort_keys=True, separators=(",", ":"))

    def entry_filter(self, zone: str) -> EntryFilter:
        until = self.placed_to + timedelta(days=1) if self.placed_to and self.placed_to < date.max else None
        return EntryFilter(
            text=self.q,
            status_key=self.status,
            fulfilment_status=self.fulfilment_status,
            placed_from=_utc_start(self.placed_from, zone) if self.placed_from else None,
            placed_until=_utc_start(until, zone) if until else None,
            by_delivery=self.sort == "expected_delivery",
        )

    def parameters(self) -> dict[str, str]:
        """The query string that asks for this query again (the pages' links keep it)."""
        values = {
            "q": self.q,
            "status": self.status,
            "fulfilment_status": self.fulfilment_status,
            "from": self.placed_from.isoformat() if self.placed_from else None,
            "to": self.placed_to.isoformat() if self.placed_to else None,
            "sort": None if self.sort == "newest" else self.sort,
        }
        return {key: value for key, value in values.items() if value}


def _day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    if _DAY.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:  # 2026-02-30
            pass
    raise BadRequest(N_("`%(name)s` must be a date, like 2026-11-20."), name=name, details=[{"loc": ["query", name]}])


def _utc_start(day: date, zone: str) -> str:
    """The UTC moment `day` begins in `zone`, as the stored `placed_at` strings compare (to the second,
    no `Z`: `order#2026-11-20T00:00:00` sorts before every entry of that second)."""
    try:
        start = datetime.combine(day, time(), time_zone(zone)).astimezone(UTC)
    except OverflowError:  # the first day, east of UTC, begins in year 0
        return "0000-01-01T00:00:00"
    return start.replace(tzinfo=None).isoformat(timespec="seconds")


PLAIN = OrderQuery()  # the whole list, newest first
