"""What an order's own changes tell, from the Orders stream (registered by functions/change_notices):
the order confirmation and the shipping updates, rendered from templates/email/ (HTML and its
plain-text twin).

What customers get (API.md section 4, pinned in tests/functional/notifications/test_order_emails.py):
- A new order (stream INSERT) sends one order confirmation, when the store's
  `order_confirmation_email` is on. Any later change of the order (MODIFY) never confirms again.
- History is not news (notifications.rules.is_history, one rule for every order email): what happened
  more than HISTORY_AGE (7 days) before it reached the service sends no email. An order placed that
  long before its first write (`placed_at` against the Orders item's `created_at`) sends no
  confirmation, and a shipment that had left that long before its tracking reached us (its
  `shipped_at` against the item's `updated_at` of that write) sends no shipping update. A store loading
  its order history, or moving from another system, would otherwise email every customer about
  purchases and parcels of long ago ("Your package is on its way", for one delivered months ago).
  Logged and counted (`OrderConfirmationsSkippedAsImports`, `ShippingUpdatesSkippedAsHistory`).
- A fulfilment sends one shipping update when it gains tracking (a tracking number or link): a new
  fulfilment that has tracking, or an existing one whose tracking was added later. A corrected
  tracking number sends one more update with the new number; other edits of a fulfilment (status,
  carrier spelling, shipped_at) and fulfilments without tracking send nothing, and a cancelled
  fulfilment never does. Same toggle rules through `shipping_update_email`.
- Exactly once per (store, order, kind[, fulfilment, tracking]): `Notification.idempotency_key`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from access_center.aws.ses import Email
from access_center.core.i18n import _, ngettext, pgettext, speaking
from access_center.core.observability import count, logger
from access_center.notifications.emails import compose_email, one_line, presentable
from access_center.notifications.rules import (
    BadRecord,
    Change,
    Notice,
    Notification,
    Outgoing,
    check_can_send,
    is_history,
)
from access_center.orders import rules
from access_center.orders.emails import customer_language, customer_name, order_context
from access_center.orders.images import fulfilments, order_item
from access_center.orders.line_states import line_states
from access_center.orders.models import Fulfilment, StoredOrder
from access_center.orders.rules import RELEASING_STATUSES
from access_center.stores.logic import Store
from access_center.stores.settings import EmailToggle
from access_center.web.format import StoreFormat, plain_url, web_link

if TYPE_CHECKING:
    from access_center.orders.shapes import Order

ORDER_CONFIRMATION = "order_confirmation"
SHIPPING_UPDATE = "shipping_update"
# The store setting that switches each kind of email (both default on, as in StoreSettingsIn).
TOGGLES: dict[str, EmailToggle] = {
    ORDER_CONFIRMATION: "order_confirmation_email",
    SHIPPING_UPDATE: "shipping_update_email",
}
# Size discipline: Gmail clips messages over ~102 KB, and an order may carry 500 lines of 500-character
# names. Emails list the first lines in full and point to the order page for the rest.
MAX_LINES_SHOWN = 30
MAX_NAME_CHARS = 120
MAX_SKU_CHARS = 40


def newly_tracked(before: list[Fulfilment], after: list[Fulfilment]) -> list[tuple[Fulfilment, Fulfilment | None]]:
    """Fulfilments whose tracking is news to the customer, each with its previous state (None: new)."""
    previous = {f.fulfilment_id: f for f in before}
    found = []
    for fulfilment in after:
        if fulfilment.status in RELEASING_STATUSES or fulfilment.tracking is None:
            continue
        old = previous.get(fulfilment.fulfilment_id)
        if old is None or old.tracking != fulfilment.tracking:
            found.append((fulfilment, old))
    return found


def notices(change: Change, find_store: Callable[[str], Store | None]) -> list[Notice]:
    """The emails a stream record calls for (often none). Raises BadRecord when it cannot tell or
    cannot render them; that record fails alone and is retried, then parked in the failure queue."""
    wanted: list[tuple[Notification, Fulfilment | None]]
    if change.event_name == "INSERT":
        item = order_item(change.new_image)
        if is_history(item.order.placed_at, item.created_at):
            logger.info("Imported order: no confirmation", extra={"order_key": change.order_key})
            count("OrderConfirmationsSkippedAsImports")
            return []
        wanted = [(Notification(ORDER_CONFIRMATION, item.store_id, item.order_id), None)]
    elif change.event_name == "MODIFY":
        # Most modifications are not about tracking: decide from the fulfilments alone first.
        news = newly_tracked(fulfilments(change.old_image, "old"), fulfilments(change.new_image, "new"))
        if not news:
            return []
        item = order_item(change.new_image)
        reached = change.new_image.get("updated_at")  # when this write (and the tracking) reached us
        recent = [(f, old) for f, old in news if not is_history(f.shipped_at, str(reached or "") or None)]
        if len(recent) < len(news):
            logger.info("Shipment from history: no shipping update", extra={"order_key": change.order_key})
            count("ShippingUpdatesSkippedAsHistory", len(news) - len(recent))
        wanted = [
            (Notification(SHIPPING_UPDATE, item.store_id, item.order_id, f.fulfilment_id, f.tracking), old)
            for f, old in recent
        ]
    else:
        return []

    store = find_store(item.store_id)
    if store is None:
        raise BadRecord(f"store {item.store_id!r} does not exist")
    outgoing: list[Notice] = []
    language: str | None = None  # looked up once, for the first email the store sends
    for notification, old in wanted:
        if not store.settings.sends(TOGGLES[notification.kind]):
            logger.info(
                "Order email switched off by the store",
                extra={"order_key": change.order_key, "kind": notification.kind},
            )
            count("OrderEmailsSwitchedOff")
            continue
        check_can_send(store)
        language = language or customer_language(store, item.order)
        if notification.kind == ORDER_CONFIRMATION:
            email = confirmation_email(
                store, item.order_id, item.order, language, name=customer_name(store, item.order)
            )
        else:
            fulfilment = next(f for f in item.order.fulfilments if f.fulfilment_id == notification.fulfilment_id)
            email = shipping_email(
                store,
                item.order_id,
                item.order,
                fulfilment,
                language,
                corrected=old is not None and bool(old.tracking),
                name=customer_name(store, item.order),
            )
        outgoing.append(Outgoing(notification, email))
    return outgoing


def _short(text: str, limit: int) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def confirmation_email(
    store: Store, order_id: str, order: StoredOrder, language: str, *, name: str | None = None
) -> Email:
    """In `language` (orders.emails.customer_language), greeting `name` (the profile's) or the order's."""
    with speaking(language):
        return _confirmation_email(presentable(store), order_id, order, language, name)


def _confirmation_email(store: Store, order_id: str, order: StoredOrder, language: str, name: str | None) -> Email:
    written = StoreFormat.of(store.settings, language)

    def money(amount: int) -> str:
        return written.money(amount, order.currency)

    lines = [
        {
            "name": _short(line.name, MAX_NAME_CHARS),
            "sku": _short(line.sku, MAX_SKU_CHARS),
            "quantity": line.quantity,
            "unit_price": money(line.unit_price),
            "amount": money(line.unit_price * line.quantity),
        }
        for line in order.items
    ]
    t = order.totals
    totals = [(_("Subtotal"), money(t.subtotal))]
    if t.discount:
        totals.append((_("Discount"), money(-abs(t.discount))))
    totals.append(
        (pgettext("order totals", "Shipping"), money(t.shipping))
    )  # the order page's word  # 0 is shown as the amount, as on the order page
    if t.tax:
        totals.append((_("Tax"), money(t.tax)))
    item_count = sum(line.quantity for line in order.items)
    # What happens next, true for the order's status (a cancelled order promises no shipping email).
    shown = rules.order_status(_as_stored(order), shipping_emails=store.settings.shipping_update_email)
    context = order_context(store, order_id, order, language, name)
    number = context["number"]
    items = ngettext("%(count)s item", "%(count)s items", item_count) % {"count": item_count}
    return compose_email(
        "order_confirmation",
        store,
        order.email.strip(),
        subject=_("%(store)s order %(number)s confirmed") % {"store": store.name, "number": number},
        language=language,
        preheader=_("Order %(number)s · %(total)s · %(items)s")
        % {"number": number, "total": money(t.total), "items": items},
        lines=lines[:MAX_LINES_SHOWN],
        more_lines=max(0, len(lines) - MAX_LINES_SHOWN),
        totals=totals,
        total=money(t.total),
        outlook=shown.outlook,
        **context,
    )


def shipping_email(
    store: Store,
    order_id: str,
    order: StoredOrder,
    fulfilment: Fulfilment,
    language: str,
    *,
    corrected: bool = False,
    name: str | None = None,
) -> Email:
    """In `language` (orders.emails.customer_language)."""
    with speaking(language):
        return _shipping_email(presentable(store), order_id, order, fulfilment, corrected, language, name)


def _shipping_email(
    store: Store,
    order_id: str,
    order: StoredOrder,
    fulfilment: Fulfilment,
    corrected: bool,
    language: str,
    name: str | None,
) -> Email:
    written = StoreFormat.of(store.settings, language)
    by_id = {line.line_id: line for line in order.items}
    lines = []
    for shipped in fulfilment.items:
        line = by_id.get(shipped.line_id)
        lines.append(
            {
                "name": _short(line.name if line else _("Item %(line)s") % {"line": shipped.line_id}, MAX_NAME_CHARS),
                "sku": _short(line.sku if line else "", MAX_SKU_CHARS),
                "quantity": shipped.quantity,
            }
        )
    context = order_context(store, order_id, order, language, name)
    number = context["number"]
    ordered = {line.line_id: line.quantity for line in order.items}
    whole_order = {s.line_id: s.quantity for s in fulfilment.items} == {k: v for k, v in ordered.items() if v}
    # What has not shipped yet, by the one shipping state the order page shows (orders.rules).
    states = line_states(_as_stored(order))
    waiting = [
        {"name": _short(line.name, MAX_NAME_CHARS), "sku": "", "quantity": states[line.line_id].waiting}
        for line in order.items
        if states[line.line_id].waiting
    ]
    # The headline follows "Hi Anna," in the email; the preheader is the same sentence on its own.
    values = {"store": store.name, "number": number}
    title = _("Your package is on its way")
    if corrected:
        title = _("Tracking update")
        subject = _("Updated tracking for your %(store)s order %(number)s") % values
        headline = _("the tracking details for a shipment from order %(number)s have changed.") % values
        preheader = _("The tracking details for a shipment from order %(number)s have changed.") % values
    elif whole_order:
        subject = _("Your %(store)s order %(number)s has shipped") % values
        headline = _("good news: your order %(number)s is on its way.") % values
        preheader = _("Good news: your order %(number)s is on its way.") % values
    elif not waiting:
        subject = _("The rest of your %(store)s order %(number)s has shipped") % values
        headline = _("good news: the rest of your order %(number)s is on its way.") % values
        preheader = _("Good news: the rest of your order %(number)s is on its way.") % values
    else:
        subject = _("Part of your %(store)s order %(number)s has shipped") % values
        headline = _("good news: part of your order %(number)s is on its way.") % values
        preheader = _("Good news: part of your order %(number)s is on its way.") % values
    return compose_email(
        "shipping_update",
        store,
        order.email.strip(),
        subject=subject,
        language=language,
        preheader=preheader,
        title=title,
        headline=headline,
        carrier=one_line(fulfilment.carrier or ""),
        tracking_number=one_line(fulfilment.tracking_number or ""),
        tracking_url=web_link(fulfilment.tracking_url),
        tracking_text=plain_url(fulfilment.tracking_url),
        shipped_on=written.date(fulfilment.shipped_at) if fulfilment.shipped_at else "",
        lines=lines[:MAX_LINES_SHOWN],
        more_lines=max(0, len(lines) - MAX_LINES_SHOWN),
        waiting=waiting[:MAX_LINES_SHOWN],
        more_waiting=max(0, len(waiting) - MAX_LINES_SHOWN),
        **context,
    )


def _as_stored(order: StoredOrder) -> Order:
    """The order map the rules read (orders.rules), as the Orders item holds it: no nulls."""
    return cast("Order", order.model_dump(exclude_none=True))
