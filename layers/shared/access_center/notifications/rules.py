"""Order emails: which change of an order sends which email, to whom, saying what.

The Orders table's stream drives this (functions/order_emails). This module decides; notifications.emails
renders;
delivery through SES and the exactly-once bookkeeping (Powertools idempotency) stay in the function,
so nothing here creates an AWS client.

What customers get (API.md section 4, pinned in tests/functional/notifications/test_order_emails.py):
- A new order (stream INSERT) sends one order confirmation, when the store's
  `order_confirmation_email` is on. Any later change of the order (MODIFY) never confirms again.
- History is not news (`is_history`, one rule for every order email): what happened more than
  HISTORY_AGE (7 days) before it reached the service sends no email. An order placed that long before
  its first write (`placed_at` against the Orders item's `created_at`) sends no confirmation, and a
  shipment that had left that long before its tracking reached us (its `shipped_at` against the
  item's `updated_at` of that write) sends no shipping update. A store loading its order history, or
  moving from another system, would otherwise email every customer about purchases and parcels of
  long ago ("Your package is on its way", for one delivered months ago). Logged and counted
  (`OrderConfirmationsSkippedAsImports`, `ShippingUpdatesSkippedAsHistory`).
- A fulfilment sends one shipping update when it gains tracking (a tracking number or link): a new
  fulfilment that has tracking, or an existing one whose tracking was added later. A corrected
  tracking number sends one more update with the new number; other edits of a fulfilment (status,
  carrier spelling, shipped_at) and fulfilments without tracking send nothing, and a cancelled
  fulfilment never does. Same toggle rules through `shipping_update_email`.
- Exactly once per (store, order, kind[, fulfilment, tracking]): `Notification.idempotency_key`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from access_center.aws.ses import Email
from access_center.core.config import settings
from access_center.core.errors import NotFound
from access_center.core.observability import count, logger
from access_center.notifications.emails import ONE_ADDRESS, confirmation_email, presentable, shipping_email
from access_center.notifications.images import BadRecord, fulfilments, order_item
from access_center.orders.models import Fulfilment
from access_center.orders.rules import RELEASING_STATUSES
from access_center.stores.logic import Store, get_store
from access_center.stores.settings import EmailToggle

ORDER_CONFIRMATION = "order_confirmation"
SHIPPING_UPDATE = "shipping_update"
# The store setting that switches each kind of email (both default on, as in StoreSettingsIn).
TOGGLES: dict[str, EmailToggle] = {
    ORDER_CONFIRMATION: "order_confirmation_email",
    SHIPPING_UPDATE: "shipping_update_email",
}
# What happened longer than this before it reached the service is history: no email (`is_history`).
HISTORY_AGE = timedelta(days=7)

# ------------------------------------------------------------------------------------ what to send


@dataclass(frozen=True)
class Change:
    """One stream record, its images already turned from DynamoDB JSON into Python values."""

    event_name: str  # INSERT | MODIFY | REMOVE
    order_key: str  # the item's key (`{store_id}#{order_id}`), for logs
    new_image: Mapping[str, Any] = field(default_factory=dict)
    old_image: Mapping[str, Any] = field(default_factory=dict)
    # The table whose stream delivered the record (from its eventSourceARN); "" is the Orders table.
    table: str = ""


@dataclass(frozen=True)
class Notification:
    kind: str
    store_id: str
    order_id: str
    fulfilment_id: str | None = None
    tracking: str | None = None

    def idempotency_key(self) -> dict[str, str | None]:
        """The same email is never sent twice: one confirmation per order, one shipping update per
        fulfilment and tracking (a corrected tracking number is news; a replay of the same one is not)."""
        return {
            "store_id": self.store_id,
            "order_id": self.order_id,
            "kind": self.kind,
            "fulfilment_id": self.fulfilment_id,
            "tracking": self.tracking,
        }


@dataclass(frozen=True)
class Outgoing:
    notification: Notification
    email: Email


@dataclass(frozen=True)
class Publication:
    """A store event (access_center.aws.events) a change calls for, published once per `notification` key."""

    notification: Notification
    detail_type: str
    detail: dict[str, Any]


Notice = Outgoing | Publication
# What features that change orders after purchase (cancellations, ...) tell about a change: each
# builder gets every record's change and the store lookup, and returns its notices (most often none).
# functions/order_emails registers them; notifications knows no feature.
# A feature with a table of its own (messages) registers its builder for that table's stream: its
# records are not orders, so they get neither the order builders nor the order emails.
NoticeBuilder = Callable[[Change, Callable[[str], Store | None]], list[Notice]]
NOTICE_BUILDERS: list[NoticeBuilder] = []
TABLE_NOTICE_BUILDERS: dict[str, NoticeBuilder] = {}


def add_notice_builder(build: NoticeBuilder, table: str | None = None) -> None:
    """`build` for every Orders stream record, or (`table`) for every record of that table's stream."""
    if table is not None:
        TABLE_NOTICE_BUILDERS[table] = build
    elif build not in NOTICE_BUILDERS:
        NOTICE_BUILDERS.append(build)


