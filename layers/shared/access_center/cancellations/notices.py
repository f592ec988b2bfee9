"""What a cancellation request's change tells, from the Orders stream (registered by
functions/change_notices): the store system's event and one email, once per state change.

- A new request: `CancellationRequested` on the store events bus, and an email to the store's
  `support_email` (when it has one and `cancellation_request_email` is on) with the customer's reason;
  Reply-To is the customer, so support can answer them directly.
- A decision: `CancellationDecided`, and an email to the customer (`cancellation_decision_email`) with
  the store's message and the "View Order" button.
Events carry the store and order ids, never the customer's email (the store knows its order).
Idempotency keys: kind, store, order and the request's `requested_at` (one request per order at a time).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from access_center.aws.ses import Email
from access_center.core.i18n import _, speaking
from access_center.notifications.emails import compose_email
from access_center.notifications.rules import BadRecord, Change, Notice, Notification, Outgoing, Publication, sendable
from access_center.orders.emails import customer_language, customer_name, order_context
from access_center.orders.images import order_item, raw_order_field
from access_center.orders.models import StoredOrderItem
from access_center.stores.logic import Store
from access_center.stores.settings import EmailToggle

REQUESTED_EVENT = "CancellationRequested"
DECIDED_EVENT = "CancellationDecided"
REQUEST_EMAIL = "cancellation_requested"
DECISION_EMAIL = "cancellation_decided"
TOGGLES: dict[str, EmailToggle] = {
    REQUEST_EMAIL: "cancellation_request_email",
    DECISION_EMAIL: "cancellation_decision_email",
}


def _state(image: Mapping[str, Any]) -> tuple[str, str] | None:
    """(status, requested_at) of the image's request, read before any model is built: most records
    (new orders, fulfilments) have none or an unchanged one."""
    request = raw_order_field(image, "cancellation")
    if not isinstance(request, Mapping):
        return None
    return str(request.get("status")), str(request.get("requested_at"))


def notices(change: Change, find_store: Callable[[str], Store | None]) -> list[Notice]:
    if change.event_name != "MODIFY":
        return []
    before, after = _state(change.old_image), _state(change.new_image)
    if after is None or after == before:
        return []
    item = order_item(change.new_image)
    request = item.order.cancellation
    if request is None:  # the quick read saw one the model does not: refuse rather than guess
        raise BadRecord("the order image's cancellation is malformed")
    kind = REQUEST_EMAIL if request.status == "requested" else DECISION_EMAIL
    event = REQUESTED_EVENT if kind == REQUEST_EMAIL else DECIDED_EVENT
    key = (item.store_id, item.order_id, None, request.requested_at)
    found: list[Notice] = [Publication(Notification(f"event:{event}", *key), event, _detail(item))]
    store = find_store(item.store_id)
    if store is None:
        raise BadRecord(f"store {item.store_id!r} does not exist")
    email = _email(kind, store, item)
    if email is not None:
        found.append(Outgoing(Notification(kind, *key), email))
    return found


def _detail(item: StoredOrderItem) -> dict[str, Any]:
    request = item.order.cancellation
    assert request is not None
    detail: dict[str, Any] = {
        "store_id": item.store_id,
        "order_id": item.order_id,
        "order_number": item.order.number,
        "status": request.status,
        "requested_at": request.requested_at,
    }
    if request.reason:
        detail["reason"] = request.reason
    if request.decided_at:
        detail["decided_at"] = request.decided_at
    if request.message:
        detail["message"] = request.message
    if request.acted_by:  # a company member asked on a colleague's order (API.md section 11)
        detail["acted_by"] = request.acted_by
    return detail


def _email(kind: str, store: Store, item: StoredOrderItem) -> Email | None:
    where = {"store_id": item.store_id, "order_id": item.order_id, "kind": kind}
    shown = sendable(store, TOGGLES[kind], to_support=kind == REQUEST_EMAIL, what="Cancellation", where=where)
    if shown is None:
        return None
    # The store's own email is in its default language; the customer's in theirs (notifications.languages).
    language = shown.settings.default_language if kind == REQUEST_EMAIL else customer_language(shown, item.order)
    with speaking(language):
        context = order_context(shown, item.order_id, item.order, language, customer_name(shown, item.order))
        return _compose(kind, shown, item, context, language)


def _compose(kind: str, shown: Store, item: StoredOrderItem, context: dict[str, Any], language: str) -> Email:
    request = item.order.cancellation
    assert request is not None
    number = context["number"]
    if kind == REQUEST_EMAIL:
        who = context["customer_name"] or item.order.email  # the profile's name once set (orders.emails)
        email = compose_email(
            REQUEST_EMAIL,
            shown,
            str(shown.settings.support_email),
            subject=_("Cancellation requested: order %(number)s") % {"number": number},
            language=language,
            preheader=_("%(customer)s asks to cancel order %(number)s.") % {"customer": who, "number": number},
            customer_email=item.order.email,
            reason=request.reason or "",
            **context,
        )
        # Support answers the customer: Reply-To is the customer's (normalised, validated) address.
        return replace(email, reply_to=item.order.email)
    approved = request.status == "approved"
    return compose_email(
        DECISION_EMAIL,
        shown,
        item.order.email,
        subject=(
            _("Your %(store)s order %(number)s is cancelled")
            if approved
            else _("Your %(store)s order %(number)s could not be cancelled")
        )
        % {"store": shown.name, "number": number},
        language=language,
        preheader=(
            _("Your cancellation request for order %(number)s was approved.")
            if approved
            else _("Your cancellation request for order %(number)s was declined.")
        )
        % {"number": number},
        approved=approved,
        message=request.message or "",
        **context,
    )
