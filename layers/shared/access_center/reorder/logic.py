"""Order again: an order's lines at today's prices and stock, and the store's cart filled with those that
can be added. Reads one order and the products of its SKUs; writes nothing; asking for the cart link
tells the store (a `ReorderStarted` event, access_center.aws.events)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from access_center.aws import events
from access_center.catalog import logic as catalog
from access_center.companies.rules import Action
from access_center.core import clock
from access_center.core.errors import Conflict, RateLimited
from access_center.core.i18n import N_
from access_center.core.observability import count
from access_center.db import rates
from access_center.orders.logic import SeenOrder, seen_by
from access_center.reorder import rules
from access_center.stores.logic import Store

if TYPE_CHECKING:
    from access_center.orders.acting import Viewer
    from access_center.reorder.shapes import ReorderCart, ReorderPreview, ReorderStarted

REORDER_STARTED = "ReorderStarted"


def preview(store: Store, viewer: Viewer, order_id: str) -> ReorderPreview:
    """Every line of the customer's order with its paid and current price and whether it can be added;
    the cart link where the store has one and something can be added. NotFound for another's order."""
    return read(store, viewer, order_id)[1]


def read(store: Store, viewer: Viewer, order_id: str) -> tuple[SeenOrder, ReorderPreview]:
    """(the order as the viewer sees it, the preview of it)."""
    seen = seen_by(viewer, order_id)
    order = seen.view
    found = catalog.products(store.store_id, [item.get("sku", "") for item in order["items"]])
    lines = [rules.line(item, found.get(item.get("sku") or "")) for item in order["items"]]
    template = store.settings.cart_url_template
    return seen, {"currency": order["currency"], "lines": lines, "cart_url": rules.cart_url(template, lines)}


def start(store: Store, viewer: Viewer, order_id: str) -> ReorderCart:
    """The cart link with only the addable lines (at the store's current prices, which its cart
    applies), after telling the store. Conflict when there is no cart to fill or nothing to add."""
    seen, shown = read(store, viewer, order_id)
    seen.access.require(Action.ORDER_AGAIN)  # a co-viewer or a read-only role may look at the prices only
    if not store.settings.cart_url_template:
        raise Conflict(N_("This store's cart cannot be filled from here: order these items in the store itself."))
    if shown["cart_url"] is None:
        skipped = [{"line_id": s["line_id"], "sku": s["sku"], "reason": s["reason"]} for s in shown["lines"]]
        raise Conflict(
            N_("Nothing from this order can be added to the cart now: every item is no longer sold or out of stock."),
            details=skipped,
        )
    _throttle(store, viewer.email)
    events.publish(REORDER_STARTED, _event(store, seen, shown))
    count("ReordersStarted")
    return {"cart_url": shown["cart_url"]}


def _throttle(store: Store, email: str) -> None:
    """RateLimited past rates.REORDERS_PER_HOUR cart links an hour (each one is an event for the store),
    saying in how many minutes the next one may be asked for."""
    try:
        rates.throttle("reorder", f"{store.store_id}#{email}", rates.REORDERS_PER_HOUR, clock.now())
    except RateLimited as limited:
        minutes = math.ceil(limited.retry_after / 60)
        if minutes == 1:
            raise RateLimited(
                limited.retry_after,
                N_("You have asked for a cart link many times in the last hour. Try again in 1 minute."),
            ) from None
        raise RateLimited(
            limited.retry_after,
            N_("You have asked for a cart link many times in the last hour. Try again in %(minutes)s minutes."),
            minutes=minutes,
        ) from None


def _event(store: Store, seen: SeenOrder, shown: ReorderPreview) -> ReorderStarted:
    """What the store hears: which order (its id; the store knows the customer by it), what went to the
    cart at which current price, and what was left out and why. No email address, but `acted_by` where a
    company member ordered a colleague's order again (API.md section 11)."""
    order = seen.view
    added = [line for line in shown["lines"] if line["addable"]]
    event: ReorderStarted = {
        "store_id": store.store_id,
        "order_id": order["order_id"],
        "order_number": order["number"],
        "items": [
            {
                "line_id": line["line_id"],
                "sku": line["sku"],
                "quantity": line["quantity"],
                "unit_price": line["current_unit_price"],
                "currency": line["current_currency"],
            }
            for line in added
        ],
        "skipped": [
            {"line_id": line["line_id"], "sku": line["sku"], "reason": line["reason"]}
            for line in shown["lines"]
            if not line["addable"]
        ],
        "cart_url": shown["cart_url"],
    }
    if seen.access.acted_by:
        event["acted_by"] = seen.access.acted_by
    return event
