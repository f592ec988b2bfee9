"""What happened to each line of an order (rule 3 of orders.rules: one shipping state per line, the
same on the order page and in the emails), its label in the current language.

A line's words are its own (context `order line`): other languages inflect "Shipped" for an item apart
from an order's badge (orders.rules)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from access_center.core.i18n import NP_, ngettext, pgettext
from access_center.orders.rules import (
    DELIVERED,
    NOT_SHIPPED,
    PARTLY_SHIPPED,
    SHIPPED,
    shipped_quantities,
    status_word,
)

if TYPE_CHECKING:
    from access_center.orders.shapes import AnyOrder

_LABELS = {SHIPPED: NP_("order line", "Shipped"), DELIVERED: NP_("order line", "Delivered")}


@dataclass(frozen=True)
class LineState:
    """What happened to one line (rule 3): `key` is shipped | delivered | partly_shipped | not_shipped |
    returned | refunded | cancelled; `label` says so in the current language; `waiting` is how many are
    still to ship (0 in a closed order)."""

    line_id: str
    quantity: int
    shipped: int
    key: str
    label: str
    waiting: int


def _line_state(line_id: str, quantity: int, shipped: int, store_word: str) -> LineState:
    """The line's state, its label in the current language. The counted labels take the shipped count
    as their plural's number (a translation's participle may agree with it)."""
    rest = quantity - shipped
    counted = {"shipped": shipped, "quantity": quantity, "rest": rest}
    if store_word == "refunded":
        return LineState(line_id, quantity, shipped, "refunded", pgettext("order line", "Refunded"), 0)
    if store_word == "returned":
        if shipped == 0:
            # Translators: a line of a returned order, none of which had shipped.
            return LineState(line_id, quantity, shipped, "not_shipped", pgettext("order line", "Never shipped"), 0)
        label = (
            pgettext("order line", "Returned")
            if rest == 0
            else ngettext(
                "%(shipped)s of %(quantity)s returned; the rest never shipped",
                "%(shipped)s of %(quantity)s returned; the rest never shipped",
                shipped,
            )
            % counted
        )
        return LineState(line_id, quantity, shipped, "returned", label, 0)
    if store_word == "cancelled":
        if shipped == 0:
            return LineState(line_id, quantity, shipped, "cancelled", pgettext("order line", "Cancelled"), 0)
        label = (
            pgettext("order line", "Shipped")
            if rest == 0
            else ngettext(
                "%(shipped)s of %(quantity)s shipped, %(rest)s cancelled",
                "%(shipped)s of %(quantity)s shipped, %(rest)s cancelled",
                shipped,
            )
            % counted
        )
        return LineState(line_id, quantity, shipped, SHIPPED, label, 0)
    if rest == 0:
        key = DELIVERED if store_word == DELIVERED else SHIPPED
        return LineState(line_id, quantity, shipped, key, pgettext(*_LABELS[key]), 0)
    if shipped == 0:
        return LineState(line_id, quantity, shipped, NOT_SHIPPED, pgettext("order line", "Not yet shipped"), rest)
    label = ngettext("%(shipped)s of %(quantity)s shipped", "%(shipped)s of %(quantity)s shipped", shipped) % counted
    return LineState(line_id, quantity, shipped, PARTLY_SHIPPED, label, rest)


def line_states(order: AnyOrder) -> dict[str, LineState]:
    """{line_id: what happened to that line}, from `shipped_quantities` and the store's status."""
    done = shipped_quantities(order)
    word = status_word(order)
    return {
        item["line_id"]: _line_state(item["line_id"], int(item["quantity"]), done[item["line_id"]], word)
        for item in order["items"]
    }
