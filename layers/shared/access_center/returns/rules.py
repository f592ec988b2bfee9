"""What a customer may return and how a return moves on. Pure: no storage, no HTTP (returns.logic reads
and writes; the routes map Conflict to 409 and Unprocessable to 422).

- The store must have switched returns on (`returns_enabled`, default off).
- A line can be returned up to what has shipped of it (the order's one shipping state,
  orders.rules.shipped_quantities: its fulfilment records, or, with none, the store's status), minus
  what other returns already hold (every return but a declined one counts: requested, approved,
  received and refunded quantities are spoken for). More is 422, with each line's limit in `details`.
- Within the store's window (`return_window_days`, default 30) from the line's last shipment: a line
  whose parcels all left earlier is past its window (409). A line counted as shipped on the store's
  status alone has no parcel: its window runs from the order's `placed_at`.
- An order the store has marked returned or refunded takes no request (409): it is settled.
- A reason from the store's list (`return_reasons`), or the default set (DEFAULT_REASONS).
- Each return is numbered `R-{order number}-{n}`, n counting the order's returns from 1.
- A double click creates one return: a request with the same lines and comment as an open (still
  `requested`) return of the order answers that return.
- States: requested -> approved or declined; approved -> received -> refunded. Setting the state a
  return already has (the same body again) changes nothing; any other move is 409.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from access_center.core.errors import Conflict, Unprocessable
from access_center.core.i18n import N_
from access_center.orders.rules import counts, shipped_by_word, shipped_quantities

if TYPE_CHECKING:
    from access_center.orders.shapes import AnyOrder, Order, ReturnStatus, StoredReturn
    from access_center.returns.shapes import RequestedLine
    from access_center.stores.settings import StoreSettings

# Codes of the default reasons (a store may set its own list, `return_reasons`).
DEFAULT_REASONS = ("damaged", "wrong_item", "not_as_described", "no_longer_needed", "other")
MAX_RETURNS = 50  # per order: the order item holds them all
NEXT = {"requested": {"approved", "declined"}, "approved": {"received"}, "received": {"refunded"}}
HOLDING = frozenset({"requested", "approved", "received", "refunded"})
SETTLED = frozenset({"returned", "refunded"})  # the store's final word on what shipped
# One whole sentence each (a status word dropped into a sentence cannot agree in every language).
_SETTLED_SAID = {
    "returned": N_("This order was returned. Contact the store about anything else."),
    "refunded": N_("This order was refunded. Contact the store about anything else."),
}


def reasons(settings: StoreSettings) -> tuple[str, ...]:
    return settings.return_reasons or DEFAULT_REASONS


def window_days(settings: StoreSettings) -> int:
    return settings.return_window_days


def _when(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp)


def shipped(order: AnyOrder) -> dict[str, tuple[int, str | None]]:
    """Per line: (quantity shipped, when its last parcel left), by orders.rules.shipped_quantities."""
    quantities = shipped_quantities(order)
    if shipped_by_word(order):
        return {line_id: (quantity, str(order["placed_at"])) for line_id, quantity in quantities.items()}
    last: dict[str, str | None] = dict.fromkeys(quantities)
    for fulfilment in order.get("fulfilments") or ():
        when = fulfilment.get("shipped_at")
        if counts(fulfilment):
            for line in fulfilment["items"]:
                last[line["line_id"]] = max(filter(None, (last.get(line["line_id"]), when)), default=None)
    return {line_id: (quantity, last[line_id]) for line_id, quantity in quantities.items()}


def held(order: AnyOrder) -> dict[str, int]:
    """Per line: the quantity the order's returns (but declined ones) already hold."""
    taken: dict[str, int] = {}
    for existing in order.get("returns") or ():
        if existing["status"] in HOLDING:
            for line in existing["items"]:
                taken[line["line_id"]] = taken.get(line["line_id"], 0) + int(line["quantity"])
    return taken


def returnable(order: AnyOrder, settings: StoreSettings, now: str) -> dict[str, int]:
    """Per line: how many may still be returned now (0 past the window or nothing shipped)."""
    taken = held(order)
    limit = timedelta(days=window_days(settings))
    left = {}
    for line_id, (quantity, last) in shipped(order).items():
        open_window = last is not None and _when(now) <= _when(last) + limit
        left[line_id] = max(0, quantity - taken.get(line_id, 0)) if open_window else 0
    return left


