"""Pure rules over the stored order shape (no I/O, property-testable): fulfilment arithmetic, the one
shipping state of each line and of the order (`shipped_quantities`, `line_states`, `fulfilment_status`),
and the one status a customer is shown for an order (`customer_status`, used by the pages and the emails).

The shipping state: one per line, from the store's status and its fulfilment records together.

A. Fulfilment records decide where any exist (cancelled ones do not count): a line has shipped as much
   as its records say, and no more, whatever the store's status says.
B. Where an order has none, a store status of `shipped`, `delivered`, `returned` or `refunded`
   (SHIPPED_BY_STATUS) counts every line as shipped: a store loading its history, or one that sends no
   parcels, still says what happened. Any other status counts nothing as shipped.
C. The order's `fulfilment_status` (the API's, the list filter's, the badge's) is the sum of its lines.
   The one exception, in the list's "Shipping" filter only (`shipping_filter`): a cancelled order with
   nothing shipped is neither "Shipped" nor "Not shipped yet": nothing is waiting to ship.
D. Returns (returns.rules), cancellations (cancellations.rules), the order view's `fulfilled_quantity`,
   the order page's per-line state and the emails all read these counts, never the records alone.

The customer status: one answer, never two that contradict each other.

1. The store's closing statuses (`cancelled`, `refunded`, `returned`) are final: they are the status,
   nothing more is to ship, and no page or email promises a shipment or a shipping email.
2. Otherwise the status follows the shipping state: not shipped < partly shipped < shipped, and
   "Delivered" once everything has shipped and the store says `delivered`. A store's `shipped` or
   `delivered` never hides a line its records leave unshipped: an order whose grinder never shipped is
   "Partly shipped", whatever the store's status. Below the shipped rung, the store's own word names
   the status (`pending`, `processing` or a store-defined label such as `awaiting_stock`), since it
   says more than "not shipped".
3. Each line says what happened to it (`line_states`): shipped, how many of how many, not yet shipped,
   or, in a closed order, returned, refunded or cancelled.
4. The outlook (one or two sentences on what happens next) promises an email only where the store
   sends shipping updates (`shipping_update_email`). Where the lines count as shipped on the store's
   word alone (rule B) the outlook says it is the store's ("The store has marked this order as
   shipped."): no shipment is listed below it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from access_center.core.errors import Conflict, Unprocessable
from access_center.core.i18n import N_, NP_, _, pgettext

if TYPE_CHECKING:
    from access_center.orders.shapes import AnyOrder, Fulfilment, FulfilmentLine

UNFULFILLED, PARTIALLY_FULFILLED, FULFILLED = "unfulfilled", "partially_fulfilled", "fulfilled"
# A cancelled fulfilment releases its quantities back to the order.
RELEASING_STATUSES = frozenset({"cancelled"})
# Rule B: with no fulfilment record, these store statuses count every line as shipped.
SHIPPED_BY_STATUS = frozenset({"shipped", "delivered", "returned", "refunded"})
NOTHING_TO_SHIP = "none"  # the list's shipping filter value of a cancelled order with nothing shipped


def counts(fulfilment: Fulfilment) -> bool:
    return fulfilment.get("status") not in RELEASING_STATUSES


def fulfilled_quantities(order: AnyOrder, *, excluding: str | None = None) -> dict[str, int]:
    """Per line, what the fulfilment records hold (uncapped): what a new fulfilment may still cover.
    What the customer is shown as shipped is `shipped_quantities`."""
    done = {item["line_id"]: 0 for item in order["items"]}
    for fulfilment in order.get("fulfilments") or ():
        if fulfilment["fulfilment_id"] == excluding or not counts(fulfilment):
            continue
        for line in fulfilment["items"]:
            done[line["line_id"]] = done.get(line["line_id"], 0) + int(line["quantity"])
    return done


def status_word(order: AnyOrder) -> str:
    """The store's status of the order, as the rules compare it."""
    return str(order.get("status", "")).strip().lower()


def has_records(order: AnyOrder) -> bool:
    """Whether the order has a fulfilment record that counts (rule A decides, not the status)."""
    return any(counts(f) for f in order.get("fulfilments") or ())


def shipped_by_word(order: AnyOrder) -> bool:
    """Whether the lines count as shipped on the store's status alone (rule B): no record to show."""
    return not has_records(order) and status_word(order) in SHIPPED_BY_STATUS


