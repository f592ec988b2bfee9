"""What a change tells, for every feature: the stream record (`Change`), what it calls for (store events,
`Publication`; emails, `Outgoing`), each once per `Notification` key, and the rules every feature's
notices.py shares (history is not news, whether and how a store can send an email).

The table streams drive this (functions/change_notices). Each feature decides and composes its own
notices (`<feature>/notices.py`, the order confirmation and shipping updates in orders.notices) and
registers them here (`add_notice_builder`); notifications.emails holds what their emails share.
Delivery through SES and EventBridge and the exactly-once bookkeeping (Powertools idempotency) stay in
the function, so nothing here creates an AWS client.
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
from access_center.notifications.emails import ONE_ADDRESS, presentable
from access_center.stores.logic import Store, get_store
from access_center.stores.settings import EmailToggle

# What happened longer than this before it reached the service is history: no email (`is_history`).
HISTORY_AGE = timedelta(days=7)


class BadRecord(Exception):
    """The stream record cannot become an email as it stands (malformed image, unknown store, store
    not set up to send). The message names what is wrong without quoting customer data."""


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
# What each feature tells about an order's change (orders: the order emails; cancellations, ...): each
# builder gets every record's change and the store lookup, and returns its notices (most often none).
# functions/change_notices registers them, the order emails last; notifications knows no feature.
# A feature with a table of its own (messages) registers its builder for that table's stream: its
# records are not orders, so they get none of the order builders.
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
    """Everything a stream record calls for: each registered feature's events and emails, in the order
    the builders were registered."""
    if change.table and change.table != settings().orders_table:
        build = TABLE_NOTICE_BUILDERS.get(change.table)
        if build is None:
            raise BadRecord(f"no notices are known for records of table {change.table!r}")
        return build(change, find_store)
    found: list[Notice] = []
    for build_order_notices in NOTICE_BUILDERS:
        found.extend(build_order_notices(change, find_store))
    return found


def is_history(happened_at: str | None, reached_at: str | None) -> bool:
    """Whether something (an order placed, a parcel shipped) happened more than HISTORY_AGE before it
    reached the service (both are the stored UTC `Z` strings): then it sends no email. Unknown times
    (an item written before `created_at` was streamed) are news."""
    if not happened_at or not reached_at:
        return False
    return datetime.fromisoformat(reached_at) - datetime.fromisoformat(happened_at) > HISTORY_AGE


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
