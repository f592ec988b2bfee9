"""History is not news (notifications.rules.is_history, HISTORY_AGE): an order placed more than 7 days
before it reaches the service sends no confirmation, and a shipment (or a parcel's tracking event) that
happened more than 7 days before it reaches us sends no email. ChangeNoticesFunction fed with the Orders
table's real stream records; the product's clock stands where each test puts it, so `created_at` and
`updated_at` (when the order and each change arrived) are that time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from access_center.core.observability import metrics
from devtools.emulator.outbox import sent_emails
from tests.harness.bodies import order_body
from tests.harness.clock import Clock
from tests.harness.streams import drain_order_stream
from tests.harness.support import Client, Shop

PLACED = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    seen: dict[str, int] = {}

    def add_metric(name: str, unit: Any, value: float, **_: Any) -> None:
        seen[name] = seen.get(name, 0) + int(value)

    monkeypatch.setattr(metrics, "add_metric", add_metric)
    return seen


def _arrives(shop: Shop, clock: Clock, order_id: str, after: timedelta) -> None:
    """The store sends an order placed at PLACED, `after` later."""
    clock.now = (PLACED + after).timestamp()
    body = order_body(number=order_id.upper(), placed_at=PLACED.strftime("%Y-%m-%dT%H:%M:%SZ"))
    assert shop.put_order(order_id, body).status == 201


def _confirmations() -> list[str]:
    return [m["subject"] for m in sent_emails() if "confirmed" in m["subject"]]


@pytest.mark.parametrize(
    ("after", "confirmed"),
    [
        (timedelta(minutes=5), True),
        (timedelta(days=7), True),
        (timedelta(days=7, seconds=1), False),
        (timedelta(days=400), False),
    ],
)
def test_an_order_placed_more_than_7_days_before_it_arrives_sends_no_confirmation(
    shop: Shop, clock: Clock, counted: dict[str, int], after: timedelta, confirmed: bool
) -> None:
    _arrives(shop, clock, "o1", after)
    assert drain_order_stream() == []  # skipped, not failed: nothing is retried or parked
    assert _confirmations() == (["Shop One order #O1 confirmed"] if confirmed else [])
    assert counted.get("OrderConfirmationsSkippedAsImports", 0) == (0 if confirmed else 1)


def test_a_store_loading_its_history_emails_only_the_recent_orders(shop: Shop, clock: Clock) -> None:
    for n, days in enumerate([90, 30, 8, 2]):
        _arrives(shop, clock, f"old{n}", timedelta(days=days))
        clock.now += 1  # the next order of the batch arrives a moment later
    assert drain_order_stream() == []
    assert _confirmations() == ["Shop One order #OLD3 confirmed"]


def test_an_imported_order_is_still_the_customers_to_see(shop: Shop, customer: Client, clock: Clock) -> None:
    _arrives(shop, clock, "o1", timedelta(days=30))
    drain_order_stream()
    shop.login(customer, "ann@example.com")
    assert customer.get("/store/account/orders/o1").status == 200
    assert [o["order_id"] for o in customer.get("/store/account/api/orders").json()["orders"]] == ["o1"]


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _shipping_updates() -> list[str]:
    return [m["subject"] for m in sent_emails() if "shipped" in m["subject"]]


@pytest.mark.parametrize(
    ("age", "emailed"),
    [
        (timedelta(minutes=5), True),
        (timedelta(days=7), True),
        (timedelta(days=7, seconds=1), False),
        (timedelta(days=300), False),
    ],
)
def test_a_shipment_that_left_more_than_7_days_before_it_reached_us_sends_no_shipping_update(
    shop: Shop, clock: Clock, counted: dict[str, int], age: timedelta, emailed: bool
) -> None:
    """Before: every fulfilment with tracking sent "Your package is on its way", whenever it had shipped."""
    _arrives(shop, clock, "o1", timedelta(minutes=5))
    clock.now = (PLACED + timedelta(days=40)).timestamp()
    arrived = PLACED + timedelta(days=40)
    parcel = {"carrier": "UPS", "tracking_number": "1Z1", "shipped_at": _stamp(arrived - age)}
    assert shop.fulfil("o1", "f1", parcel).status == 200
    assert drain_order_stream() == []  # skipped, not failed
    assert _shipping_updates() == (["Your Shop One order #O1 has shipped"] if emailed else [])
    assert counted.get("ShippingUpdatesSkippedAsHistory", 0) == (0 if emailed else 1)


def test_a_store_loading_its_history_sends_no_email_for_its_old_parcels(shop: Shop, clock: Clock) -> None:
    """The demo's #981: placed and shipped in February, loaded in December. Neither a confirmation nor
    "Shipped: February 4" months later; the recent order of the same load still gets both."""
    _arrives(shop, clock, "old", timedelta(days=300))
    old_parcel = {"carrier": "UPS", "tracking_number": "1Z9", "shipped_at": _stamp(PLACED + timedelta(days=2))}
    assert shop.fulfil("old", "f1", old_parcel).status == 200
    clock.now += 1
    recent = order_body(number="NEW", placed_at=_stamp(PLACED + timedelta(days=299)))
    assert shop.put_order("new", recent).status == 201
    new_parcel = {"carrier": "UPS", "tracking_number": "1Z8", "shipped_at": _stamp(PLACED + timedelta(days=300))}
    assert shop.fulfil("new", "f1", new_parcel).status == 200
    assert drain_order_stream() == []
    assert [m["subject"] for m in sent_emails()] == [
        "Shop One order #NEW confirmed",
        "Your Shop One order #NEW has shipped",
    ]


def test_a_tracking_event_from_history_sends_no_email_but_is_still_published(shop: Shop, clock: Clock) -> None:
    from devtools.emulator.events import published

    _arrives(shop, clock, "o1", timedelta(minutes=5))
    assert shop.fulfil("o1", "f1", {"carrier": "UPS", "tracking_number": "1Z1"}).status == 200
    drain_order_stream()
    clock.now = (PLACED + timedelta(days=30)).timestamp()
    event = {"status": "delivered", "occurred_at": _stamp(PLACED + timedelta(days=3))}
    assert shop.admin.post(f"/admin/stores/{shop.store_id}/orders/o1/fulfilments/f1/events", event).status == 200
    assert drain_order_stream() == []
    assert not [m for m in sent_emails() if "delivered" in m["subject"]]
    assert [e["detail"]["tracking_status"] for e in published() if e["detail_type"] == "TrackingUpdated"] == [
        "delivered"
    ]
