"""How big an order's item may grow: DynamoDB refuses an item over 400 KB (409,600 bytes), and a refused
write of the order was a 500 for whoever wrote next, the store's own updates included. Everything recorded
after purchase (fulfilments, tracking events, the cancellation request, returns) lives in the order's one
item (orders.logic AFTER_PURCHASE_FIELDS), so every write that makes it grow passes a ceiling here
first, and a write over it is a 409 `conflict` that says so, never a 500 and never a partial write.

The worst case, in DynamoDB's own sizes (UTF-8 bytes of names and strings; `item_bytes`):

- The order as pushed: at most the body limit, 64 KiB (core.config max_body_bytes; its JSON is never
  smaller than its DynamoDB form but for a few bytes per number), e.g. 100 lines of 500-character names.
- The item's other attributes (key, ids, the two list owners of a sticky order, times, version): under
  2,000 bytes. The order map gets ORDER_LIMIT = 400,000 bytes, 9,600 under DynamoDB's limit.
- Customers grow the order by asking (returns: up to 100 lines each with their names as ordered, up to
  1,000 characters of comment = 4,000 bytes; one cancellation request, 1,000 characters). They are held
  to CUSTOMER_LIMIT = 300,000 bytes: past it a request is 409 ("contact the store"). So, whatever
  customers do, the store keeps at least 100,000 bytes for its own writes: the order pushed again at its
  largest (65,536 bytes more than the smallest order at worst), plus its answers to returns (a message
  of 2,000 characters, 8,000 bytes, and a label link of 2,048) and tracking events (200 + 500 characters,
  under 3,000 bytes each).
- Store systems grow it by their own writes (fulfilments, at most 100; tracking events, at most 100 per
  parcel, the oldest go first, tracking.rules; decisions): held to ORDER_LIMIT; past it, 409.
- A write that does not make the order bigger always passes (a return approved, a status changed, the
  same order pushed again), so a full order never locks its store out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from access_center.core.errors import Conflict
from access_center.core.i18n import N_

if TYPE_CHECKING:
    from access_center.orders.shapes import Order

DYNAMODB_ITEM_LIMIT = 409_600
ORDER_LIMIT = 400_000
CUSTOMER_LIMIT = 300_000
CUSTOMER_FULL = N_(
    "This order has no room for more requests here (it holds many returns and details already). "
    "Contact the store instead."
)


def item_bytes(value: object) -> int:
    """DynamoDB's size of a value as stored: strings in UTF-8, numbers about one byte per two digits,
    3 bytes per map or list plus 1 per element, and each map key's own length."""
    if isinstance(value, str):
        return len(value.encode("utf-8", "surrogatepass"))
    if isinstance(value, bool) or value is None:
        return 1
    if isinstance(value, int | float):
        return len(str(value)) // 2 + 2
    if isinstance(value, dict):
        return 3 + sum(item_bytes(key) + 1 + item_bytes(inner) for key, inner in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return 3 + sum(1 + item_bytes(inner) for inner in value)
    return len(str(value).encode("utf-8", "surrogatepass"))


def check(before: Order | None, after: Order, *, limit: int = ORDER_LIMIT, customer: bool = False) -> None:
    """Conflict where `after` (the order to be written) is bigger than `before` and over `limit` bytes.
    A customer is told CUSTOMER_FULL; a store's message names the bytes."""
    size = item_bytes(after)
    if size <= limit or (before is not None and size <= item_bytes(before)):
        return
    details = [{"limit_bytes": limit, "bytes": size}]
    if customer:
        raise Conflict(CUSTOMER_FULL, details=details)
    raise Conflict(
        N_(
            "This order's record would hold %(size)s bytes, over the %(limit)s an order may hold "
            "(with its fulfilments, tracking events, returns and requests). Send less: shorter texts, fewer events."
        ),
        size=f"{size:,}",  # the store API answers in English: its thousands separator
        limit=f"{limit:,}",
        details=details,
    )


def check_customer(before: Order, after: Order | None) -> None:
    """A customer's request (a return, a cancellation request) may take the order only to CUSTOMER_LIMIT."""
    if after is not None:
        check(before, after, limit=CUSTOMER_LIMIT, customer=True)


def check_store(before: Order | None, after: Order | None) -> None:
    """A store system's write may take the order to ORDER_LIMIT."""
    if after is not None:
        check(before, after, limit=ORDER_LIMIT)


def checked_store(before: Order, after: Order | None) -> Order | None:
    """`after`, once check_store has passed it (for the decide functions of orders.changes.change_order)."""
    check_store(before, after)
    return after
