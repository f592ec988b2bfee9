"""What a return's change tells, from the Orders stream (registered by functions/change_notices): the store
system's event and one email, once per state of each return.

- A new return: `ReturnRequested` on the store events bus, and an email to the store's `support_email`
  (when it has one and `return_request_email` is on) with the lines, reasons and comment; Reply-To is
  the customer.
- Each later state (approved, declined, received, refunded): `ReturnUpdated`, and an email to the
  customer (`return_update_email`) with the store's message and, once approved, the return label link.
Events carry the store and order ids and the return, never the customer's email. Idempotency keys:
kind, store, order, return id and state.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from access_center.aws.ses import Email
from access_center.core.i18n import _, pgettext, speaking
from access_center.notifications.emails import compose_email
from access_center.notifications.rules import BadRecord, Change, Notice, Notification, Outgoing, Publication, sendable
from access_center.orders.emails import customer_language, customer_name, order_context
from access_center.orders.images import order_item, raw_order_field
from access_center.orders.models import StoredOrderItem
from access_center.orders.parts import StoredReturn
from access_center.stores.logic import Store
from access_center.stores.settings import EmailToggle
from access_center.web.format import web_link

REQUESTED_EVENT = "ReturnRequested"
UPDATED_EVENT = "ReturnUpdated"
REQUEST_EMAIL = "return_requested"
UPDATE_EMAIL = "return_updated"
TOGGLES: dict[str, EmailToggle] = {REQUEST_EMAIL: "return_request_email", UPDATE_EMAIL: "return_update_email"}


def _headline(status: str, number: str) -> str:
    """What happened to the return, after "Hi Anna," in the email (capitalised for the subject)."""
    values = {"number": number}
    if status == "approved":
        return _("your return %(number)s is approved") % values
    if status == "declined":
        return _("your return %(number)s was declined") % values
    if status == "received":
        return _("we have received your return %(number)s") % values
    return _("your return %(number)s is refunded") % values


def _status(status: str) -> str:
    """The return's status as the email's title names it ("Return R-1: approved")."""
    words = {
        "approved": pgettext("return status", "approved"),
        "declined": pgettext("return status", "declined"),
        "received": pgettext("return status", "received"),
        "refunded": pgettext("return status", "refunded"),
    }
    return words.get(status, status)


def _states(image: Mapping[str, Any]) -> dict[str, str]:
    """{return_id: status} of the image, read before any model is built (most records have no returns)."""
    found = raw_order_field(image, "returns")
    if not isinstance(found, list):
        return {}
    return {str(r.get("return_id")): str(r.get("status")) for r in found if isinstance(r, Mapping)}


def notices(change: Change, find_store: Callable[[str], Store | None]) -> list[Notice]:
    if change.event_name != "MODIFY":
        return []
    before, after = _states(change.old_image), _states(change.new_image)
    moved = [return_id for return_id, status in after.items() if before.get(return_id) != status]
    if not moved:
        return []
    item = order_item(change.new_image)
    by_id = {r.return_id: r for r in item.order.returns or ()}
    store = find_store(item.store_id)
    if store is None:
        raise BadRecord(f"store {item.store_id!r} does not exist")
    found: list[Notice] = []
    for return_id in moved:
        stored = by_id.get(return_id)
        if stored is None:
            raise BadRecord("the order image's returns are malformed")
        new = return_id not in before
        event = REQUESTED_EVENT if new else UPDATED_EVENT
        key = (item.store_id, item.order_id, return_id, stored.status)
        found.append(Publication(Notification(f"event:{event}", *key), event, _detail(item, stored)))
        kind = REQUEST_EMAIL if new else UPDATE_EMAIL
        email = _email(kind, store, item, stored)
        if email is not None:
            found.append(Outgoing(Notification(kind, *key), email))
    return found


def _detail(item: StoredOrderItem, stored: StoredReturn) -> dict[str, Any]:
    return {
        "store_id": item.store_id,
        "order_id": item.order_id,
        "order_number": item.order.number,
        **stored.model_dump(exclude_none=True),
    }


def _email(kind: str, store: Store, item: StoredOrderItem, stored: StoredReturn) -> Email | None:
    where = {"store_id": item.store_id, "order_id": item.order_id, "kind": kind, "return_id": stored.return_id}
    shown = sendable(store, TOGGLES[kind], to_support=kind == REQUEST_EMAIL, what="Return", where=where)
    if shown is None:
        return None
    language = shown.settings.default_language if kind == REQUEST_EMAIL else customer_language(shown, item.order)
    with speaking(language):
        return _compose(kind, shown, item, stored, language)


def _compose(kind: str, shown: Store, item: StoredOrderItem, stored: StoredReturn, language: str) -> Email:
    context = order_context(shown, item.order_id, item.order, language, customer_name(shown, item.order))
    lines = [
        {"name": " ".join(line.name.split()), "quantity": line.quantity, "reason": line.reason} for line in stored.items
    ]
    common = {"return_number": stored.number, "lines": lines, "comment": stored.comment or "", **context}
    if kind == REQUEST_EMAIL:
        email = compose_email(
            REQUEST_EMAIL,
            shown,
            str(shown.settings.support_email),
            subject=_("Return requested: %(return)s (order %(number)s)")
            % {"return": stored.number, "number": context["number"]},
            language=language,
            preheader=_("%(customer)s asks to return items of order %(number)s.")
            % {"customer": context["customer_name"] or item.order.email, "number": context["number"]},
            customer_email=item.order.email,
            **common,
        )
        return replace(email, reply_to=item.order.email)
    headline = _headline(stored.status, stored.number)
    sentence = headline[:1].upper() + headline[1:]
    return compose_email(
        UPDATE_EMAIL,
        shown,
        item.order.email,
        subject=_("%(store)s: %(headline)s") % {"store": shown.name, "headline": sentence},
        language=language,
        preheader=_("%(headline)s.") % {"headline": sentence},
        headline=headline,
        status=_status(stored.status),
        message=stored.message or "",
        label_url=web_link(stored.label_url) if stored.status == "approved" else None,
        **common,
    )
