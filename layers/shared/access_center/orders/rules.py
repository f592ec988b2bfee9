"""Fulfilment arithmetic: pure functions over the stored order shape (no I/O, property-testable)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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
