"""What a parcel's tracking tells, from the Orders stream (registered by functions/change_notices):

- the store system's event `TrackingUpdated` whenever a parcel's newest event changes (once per parcel
  and newest event), with its status, estimate and that event: every change made through the store API
  is on the bus, so a store's other systems need not poll;
- one email to the customer when a parcel goes out for delivery, is delivered, or runs into a problem
  (`exception`), once per parcel and status (`tracking_update_email`, default on). Other statuses (in
  transit, info received) send nothing: they are the timeline on the order page. An event that
  happened more than a week before it reached us is history, not news (notifications.rules.is_history,
  the rule of every order email): no email, though the event is still published."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from access_center.aws.ses import Email
from access_center.core import i18n
from access_center.core.i18n import _, speaking
from access_center.notifications.emails import compose_email
from access_center.notifications.rules import (
    BadRecord,
    Change,
    Notice,
    Notification,
    Outgoing,
    Publication,
    is_history,
    sendable,
)
from access_center.orders.emails import customer_language, customer_name, order_context
from access_center.orders.images import order_item, raw_order_field
from access_center.orders.models import Fulfilment, StoredOrderItem
from access_center.orders.parcels import WORDS
from access_center.stores.logic import Store

KIND = "tracking_update"
EVENT = "TrackingUpdated"
# The statuses told by email (the texts: _told).
TOLD = ("out_for_delivery", "delivered", "exception")


def _parcels(image: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    """{fulfilment_id: the fulfilment as stored}, read before any model is built."""
    found = raw_order_field(image, "fulfilments")
    if not isinstance(found, list):
        return {}
    return {str(f.get("fulfilment_id")): f for f in found if isinstance(f, Mapping)}


def _newest_event(parcel: Mapping[str, Any] | None) -> Any:
    events = parcel.get("events") if parcel is not None else None
    return events[0] if isinstance(events, list) and events else None


def notices(change: Change, find_store: Callable[[str], Store | None]) -> list[Notice]:
    if change.event_name != "MODIFY":
        return []
    before, after = _parcels(change.old_image), _parcels(change.new_image)
    told = [
        fid
        for fid, parcel in after.items()
        if parcel.get("tracking_status") in TOLD
        and (before.get(fid) or {}).get("tracking_status") != parcel["tracking_status"]
    ]
    moved = [
        fid for fid, parcel in after.items() if _newest_event(parcel) not in (None, _newest_event(before.get(fid)))
    ]
    if not told and not moved:
        return []
    item = order_item(change.new_image)
    store = find_store(item.store_id)
    if store is None:
        raise BadRecord(f"store {item.store_id!r} does not exist")
    by_id = {f.fulfilment_id: f for f in item.order.fulfilments}
    found: list[Notice] = [_publication(item, by_id[fid]) for fid in moved]
    reached = str(change.new_image.get("updated_at") or "") or None
    for fulfilment_id in told:
        parcel = by_id[fulfilment_id]
        if parcel.events and is_history(parcel.events[0].occurred_at, reached):
            continue
        email = _email(store, item, parcel)
        if email is not None:
            key = Notification(KIND, item.store_id, item.order_id, fulfilment_id, parcel.tracking_status)
            found.append(Outgoing(key, email))
    return found


def _publication(item: StoredOrderItem, parcel: Fulfilment) -> Publication:
    latest = parcel.events[0]
    key = Notification(
        f"event:{EVENT}", item.store_id, item.order_id, parcel.fulfilment_id, f"{latest.status}@{latest.occurred_at}"
    )
    detail = {
        "store_id": item.store_id,
        "order_id": item.order_id,
        "order_number": item.order.number,
        "fulfilment_id": parcel.fulfilment_id,
        "tracking_number": parcel.tracking_number,
        "tracking_status": parcel.tracking_status,
        "estimated_delivery": parcel.estimated_delivery,
        "event": latest.model_dump(mode="json", exclude_none=True),
    }
    return Publication(key, EVENT, detail)


def _email(store: Store, item: StoredOrderItem, parcel: Fulfilment) -> Email | None:
    where = {"store_id": item.store_id, "order_id": item.order_id, "fulfilment_id": parcel.fulfilment_id}
    shown = sendable(store, "tracking_update_email", to_support=False, what="Tracking", where=where)
    if shown is None:
        return None
    status = str(parcel.tracking_status)
    language = customer_language(shown, item.order)
    with speaking(language):
        context = order_context(shown, item.order_id, item.order, language, customer_name(shown, item.order))
        subject, preheader, headline = _told(status, {"store": shown.name, "number": context["number"]})
    latest = parcel.events[0] if parcel.events else None
    return compose_email(
        KIND,
        shown,
        item.order.email,
        subject=subject,
        language=language,
        preheader=preheader,
        headline=headline,
        title=i18n.translate(WORDS[status], language),
        location=" ".join((latest.location or "").split()) if latest else "",
        description=" ".join((latest.description or "").split()) if latest else "",
        carrier=" ".join((parcel.carrier or "").split()),
        tracking_number=" ".join((parcel.tracking_number or "").split()),
        **context,
    )


def _told(status: str, values: dict[str, str]) -> tuple[str, str, str]:
    """(subject, preheader, headline) of the email about a parcel now `status` (one of TOLD); the headline
    follows "Hi Anna," in the email."""
    if status == "out_for_delivery":
        return (
            _("Your %(store)s order %(number)s is out for delivery today") % values,
            _("Order %(number)s is out for delivery today.") % values,
            _("your order %(number)s is out for delivery today.") % values,
        )
    if status == "delivered":
        return (
            _("Your %(store)s order %(number)s has been delivered") % values,
            _("Order %(number)s has been delivered.") % values,
            _("your order %(number)s has been delivered.") % values,
        )
    return (
        _("Your %(store)s order %(number)s is delayed") % values,
        _("Order %(number)s is delayed: the carrier reports a problem with the delivery.") % values,
        _("your order %(number)s is delayed: the carrier reports a problem with the delivery.") % values,
    )