def refused(order: AnyOrder, settings: StoreSettings, now: str) -> Conflict | None:
    """Why this order takes no return request at all now (None: some line can be returned), as the error."""
    if not settings.returns_enabled:
        return Conflict(N_("This store does not take return requests here. Contact the store to return something."))
    settled = str(order["status"]).strip().lower()
    if settled in SETTLED:
        return Conflict(_SETTLED_SAID[settled])
    if not any(quantity for quantity, _ in shipped(order).values()):
        return Conflict(N_("Nothing of this order has shipped yet, so there is nothing to return."))
    if len(order.get("returns") or ()) >= MAX_RETURNS:
        return Conflict(N_("This order has %(most)s returns already. Contact the store for more."), most=MAX_RETURNS)
    if not any(returnable(order, settings, now).values()):
        return Conflict(N_("Everything shipped is already in a return, or past the store's return window."))
    return None


def refusal(order: AnyOrder, settings: StoreSettings, now: str) -> str | None:
    """Why this order takes no return request at all now (None: some line can), in the current language."""
    error = refused(order, settings, now)
    return None if error is None else error.translated()


def _same_request(existing: StoredReturn, lines: list[RequestedLine], comment: str | None) -> bool:
    asked = sorted((line["line_id"], line["quantity"], line["reason"]) for line in lines)
    held_lines = sorted((line["line_id"], int(line["quantity"]), line["reason"]) for line in existing["items"])
    return existing["status"] == "requested" and asked == held_lines and existing.get("comment") == (comment or None)


def requested(
    order: Order,
    settings: StoreSettings,
    return_id: str,
    lines: list[RequestedLine],
    comment: str | None,
    now: str,
    acted_by: str | None = None,
) -> tuple[Order | None, StoredReturn]:
    """(the order with a new return of `lines`, that return), or (None, the open return it repeats).
    Conflict or Unprocessable where it is not allowed. `acted_by`: the member who asked on a colleague's
    order (API.md section 11)."""
    repeated = next((r for r in order.get("returns") or () if _same_request(r, lines, comment)), None)
    if repeated is not None:
        return None, repeated
    why = refused(order, settings, now)
    if why is not None:
        raise why
    allowed = set(reasons(settings))
    names = {item["line_id"]: item["name"] for item in order["items"]}
    unknown = [line["line_id"] for line in lines if line["line_id"] not in names]
    if unknown:
        raise Unprocessable(N_("These lines are not in the order."), details=[{"line_id": u} for u in unknown])
    bad_reasons = [line["line_id"] for line in lines if line["reason"] not in allowed]
    if bad_reasons:
        raise Unprocessable(
            N_("Give one of the store's reasons: %(reasons)s."),
            reasons=", ".join(sorted(allowed)),
            details=[{"line_id": b, "reasons": sorted(allowed)} for b in bad_reasons],
        )
    left = returnable(order, settings, now)
    over = [
        {"line_id": line["line_id"], "returnable": left.get(line["line_id"], 0), "requested": line["quantity"]}
        for line in lines
        if line["quantity"] > left.get(line["line_id"], 0)
    ]
    if over:
        raise Unprocessable(
            N_("More than can be returned of these lines (shipped, minus other returns)."), details=over
        )
    existing = list(order.get("returns") or ())
    n = len(existing) + 1
    request: StoredReturn = {
        "return_id": return_id,
        "number": f"R-{order['number'].lstrip('#')}-{n}",
        "status": "requested",
        "items": [
            {
                "line_id": line["line_id"],
                "name": names[line["line_id"]],
                "quantity": line["quantity"],
                "reason": line["reason"],
            }
            for line in lines
        ],
        "requested_at": now,
        "updated_at": now,
    }
    if comment:
        request["comment"] = comment
    if acted_by:
        request["acted_by"] = acted_by
    return {**order, "returns": [*existing, request]}, request


def updated(
    order: Order, return_id: str, status: ReturnStatus, message: str | None, label_url: str | None, now: str
) -> Order | None:
    """The order with the return moved to `status` (None: it is there already with the same details)."""
    existing = list(order.get("returns") or ())
    index = next((i for i, r in enumerate(existing) if r["return_id"] == return_id), None)
    if index is None:
        raise Conflict(N_("The order has no such return."))
    current = existing[index]
    unchanged = (message or current.get("message"), label_url or current.get("label_url")) == (
        current.get("message"),
        current.get("label_url"),
    )
    if current["status"] == status and unchanged:
        return None
    if status not in NEXT.get(current["status"], set()):
        raise Conflict(
            N_("A return that is %(current)s cannot become %(wanted)s."), current=current["status"], wanted=status
        )
    moved: StoredReturn = {**current, "status": status, "updated_at": now}
    if message:
        moved["message"] = message
    if label_url:
        moved["label_url"] = label_url
    existing[index] = moved
    return {**order, "returns": existing}
