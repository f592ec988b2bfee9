"""What a parcel's tracking tells the customer, from the Orders stream (registered by
functions/order_emails): one email when a parcel goes out for delivery, is delivered, or runs into a
problem (`exception`), once per parcel and status (`tracking_update_email`, default on). Other
statuses (in transit, info received) send nothing: they are the timeline on the order page."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from access_center.aws.ses import Email
from access_center.notifications.emails import order_context, render
from access_center.notifications.images import BadRecord, order_item, raw_order_field
from access_center.notifications.rules import Change, Notice, Notification, Outgoing, sendable
from access_center.orders.models import Fulfilment, StoredOrderItem
from access_center.stores.logic import Store
from access_center.tracking.rules import WORDS

KIND = "tracking_update"
TOLD = {
    "out_for_delivery": "is out for delivery today",
    "delivered": "has been delivered",
    "exception": "is delayed: the carrier reports a problem with the delivery",
}


def _statuses(image: Mapping[str, Any]) -> dict[str, str]:
    """{fulfilment_id: tracking_status}, read before any model is built."""
    found = raw_order_field(image, "fulfilments")
    if not isinstance(found, list):
        return {}
    return {
        str(f.get("fulfilment_id")): str(f.get("tracking_status"))
        for f in found
        if isinstance(f, Mapping) and f.get("tracking_status")
    }


def notices(change: Change, find_store: Callable[[str], Store | None]) -> list[Notice]:
    if change.event_name != "MODIFY":
        return []
    before, after = _statuses(change.old_image), _statuses(change.new_image)
    told = [fid for fid, status in after.items() if status in TOLD and before.get(fid) != status]
    if not told:
        return []
    item = order_item(change.new_image)
    store = find_store(item.store_id)
    if store is None:
        raise BadRecord(f"store {item.store_id!r} does not exist")
    by_id = {f.fulfilment_id: f for f in item.order.fulfilments}
    found: list[Notice] = []
    for fulfilment_id in told:
        parcel = by_id[fulfilment_id]
        email = _email(store, item, parcel)
        if email is not None:
            key = Notification(KIND, item.store_id, item.order_id, fulfilment_id, parcel.tracking_status)
            found.append(Outgoing(key, email))
    return found


def _email(store: Store, item: StoredOrderItem, parcel: Fulfilment) -> Email | None:
    where = {"store_id": item.store_id, "order_id": item.order_id, "fulfilment_id": parcel.fulfilment_id}
    shown = sendable(store, "tracking_update_email", to_support=False, what="Tracking", where=where)
    if shown is None:
        return None
    status = str(parcel.tracking_status)
    context = order_context(shown, item.order_id, item.order)
    latest = parcel.events[0] if parcel.events else None
    return render(
        KIND,
        shown,
        item.order.email,
        subject=f"Your {shown.name} order {context['number']} {TOLD[status].split(':')[0]}",
        preheader=f"Order {context['number']} {TOLD[status]}.",
        headline=f"your order {context['number']} {TOLD[status]}.",
        title=WORDS[status],
        location=" ".join((latest.location or "").split()) if latest else "",
        description=" ".join((latest.description or "").split()) if latest else "",
        carrier=" ".join((parcel.carrier or "").split()),
        tracking_number=" ".join((parcel.tracking_number or "").split()),
        **context,
    )
