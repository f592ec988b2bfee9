"""Orders: store systems write them, customers read their own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from access_center.core import clock
from access_center.core.config import settings
from access_center.core.errors import Conflict, NotFound, Unprocessable
from access_center.core.i18n import N_
from access_center.db.retry import retry_on_conflict
from access_center.orders import acting, budget, rules, search
from access_center.orders import storage as db
from access_center.orders.acting import OrderAccess, Viewer
from access_center.orders.carriers import with_derived_carrier
from access_center.stores.logic import get_store

if TYPE_CHECKING:  # parsed by the store-system functions; the customer's reads do not build the models
    from access_center.orders.models import FulfilmentIn, OrderIn
    from access_center.orders.shapes import (
        Fulfilment,
        FulfilmentLine,
        ListedOrder,
        Order,
        OrderEntry,
        OrderFields,
        OrderLine,
        OrderView,
        SummaryLine,
    )

MAX_FULFILMENTS = 100
# What an order's list entry shows of what was bought: its first lines, their names cut short.
SUMMARY_LINES = 3
SUMMARY_NAME_CHARS = 120
# What the access center records on an order after purchase (`fulfilments`, `cancellation`, `returns`):
# a store's update of the order keeps it (put_order). A parcel's timeline (`events`, `tracking_status`,
# `estimated_delivery`) is the tracking events': a store's update of the fulfilment keeps it (put_fulfilment).


class TooBusy(Conflict):
    """Every allowed attempt lost its race with another writer of the same order (access_center.db.retry)."""

    def __init__(self) -> None:
        super().__init__(N_("The order is being changed by another request right now; retry."))


def summary(order_id: str, order: Order) -> OrderEntry:
    """The customer's list entry: the contract's summary, plus the first lines for the orders page."""
    entry: OrderEntry = {
        "order_id": order_id,
        "number": order["number"],
        "placed_at": order["placed_at"],
        "currency": order["currency"],
        "total": int(order["totals"]["total"]),
        "status": order["status"],
        "fulfilment_status": rules.fulfilment_status(order),
        "item_count": sum(int(item["quantity"]) for item in order["items"]),
        "first_items": [_summary_line(item) for item in order["items"][:SUMMARY_LINES]],
        search.SHIPPING_FIELD: rules.shipping_filter(order),  # what the list's "Shipping" filter matches
    }
    if estimate := rules.expected_delivery(order):
        entry["estimated_delivery"] = estimate
    return entry


def listing(order_id: str, order: Order) -> db.Listing:
    """Each customer's list entry of the order: its summary, and what the list's filters and sort read."""
    return db.Listing(
        summary(order_id, order),
        search.search_text(order),
        search.status_key(order),
        search.delivery_sort(order_id, order),
    )


def _summary_line(item: OrderLine) -> SummaryLine:
    name = " ".join(str(item["name"]).split())
    if len(name) > SUMMARY_NAME_CHARS:
        name = name[: SUMMARY_NAME_CHARS - 1].rstrip() + "…"
    line: SummaryLine = {"name": name, "quantity": int(item["quantity"])}
    if item.get("image_url"):
        line["image_url"] = item["image_url"]
    return line


def view(order_id: str, order: Order) -> OrderView:
    done = rules.shipped_quantities(order)  # the one shipping state (orders.rules), not the records alone
    shown = order.copy()
    # Kept for consolidation, but not shown to customers: another person's browser session is not theirs to see.
    shown.pop("browser_session_id", None)
    public: OrderFields = shown  # what the view shows as stored; its lines and parcels follow
    return {
        "order_id": order_id,
        **public,
        "fulfilment_status": rules.fulfilment_status(order),
        "items": [{**item, "fulfilled_quantity": done[item["line_id"]]} for item in order["items"]],
        "fulfilments": [{"events": [], "carrier_derived": False, **f} for f in order.get("fulfilments", [])],
    }


def _contact_rank(order: Order, order_id: str) -> str:
    """Orders the contacts sharing an email by creation; an order without a contact counts as one
    created when it was placed."""
    created = order.get("contact_created_at") or order["placed_at"]
    return f"{created}#{order.get('contact_id') or '~' + order_id}"


def put_order(store_id: str, order_id: str, body: OrderIn) -> tuple[bool, OrderView]:
    """Create or update an order. Returns (created, order view)."""
    store = get_store(store_id)
    incoming = cast("Order", body.stored())  # the request as validated (OrderIn), its nulls left out
    email = incoming["email"]

    def offer_contact() -> None:
        # Before the order, so that wherever an order exists its email can log in; after every check,
        # so that a refused request leaves no contact behind (one who could then receive codes).
        rank = _contact_rank(incoming, order_id)
        db.offer_contact(store_id, email, rank, incoming.get("contact_id"), incoming["customer_name"])

    # Read, decide, write guarded by the version read; a lost race (WriteConflict) runs it again.
    def attempt() -> tuple[bool, OrderView]:
        previous = db.get_order(store_id, order_id)
        now = clock.iso(clock.now())
        if previous is not None:
            old = previous.order
            if old["email"] != email or old["number"] != incoming["number"]:
                raise Conflict(N_("An order's email and number cannot change."), details=[{"order_id": order_id}])
            rules.check_items_cover_fulfilments(old, incoming["items"])
            order = incoming.copy()
            if "fulfilments" in old:
                order["fulfilments"] = old["fulfilments"]
            if "cancellation" in old:
                order["cancellation"] = old["cancellation"]
            if "returns" in old:
                order["returns"] = old["returns"]
            order.setdefault("fulfilments", [])
            if order == old:
                return False, view(order_id, old)
            budget.check_store(old, order)  # what was recorded after purchase stays with it: it must fit
            stored = db.OrderRecord(
                store_id, order_id, order, previous.listed_for, previous.created_at, now, previous.version
            )
            offer_contact()
        else:
            offer_contact()
            listed_for = {email}
            session_id = incoming.get("browser_session_id")
            if session_id:
                lifetime = settings().browser_session_claim_seconds
                first_email = db.claim_browser_session(store_id, session_id, email, clock.now(), lifetime)
                if store.settings.sticky_contact and first_email != email:
                    listed_for.add(first_email)
            order = {**incoming, "fulfilments": []}
            stored = db.OrderRecord(store_id, order_id, order, listed_for, now, now)
        db.save_order(stored, listing(order_id, order), previous)
        return previous is None, view(order_id, order)

    return retry_on_conflict(attempt, TooBusy)


def put_fulfilment(store_id: str, order_id: str, fulfilment_id: str, body: FulfilmentIn) -> OrderView:
    """Create or replace one fulfilment; replaying the same body writes nothing."""
    requested = [cast("FulfilmentLine", line.model_dump()) for line in body.items] if body.items is not None else None

    # Read, decide, write guarded by the version read; a lost race (WriteConflict) runs it again.
    def attempt() -> OrderView:
        previous = db.get_order(store_id, order_id)
        if previous is None:
            raise NotFound(
                N_("No order %(order_id)s at store %(store_id)s."), order_id=repr(order_id), store_id=repr(store_id)
            )
        order = previous.order
        fulfilments: list[Fulfilment] = list(order.get("fulfilments", []))
        existing = next((f for f in fulfilments if f["fulfilment_id"] == fulfilment_id), None)
        sent = {
            "fulfilment_id": fulfilment_id,
            "items": rules.resolve_lines(order, fulfilment_id, requested),
            **body.model_dump(exclude_none=True, exclude={"items", "shipped_at"}),
            "shipped_at": body.shipped_at or (existing and existing.get("shipped_at")) or clock.iso(clock.now()),
        }
        record = with_derived_carrier(cast("Fulfilment", sent))  # as FulfilmentIn validated it, no nulls
        # The parcel's timeline is the tracking events' (tracking.logic); a store's update keeps it.
        if existing is not None and "events" in existing:
            record["events"] = existing["events"]
        if existing is not None and "tracking_status" in existing:
            record["tracking_status"] = existing["tracking_status"]
        if existing is not None and "estimated_delivery" in existing:
            record["estimated_delivery"] = existing["estimated_delivery"]
        if existing == record:
            return view(order_id, order)
        if existing is None:
            if len(fulfilments) >= MAX_FULFILMENTS:
                raise Unprocessable(N_("An order takes at most %(most)s fulfilments."), most=MAX_FULFILMENTS)
            fulfilments.append(record)
        else:
            fulfilments[fulfilments.index(existing)] = record
        updated: Order = {**order, "fulfilments": fulfilments}
        budget.check_store(order, updated)  # the order's one item has a size limit (orders.budget)
        stored = db.OrderRecord(
            store_id,
            order_id,
            updated,
            previous.listed_for,
            previous.created_at,
            clock.iso(clock.now()),
            previous.version,
        )
        db.save_order(stored, listing(order_id, updated), previous)
        return view(order_id, updated)

    return retry_on_conflict(attempt, TooBusy)


@dataclass(frozen=True)
class SeenOrder:
    """An order as one viewer sees it, and what they may do with it (orders.acting)."""

    view: OrderView
    access: OrderAccess


def seen_by(viewer: Viewer, order_id: str) -> SeenOrder:
    """The order, if the viewer may see it (NotFound otherwise, as for an order that does not exist)."""
    stored = db.get_order(viewer.store_id, order_id)
    if stored is None:
        raise NotFound(N_("No such order."))
    return SeenOrder(view(order_id, stored.order), acting.required(stored.order, stored.listed_for, viewer))


def get_for_customer(viewer: Viewer, order_id: str) -> OrderView:
    return seen_by(viewer, order_id).view


def get_for_store(store_id: str, order_id: str) -> ListedOrder:
    """The stored order of a store (its map, with the customers it is listed for); NotFound if none."""
    stored = db.get_order(store_id, order_id)
    if stored is None:
        raise NotFound(
            N_("No order %(order_id)s at store %(store_id)s."), order_id=repr(order_id), store_id=repr(store_id)
        )
    return {**stored.order, "listed_for": sorted(stored.listed_for)}
