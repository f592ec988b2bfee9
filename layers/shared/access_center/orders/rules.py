"""Pure rules over the stored order shape (no I/O, property-testable): fulfilment arithmetic, and the
one status a customer is shown for an order (`customer_status`, used by the pages and the emails).

The customer status: one answer, never two that contradict each other.

1. The store's closing statuses (`cancelled`, `refunded`, `returned`) are final: they are the status,
   nothing more is to ship, and no page or email promises a shipment or a shipping email.
2. Otherwise the status is the furthest along of what the store says and what its shipments show, on
   one ladder: not shipped < partly shipped < shipped < delivered. The store's `shipped` and `delivered`
   are rungs, and so are the shipments' `partially_fulfilled` and `fulfilled` (cancelled shipments do
   not count). Below the shipped rung, the store's own word names the status (`pending`, `processing`
   or a store-defined label such as `awaiting_stock`), since it says more than "not shipped".
   So a store that sets `delivered` without posting shipments shows "Delivered" (never "Not shipped
   yet"), and one that says `shipped` while its shipments cover part of the order shows "Shipped"
   (never "Partly shipped" beside it).
3. The per-line shipped counts come from the shipments, so they are shown only where the shipments
   reach the status (`shipments_tell_all`); where the store's word is ahead, counts like "0 of 2" would
   contradict it.
4. The outlook (one or two sentences on what happens next) promises an email only where the store
   sends shipping updates (`shipping_update_email`). Where the store's word is ahead of its shipments
   the outlook says it is the store's ("The store has marked this order as shipped."), not that
   everything has shipped: the shipments listed below it may not cover every line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from access_center.core.errors import Conflict, Unprocessable

UNFULFILLED, PARTIALLY_FULFILLED, FULFILLED = "unfulfilled", "partially_fulfilled", "fulfilled"
# A cancelled fulfilment releases its quantities back to the order.
RELEASING_STATUSES = frozenset({"cancelled"})

Order = Mapping[str, Any]


def counts(fulfilment: Mapping[str, Any]) -> bool:
    return fulfilment.get("status") not in RELEASING_STATUSES


def fulfilled_quantities(order: Order, *, excluding: str | None = None) -> dict[str, int]:
    done = {item["line_id"]: 0 for item in order["items"]}
    for fulfilment in order.get("fulfilments") or ():
        if fulfilment["fulfilment_id"] == excluding or not counts(fulfilment):
            continue
        for line in fulfilment["items"]:
            done[line["line_id"]] = done.get(line["line_id"], 0) + int(line["quantity"])
    return done


def fulfilment_status(order: Order) -> str:
    done = fulfilled_quantities(order)
    ordered = sum(int(item["quantity"]) for item in order["items"])
    shipped = sum(min(done[item["line_id"]], int(item["quantity"])) for item in order["items"])
    if shipped == 0:
        return UNFULFILLED
    return FULFILLED if shipped >= ordered else PARTIALLY_FULFILLED


def resolve_lines(
    order: Order, fulfilment_id: str, requested: Iterable[Mapping[str, Any]] | None
) -> list[dict[str, Any]]:
    """The lines a fulfilment covers: as requested, or (omitted) all that remains.

    Remaining is computed without this fulfilment's own earlier lines, so replaying the same body
    resolves to the same lines.
    """
    done = fulfilled_quantities(order, excluding=fulfilment_id)
    remaining = {item["line_id"]: int(item["quantity"]) - done[item["line_id"]] for item in order["items"]}
    if requested is None:
        lines = [{"line_id": line_id, "quantity": left} for line_id, left in remaining.items() if left > 0]
        if not lines:
            raise Conflict("Every line of this order is already fulfilled.")
        return lines
    lines = []
    for line in requested:
        line_id, quantity = line["line_id"], int(line["quantity"])
        if line_id not in remaining:
            raise Unprocessable(f"Order has no line {line_id!r}.", details=[{"line_id": line_id}])
        if quantity > remaining[line_id]:
            raise Conflict(
                f"Line {line_id!r} has {max(remaining[line_id], 0)} left to fulfil; {quantity} requested.",
                details=[{"line_id": line_id, "remaining": max(remaining[line_id], 0), "requested": quantity}],
            )
        lines.append({"line_id": line_id, "quantity": quantity})
    return lines


def check_items_cover_fulfilments(order: Order, new_items: Iterable[Mapping[str, Any]]) -> None:
    """An order update may not shrink a line below what has already shipped."""
    quantities = {item["line_id"]: int(item["quantity"]) for item in new_items}
    for line_id, done in fulfilled_quantities(order).items():
        if done and quantities.get(line_id, 0) < done:
            raise Conflict(
                f"Line {line_id!r} already has {done} fulfilled; the update would leave {quantities.get(line_id, 0)}.",
                details=[{"line_id": line_id, "fulfilled": done}],
            )


# ------------------------------------------------------------------------------ what the customer sees
NOT_SHIPPED, PARTLY_SHIPPED, SHIPPED, DELIVERED = "not_shipped", "partly_shipped", "shipped", "delivered"
_LADDER = (NOT_SHIPPED, PARTLY_SHIPPED, SHIPPED, DELIVERED)
_BY_SHIPMENTS = {UNFULFILLED: NOT_SHIPPED, PARTIALLY_FULFILLED: PARTLY_SHIPPED, FULFILLED: SHIPPED}
_BY_STORE = {"shipped": SHIPPED, "delivered": DELIVERED}
_LABELS = {PARTLY_SHIPPED: "Partly shipped", SHIPPED: "Shipped", DELIVERED: "Delivered"}
# The store's final word: (label, outlook with nothing shipped, outlook once something shipped).
_CLOSED = {
    "cancelled": ("Cancelled", "This order was cancelled, so nothing will ship.", "This order was cancelled: nothing more will ship."),
    "refunded": ("Refunded", "This order was refunded, so nothing will ship.", "This order was refunded: nothing more will ship."),
    "returned": ("Returned", "This order was returned.", "This order was returned."),
}  # fmt: skip


@dataclass(frozen=True)
class CustomerStatus:
    key: str  # not_shipped | partly_shipped | shipped | delivered | cancelled | refunded | returned
    label: str  # the one status shown: "Processing", "Partly shipped", "Delivered", "Cancelled", ...
    outlook: str  # what happens next, true for this status
    more_to_ship: bool
    shipments_tell_all: bool  # the per-line shipped counts agree with the status


def status_label(value: str) -> str:
    """A store's status as a label: `awaiting_stock` -> "Awaiting stock"."""
    return value.replace("_", " ").strip().capitalize()


