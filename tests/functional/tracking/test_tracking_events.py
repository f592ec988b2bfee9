"""Tracking events (API.md section 6): store systems post a parcel's events; the order view's
fulfilments carry `tracking_status`, `estimated_delivery` and `events` newest first, whatever order the
events came in; the same event twice is stored once; at most 100 per parcel; the order page shows the
timeline."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from access_center.orders.models import OrderView
from devtools.emulator.gateway import Reply
from tests.harness.aws import aws_client
from tests.harness.clock import Clock
from tests.harness.models import answer
from tests.harness.support import Client, Shop, fresh_tallies

ANN = "ann@example.com"
EVENTS = "/admin/stores/s1/orders/o1/fulfilments/f1/events"


@pytest.fixture
def shipped(shop: Shop) -> Shop:
    assert shop.put_order("o1").status == 201
    assert shop.fulfil("o1", "f1", {"carrier": "UPS", "tracking_number": "1Z999AA10123456784"}).status == 200
    return shop


def _event(status: str, day: int, **extra: Any) -> dict[str, Any]:
    return {"status": status, "occurred_at": f"2026-11-{day:02d}T10:00:00Z", **extra}


def _post(shop: Shop, body: Any) -> Reply:
    return shop.admin.post(EVENTS, body)


def _parcel(reply: Reply) -> dict[str, Any]:
    assert reply.status == 200, reply.body
    return dict(answer(OrderView, reply)["fulfilments"][0])


def _stored() -> dict[str, Any]:
    got = aws_client("dynamodb").get_item(TableName="OrdersTable", Key={"pk": {"S": "s1#o1"}}, ConsistentRead=True)
    return dict(got["Item"])


def test_events_build_the_timeline_newest_first_with_status_and_estimate(shipped: Shop) -> None:
    _post(shipped, _event("info_received", 20))
    _post(shipped, _event("in_transit", 21, location="Louisville, KY", estimated_delivery="2026-11-24T18:00:00Z"))
    parcel = _parcel(_post(shipped, _event("out_for_delivery", 23, location="Springfield")))
    assert parcel["tracking_status"] == "out_for_delivery"
    assert parcel["estimated_delivery"] == "2026-11-24T18:00:00Z"  # the newest estimate stands
    assert [e["status"] for e in parcel["events"]] == ["out_for_delivery", "in_transit", "info_received"]
    assert parcel["carrier"] == "UPS"  # the store's fields are untouched


def test_events_out_of_order_still_give_the_newest_status(shipped: Shop) -> None:
    _post(shipped, _event("delivered", 24))
    parcel = _parcel(_post(shipped, _event("in_transit", 21, estimated_delivery="2026-11-24T18:00:00Z")))
    assert parcel["tracking_status"] == "delivered"
    assert [e["status"] for e in parcel["events"]] == ["delivered", "in_transit"]
    assert "estimated_delivery" not in parcel  # delivered: no estimate to show


def test_the_same_event_twice_is_stored_once(shipped: Shop) -> None:
    event = _event("in_transit", 21, location="Louisville, KY")
    _post(shipped, event)
    before = _stored()
    parcel = _parcel(_post(shipped, event))
    assert len(parcel["events"]) == 1
    assert _stored() == before


@pytest.mark.slow("a hundred and more events, one request each")
def test_at_most_100_events_are_kept_and_the_oldest_go(shipped: Shop) -> None:
    from access_center.tracking import logic

    for n in range(105):
        logic.add_event(
            "s1", "o1", "f1", {"status": "in_transit", "occurred_at": f"2026-11-20T{n // 60:02d}:{n % 60:02d}:00Z"}
        )
    parcel = _parcel(_post(shipped, _event("delivered", 25)))
    assert len(parcel["events"]) == 100
    assert parcel["events"][0]["status"] == "delivered"
    assert parcel["events"][-1]["occurred_at"] == "2026-11-20T00:06:00Z"  # the six oldest went


def test_a_store_update_of_the_fulfilment_keeps_its_timeline(shipped: Shop) -> None:
    _post(shipped, _event("in_transit", 21))
    reply = shipped.fulfil("o1", "f1", {"carrier": "UPS", "tracking_number": "1Z999AA10123456785"})
    parcel = _parcel(reply)
    assert parcel["tracking_number"] == "1Z999AA10123456785"
    assert parcel["tracking_status"] == "in_transit"
    assert len(parcel["events"]) == 1


def test_an_unknown_order_or_fulfilment_is_404(shipped: Shop) -> None:
    assert (
        shipped.admin.post("/admin/stores/s1/orders/o1/fulfilments/nope/events", _event("in_transit", 21)).status == 404
    )
    assert (
        shipped.admin.post("/admin/stores/s1/orders/nope/fulfilments/f1/events", _event("in_transit", 21)).status == 404
    )


@pytest.mark.parametrize(
    "body",
    [
        {"status": "teleported", "occurred_at": "2026-11-21T10:00:00Z"},
        {"status": "in_transit"},
        {"status": "in_transit", "occurred_at": "10000-01-01T00:00:00Z"},
        {"status": "in_transit", "occurred_at": "2026-11-21T10:00:00Z", "location": "a\r\nb"},
        {"status": "in_transit", "occurred_at": "2026-11-21T10:00:00Z", "extra": 1},
    ],
    ids=["unknown-status", "no-time", "year-10000", "crlf-location", "unknown-field"],
)
def test_a_bad_event_is_400_and_stores_nothing(shipped: Shop, body: dict[str, Any]) -> None:
    before = _stored()
    reply = _post(shipped, body)
    assert reply.status == 400
    assert reply.json()["error"] == "bad_request"
    assert _stored() == before


def test_the_order_page_shows_the_status_estimate_and_timeline(shipped: Shop, customer: Client) -> None:
    _post(shipped, _event("in_transit", 21, location="Louisville, KY", estimated_delivery="2026-11-24T18:00:00Z"))
    _post(shipped, _event("attempt_failed", 23, description="No one home <b>"))
    shipped.login(customer, ANN)
    html = customer.get("/store/account/orders/o1").body.decode()
    assert "Delivery attempted: the carrier will try again" in html
    assert "Tracking history (2)" in html
    assert "Louisville, KY" in html
    assert "No one home &lt;b&gt;" in html
    assert html.index("Delivery attempted") < html.index("Louisville, KY")  # newest first


def test_a_parcel_without_events_shows_no_timeline(shipped: Shop, customer: Client) -> None:
    shipped.login(customer, ANN)
    view = answer(OrderView, customer.get("/store/account/api/orders/o1"))
    assert view["fulfilments"][0]["events"] == []
    assert "Tracking history" not in customer.get("/store/account/orders/o1").body.decode()


def test_an_event_costs_the_order_read_and_one_transaction(clock: Any, shipped: Shop) -> None:
    # `clock` stands still: the fair-share counter's minute must not move between the two events.
    from bench.budgets import first_request
    from devtools.awscalls import Calls

    _post(shipped, _event("info_received", 20))
    with Calls() as calls:
        fresh_tallies(calls)
        assert _post(shipped, _event("in_transit", 21)).status == 200
    assert calls.operations() == first_request("tracking event")


def _tracking_emails() -> list[dict[str, Any]]:
    from devtools.emulator.outbox import sent_emails

    subjects = ("out for delivery", "delivered", "delayed")
    return [e for e in sent_emails() if any(word in e["subject"] for word in subjects)]


def test_out_for_delivery_delivered_and_exception_email_the_customer_once_each(shipped: Shop, clock: Clock) -> None:
    from tests.harness.streams import drain_order_stream

    drain_order_stream()  # the confirmation and the shipping update
    # The events reach us as they happen (one from weeks before would be history: no email).
    clock.now = datetime(2026, 11, 25, 12, tzinfo=UTC).timestamp()
    _post(shipped, _event("in_transit", 21))  # the timeline only: no email
    _post(shipped, _event("out_for_delivery", 23, location="Springfield"))
    _post(shipped, _event("out_for_delivery", 23, location="Springfield"))  # the same event: nothing new
    assert drain_order_stream() == []
    _post(shipped, _event("exception", 24, description="Address not found"))
    _post(shipped, _event("delivered", 25))
    assert drain_order_stream() == []
    subjects = [e["subject"] for e in _tracking_emails()]
    assert subjects == [
        "Your Shop One order #1001 is out for delivery today",
        "Your Shop One order #1001 is delayed",
        "Your Shop One order #1001 has been delivered",
    ]
    [delayed] = [e for e in _tracking_emails() if "delayed" in e["subject"]]
    assert delayed["to"] == [ANN]
    assert "Address not found" in delayed["text"]
    assert "https://shop.example/store/account/orders/o1" in delayed["text"]


def test_tracking_emails_have_a_toggle(shipped: Shop) -> None:
    from tests.harness.streams import drain_order_stream

    shipped.settings(tracking_update_email=False)
    _post(shipped, _event("delivered", 25))
    assert drain_order_stream() == []
    assert _tracking_emails() == []


def test_each_new_newest_event_is_a_store_event_once(shipped: Shop) -> None:
    from devtools.emulator.events import published
    from tests.harness.streams import drain_order_stream

    drain_order_stream()
    _post(shipped, _event("in_transit", 21, location="Louisville, KY", estimated_delivery="2026-11-24T18:00:00Z"))
    _post(shipped, _event("in_transit", 21, location="Louisville, KY", estimated_delivery="2026-11-24T18:00:00Z"))
    _post(shipped, _event("info_received", 20))  # older: the newest event stays the same, no event
    drain_order_stream()
    drain_order_stream()  # a replayed stream publishes nothing again
    _post(shipped, _event("delivered", 24))
    drain_order_stream()
    updates = [e["detail"] for e in published() if e["detail_type"] == "TrackingUpdated"]
    assert [(u["tracking_status"], u["event"]["occurred_at"]) for u in updates] == [
        ("in_transit", "2026-11-21T10:00:00Z"),
        ("delivered", "2026-11-24T10:00:00Z"),
    ]
    assert updates[0] == {
        "store_id": "s1",
        "order_id": "o1",
        "order_number": "1001",
        "fulfilment_id": "f1",
        "tracking_number": "1Z999AA10123456784",
        "tracking_status": "in_transit",
        "estimated_delivery": "2026-11-24T18:00:00Z",
        "event": {
            "status": "in_transit",
            "occurred_at": "2026-11-21T10:00:00Z",
            "location": "Louisville, KY",
            "estimated_delivery": "2026-11-24T18:00:00Z",
        },
    }
    assert updates[1]["estimated_delivery"] is None