def shipped_quantities(order: AnyOrder) -> dict[str, int]:
    """The one per-line shipped count (rules A and B of the module's docstring), capped at each line's
    quantity."""
    if shipped_by_word(order):
        return {item["line_id"]: int(item["quantity"]) for item in order["items"]}
    done = fulfilled_quantities(order)
    return {item["line_id"]: min(done[item["line_id"]], int(item["quantity"])) for item in order["items"]}


def fulfilment_status(order: AnyOrder) -> str:
    """unfulfilled | partially_fulfilled | fulfilled, from `shipped_quantities` (rule C)."""
    done = shipped_quantities(order)
    ordered = sum(int(item["quantity"]) for item in order["items"])
    shipped = sum(done.values())
    if shipped == 0:
        return UNFULFILLED
    return FULFILLED if shipped >= ordered else PARTIALLY_FULFILLED


def shipping_filter(order: AnyOrder) -> str:
    """What the list's "Shipping" filter matches this order by: its `fulfilment_status`, except that a
    cancelled order with nothing shipped is NOTHING_TO_SHIP, in none of the filter's three choices."""
    state = fulfilment_status(order)
    if state == UNFULFILLED and status_word(order) == "cancelled":
        return NOTHING_TO_SHIP
    return state


def resolve_lines(
    order: AnyOrder, fulfilment_id: str, requested: Iterable[FulfilmentLine] | None
) -> list[FulfilmentLine]:
    """The lines a fulfilment covers: as requested, or (omitted) all that remains.

    Remaining is computed without this fulfilment's own earlier lines, so replaying the same body
    resolves to the same lines.
    """
    done = fulfilled_quantities(order, excluding=fulfilment_id)
    remaining = {item["line_id"]: int(item["quantity"]) - done[item["line_id"]] for item in order["items"]}
    if requested is None:
        lines: list[FulfilmentLine] = [
            {"line_id": line_id, "quantity": left} for line_id, left in remaining.items() if left > 0
        ]
        if not lines:
            raise Conflict(N_("Every line of this order is already fulfilled."))
        return lines
    lines = []
    for line in requested:
        line_id, quantity = line["line_id"], int(line["quantity"])
        if line_id not in remaining:
            raise Unprocessable(
                N_("Order has no line %(line_id)s."), line_id=repr(line_id), details=[{"line_id": line_id}]
            )
        if quantity > remaining[line_id]:
            raise Conflict(
                N_("Line %(line_id)s has %(remaining)s left to fulfil; %(requested)s requested."),
                line_id=repr(line_id),
                remaining=max(remaining[line_id], 0),
                requested=quantity,
                details=[{"line_id": line_id, "remaining": max(remaining[line_id], 0), "requested": quantity}],
            )
        lines.append({"line_id": line_id, "quantity": quantity})
    return lines


def check_items_cover_fulfilments(order: AnyOrder, new_items: Iterable[FulfilmentLine]) -> None:
    """An order update may not shrink a line below what has already shipped."""
    quantities = {item["line_id"]: int(item["quantity"]) for item in new_items}
    for line_id, done in fulfilled_quantities(order).items():
        if done and quantities.get(line_id, 0) < done:
            raise Conflict(
                N_("Line %(line_id)s already has %(fulfilled)s fulfilled; the update would leave %(left)s."),
                line_id=repr(line_id),
                fulfilled=done,
                left=quantities.get(line_id, 0),
                details=[{"line_id": line_id, "fulfilled": done}],
            )


# ------------------------------------------------------------------------------ what the customer sees
NOT_SHIPPED, PARTLY_SHIPPED, SHIPPED, DELIVERED = "not_shipped", "partly_shipped", "shipped", "delivered"
_BY_SHIPMENTS = {UNFULFILLED: NOT_SHIPPED, PARTIALLY_FULFILLED: PARTLY_SHIPPED, FULFILLED: SHIPPED}
# Every text below is a marked constant (N_), translated when the status is built (`_()` at call time:
# a page or an email has set its language by then), so the pages and emails show it as they get it.
# An order's status and a line's state are badges other languages inflect apart (an order, an item):
# each in its own context (NP_), translated with pgettext.
_LABELS = {
    PARTLY_SHIPPED: NP_("order status", "Partly shipped"),
    SHIPPED: NP_("order status", "Shipped"),
    DELIVERED: NP_("order status", "Delivered"),
}
# The statuses the product itself knows below the shipped rung; a store's own word stays as it wrote it.
_KNOWN_WORDS = {"pending": NP_("order status", "Pending"), "processing": NP_("order status", "Processing")}
NOT_SHIPPED_LABEL = NP_("order status", "Not shipped yet")
# The store's final word: (label, outlook with nothing shipped, outlook once something shipped).
_CLOSED = {
    "cancelled": (NP_("order status", "Cancelled"), N_("This order was cancelled, so nothing will ship."), N_("This order was cancelled: nothing more will ship.")),
    "refunded": (NP_("order status", "Refunded"), N_("This order was refunded, so nothing will ship."), N_("This order was refunded: nothing more will ship.")),
    "returned": (NP_("order status", "Returned"), N_("This order was returned."), N_("This order was returned.")),
}  # fmt: skip
# The outlook: one whole text per case (with or without the promise of an email), so a translation
# may join its sentences as its language does.
_OUTLOOKS = {
    (NOT_SHIPPED, True): N_("Nothing has shipped yet. We will email you when it does."),
    (NOT_SHIPPED, False): N_("Nothing has shipped yet."),
    (PARTLY_SHIPPED, True): N_("Part of this order has shipped. We will email you when the rest does."),
    (PARTLY_SHIPPED, False): N_("Part of this order has shipped."),
}
# Rule 4: lines counted as shipped on the store's word alone; no shipment is listed below it.
_BY_WORD = {
    SHIPPED: N_("The store has marked this order as shipped."),
    DELIVERED: N_("The store has marked this order as delivered."),
}