def customer_status(status: str, fulfilment: str, *, shipping_emails: bool = True) -> CustomerStatus:
    """The one status a customer is shown for an order: the store's `status` and the shipments'
    `fulfilment` (unfulfilled | partially_fulfilled | fulfilled), by the rule in this module's docstring."""
    shipped_any = fulfilment != UNFULFILLED
    store_word = status.strip().lower()
    if store_word in _CLOSED:
        label, nothing, something = _CLOSED[store_word]
        return CustomerStatus(store_word, label, something if shipped_any else nothing, False, True)
    by_shipments = _BY_SHIPMENTS.get(fulfilment, NOT_SHIPPED)
    key = max(by_shipments, _BY_STORE.get(store_word, NOT_SHIPPED), key=_LADDER.index)
    if key == NOT_SHIPPED:
        outlook = "Nothing has shipped yet." + (" We will email you when it does." if shipping_emails else "")
        return CustomerStatus(key, status_label(status) or "Not shipped yet", outlook, True, True)
    if key == PARTLY_SHIPPED:
        outlook = "Part of this order has shipped." + (
            " We will email you when the rest does." if shipping_emails else ""
        )
        return CustomerStatus(key, _LABELS[key], outlook, True, True)
    if by_shipments != SHIPPED:  # the store is ahead of the shipments it posted: say whose word it is
        outlook = f"The store has marked this order as {_LABELS[key].lower()}."
    else:
        outlook = "This order has been delivered." if key == DELIVERED else "Everything in this order has shipped."
    return CustomerStatus(key, _LABELS[key], outlook, False, by_shipments == SHIPPED)


# ------------------------------------------------------------------------------ on its way
def on_its_way(order: Order) -> bool:
    """Whether the order is still coming to the customer: not closed by the store (rule 1), not marked
    delivered, and not every line shipped in parcels that all arrived."""
    store_word = str(order["status"]).strip().lower()
    if store_word in _CLOSED or store_word == "delivered":
        return False
    parcels = [f for f in order.get("fulfilments") or () if counts(f)]
    arrived = all(f.get("tracking_status") == "delivered" for f in parcels)
    return not (fulfilment_status(order) == FULFILLED and arrived)


def expected_delivery(order: Order) -> str | None:
    """The nearest estimate among the order's parcels still on their way (None: no estimate, or the
    order is no longer on its way). Estimates are the stored UTC timestamps, so the earliest sorts first."""
    if not on_its_way(order):
        return None
    estimates = [
        str(f["estimated_delivery"])
        for f in order.get("fulfilments") or ()
        if counts(f) and f.get("estimated_delivery") and f.get("tracking_status") != "delivered"
    ]
    return min(estimates, default=None)
