"""When a customer may ask to cancel an order, and what a store's decision does to it. Pure: no
storage, no HTTP (cancellations.logic reads and writes; the routes map Conflict to 409).

- The store must have switched cancellations on (`cancellations_enabled`, default off).
- Only until anything has shipped, by the order's one shipping state (orders.rules.shipped_quantities:
  a fulfilment that is not cancelled, with any quantity, or, with none, a store status of shipped).
- Not for an order the store has already closed (cancelled, returned, refunded, delivered).
- One request per order: asking again while it is open answers the same request (a double click
  creates one); once the store has decided, that decision stands.
- The store decides only an open request; sending the same decision again changes nothing. An
  approval cancels the order (`status` becomes `cancelled`, as customers and the list see it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from access_center.core.errors import Conflict
from access_center.core.i18n import N_
from access_center.orders.rules import shipped_quantities

if TYPE_CHECKING:
    from access_center.orders.shapes import AnyOrder, Cancellation, Decision, Order

CLOSED_STATUSES = frozenset({"cancelled", "returned", "refunded", "delivered"})
OPEN: Final = "requested"
# One whole sentence per state (a status word dropped into a sentence cannot agree with it in French or
# Spanish): what the customer reads when asking to cancel.
_DECIDED = {
    "approved": N_("The store has already approved the cancellation of this order."),
    "declined": N_("The store has already declined the cancellation of this order."),
}
_CLOSED = {
    "cancelled": N_("This order is cancelled: there is nothing to cancel."),
    "returned": N_("This order was returned: there is nothing to cancel."),
    "refunded": N_("This order was refunded: there is nothing to cancel."),
    "delivered": N_("This order was delivered: there is nothing to cancel."),
}


def refused(order: AnyOrder, enabled: bool) -> Conflict | None:
    """Why this order cannot get a new cancellation request now (None: it can), as the error to raise."""
    current = order.get("cancellation")
    if current is not None and current["status"] != OPEN:
        return Conflict(_DECIDED.get(current["status"], N_("The store has already answered the cancellation request.")))
    if not enabled:
        return Conflict(N_("This store does not take cancellation requests here. Contact the store to cancel."))
    closed = str(order["status"]).lower()
    if closed in CLOSED_STATUSES:
        return Conflict(_CLOSED[closed])
    shipped = shipped_quantities(order)
    if not any(shipped.values()):
        return None
    if all(shipped[i["line_id"]] >= int(i["quantity"]) for i in order["items"]):
        return Conflict(
            N_("This order has shipped, so it can no longer be cancelled. You can return it once it arrives.")
        )
    return Conflict(
        N_("Part of this order has shipped, so it can no longer be cancelled. You can return it once it arrives.")
    )


def refusal(order: AnyOrder, enabled: bool) -> str | None:
    """Why this order cannot get a new cancellation request now (None: it can), in the current language."""
    error = refused(order, enabled)
    return None if error is None else error.translated()


def can_request(order: AnyOrder, enabled: bool) -> bool:
    """Whether the order page offers the form: allowed and not asked already."""
    return order.get("cancellation") is None and refusal(order, enabled) is None


def requested(order: Order, enabled: bool, reason: str | None, now: str, acted_by: str | None = None) -> Order | None:
    """The order with a new request, or None where the open one already stands (nothing to write).
    `acted_by`: the member who asked on a colleague's order (API.md section 11)."""
    current = order.get("cancellation")
    if current is not None and current["status"] == OPEN:
        return None
    why = refused(order, enabled)
    if why is not None:
        raise why
    request: Cancellation = {"status": OPEN, "requested_at": now}
    if reason:
        request["reason"] = reason
    if acted_by:
        request["acted_by"] = acted_by
    return {**order, "cancellation": request}


def decided(order: Order, decision: Decision, message: str | None, now: str) -> Order | None:
    """The order with the store's decision, or None where that decision is already recorded."""
    current = order.get("cancellation")
    if current is None:
        raise Conflict(N_("The customer has not asked to cancel this order."))
    if current["status"] != OPEN:
        if current["status"] == decision and current.get("message") == message:
            return None
        raise Conflict(N_("This cancellation request was already %(status)s."), status=current["status"])
    decision_made: Cancellation = {**current, "status": decision, "decided_at": now}
    if message:
        decision_made["message"] = message
    changed: Order = {**order, "cancellation": decision_made}
    if decision == "approved":
        changed["status"] = "cancelled"
    return changed