def notices_for(change: Change, find_store: Callable[[str], Store | None]) -> list[Notice]:
    """Everything a stream record calls for: each registered feature's events and emails, then the
    order emails (events first: a store's missing sender fails the emails, never the store's news)."""
    if change.table and change.table != settings().orders_table:
        build = TABLE_NOTICE_BUILDERS.get(change.table)
        if build is None:
            raise BadRecord(f"no notices are known for records of table {change.table!r}")
        return build(change, find_store)
    found: list[Notice] = []
    for build_order_notices in NOTICE_BUILDERS:
        found.extend(build_order_notices(change, find_store))
    found.extend(emails_for(change, find_store))
    return found


def is_history(happened_at: str | None, reached_at: str | None) -> bool:
    """Whether something (an order placed, a parcel shipped) happened more than HISTORY_AGE before it
    reached the service (both are the stored UTC `Z` strings): then it sends no email. Unknown times
    (an item written before `created_at` was streamed) are news."""
    if not happened_at or not reached_at:
        return False
    return datetime.fromisoformat(reached_at) - datetime.fromisoformat(happened_at) > HISTORY_AGE


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


class StoreLookup:
    """Stores by id for one batch: a batch is mostly one store's orders, so each is read once, and a
    settings change applies from the next batch on."""

    def __init__(self, load: Callable[[str], Store] = get_store) -> None:
        self._load = load
        self._found: dict[str, Store | None] = {}

    def __call__(self, store_id: str) -> Store | None:
        if store_id not in self._found:
            try:
                self._found[store_id] = self._load(store_id)
            except NotFound:
                self._found[store_id] = None
        return self._found[store_id]


def emails_for(change: Change, find_store: Callable[[str], Store | None]) -> list[Outgoing]:
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
    outgoing = []
    for notification, old in wanted:
        if not store.settings.sends(TOGGLES[notification.kind]):
            logger.info(
                "Order email switched off by the store",
                extra={"order_key": change.order_key, "kind": notification.kind},
            )
            count("OrderEmailsSwitchedOff")
            continue
        check_can_send(store)
        if notification.kind == ORDER_CONFIRMATION:
            email = confirmation_email(store, item.order_id, item.order)
        else:
            fulfilment = next(f for f in item.order.fulfilments if f.fulfilment_id == notification.fulfilment_id)
            email = shipping_email(
                store, item.order_id, item.order, fulfilment, corrected=old is not None and bool(old.tracking)
            )
        outgoing.append(Outgoing(notification, email))
    return outgoing


def sendable(store: Store, toggle: EmailToggle, *, to_support: bool, what: str, where: dict[str, Any]) -> Store | None:
    """The store as emails show it where a feature's email is to go; None where the store switched it
    off (`toggle`) or, for one to its support address, has none (the store still gets the event).
    BadRecord where the store cannot send at all. `what` names the metrics (`{what}EmailsSwitchedOff`)."""
    if not store.settings.sends(toggle):
        logger.info("Email switched off by the store", extra={**where, "toggle": toggle})
        count(f"{what}EmailsSwitchedOff")
        return None
    shown = presentable(store)
    if to_support and not shown.settings.support_email:
        logger.info("No support_email: the store hears of it by its event only", extra=where)
        count(f"{what}RequestsWithoutSupportEmail")
        return None
    check_can_send(store)
    return shown


def check_can_send(store: Store) -> None:
    from_email = store.settings.from_email
    if from_email is None or not ONE_ADDRESS.match(from_email):
        raise BadRecord(f"store {store.store_id!r} has no from_email")
    # The contract's email carries a "View Order" button into the store's access center, which only
    # exists on a connected domain. Without one the record fails (logged, counted, retried, then
    # parked in the failure queue for a replay once the domain is connected) rather than sending a
    # confirmation that cannot lead the customer to their order.
    if store.public_url() is None:
        raise BadRecord(f"store {store.store_id!r} has no connected domain for the View Order link")