@dataclass(frozen=True)
class CustomerStatus:
    key: str  # not_shipped | partly_shipped | shipped | delivered | cancelled | refunded | returned
    label: str  # the one status shown, in the current language: "Processing", "Partly shipped", ...
    outlook: str  # what happens next, true for this status (in the current language)
    more_to_ship: bool


def status_label(value: str) -> str:
    """A store's status as a label: a status the product knows in the current language, another as the
    store wrote it: `awaiting_stock` -> "Awaiting stock"."""
    known = _KNOWN_WORDS.get(value.strip().lower())
    return pgettext(*known) if known is not None else value.replace("_", " ").strip().capitalize()


def customer_status(
    status: str, fulfilment: str, *, by_word: bool = False, shipping_emails: bool = True
) -> CustomerStatus:
    """The one status a customer is shown for an order: the store's `status` and the order's derived
    `fulfilment_status` (unfulfilled | partially_fulfilled | fulfilled), by the rules in this module's
    docstring. `by_word`: the lines count as shipped on the store's status alone (`shipped_by_word`).
    Its texts are in the current language (core.i18n)."""
    shipped_any = fulfilment != UNFULFILLED
    store_word = status.strip().lower()
    if store_word in _CLOSED:
        label, nothing, something = _CLOSED[store_word]
        return CustomerStatus(store_word, pgettext(*label), _(something if shipped_any else nothing), False)
    key = _BY_SHIPMENTS.get(fulfilment, NOT_SHIPPED)
    if key == NOT_SHIPPED:
        outlook = _(_OUTLOOKS[key, shipping_emails])
        return CustomerStatus(key, status_label(status) or pgettext(*NOT_SHIPPED_LABEL), outlook, True)
    if key == PARTLY_SHIPPED:
        return CustomerStatus(key, pgettext(*_LABELS[key]), _(_OUTLOOKS[key, shipping_emails]), True)
    if store_word == DELIVERED:
        key = DELIVERED
    if by_word:  # no shipment is listed: say whose word it is
        outlook = _(_BY_WORD[key])
    else:
        outlook = (
            _("This order has been delivered.") if key == DELIVERED else _("Everything in this order has shipped.")
        )
    return CustomerStatus(key, pgettext(*_LABELS[key]), outlook, False)


def order_status(order: AnyOrder, *, shipping_emails: bool = True) -> CustomerStatus:
    """`customer_status` of a whole stored order (or its view)."""
    return customer_status(
        str(order["status"]), fulfilment_status(order), by_word=shipped_by_word(order), shipping_emails=shipping_emails
    )


# ------------------------------------------------------------------------------ on its way
def on_its_way(order: AnyOrder) -> bool:
    """Whether the order is still coming to the customer: not closed by the store (rule 1), not marked
    delivered, and not every line shipped in parcels that all arrived."""
    store_word = status_word(order)
    if store_word in _CLOSED or store_word == "delivered":
        return False
    parcels = [f for f in order.get("fulfilments") or () if counts(f)]
    # Shipped on the store's word alone (no parcel to follow) is on its way until it says delivered.
    arrived = bool(parcels) and all(f.get("tracking_status") == "delivered" for f in parcels)
    return not (fulfilment_status(order) == FULFILLED and arrived)


def expected_delivery(order: AnyOrder) -> str | None:
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
