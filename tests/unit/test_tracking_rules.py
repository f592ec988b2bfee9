"""A parcel's timeline (tracking.rules.with_event), as a pure function: the same event twice stored once,
newest first by `occurred_at` whatever the order of arrival, at most MAX_EVENTS, and the status and
estimate the newest events give."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from access_center.orders import parcels
from access_center.tracking import rules

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_start = datetime(2026, 3, 1, 9, tzinfo=UTC)


def _at(minutes: int) -> str:
    return (_start + timedelta(minutes=minutes)).replace(tzinfo=None).isoformat() + "Z"


def _e(status: str, minutes: int, estimate: int | None = None, **more: Any) -> dict[str, Any]:
    event: dict[str, Any] = {"status": status, "occurred_at": _at(minutes), **more}
    if estimate is not None:
        event["estimated_delivery"] = _at(estimate)
    return event


def _parcel(**extra: Any) -> dict[str, Any]:
    return {"fulfilment_id": "f1", "items": [{"line_id": "a", "quantity": 1}], **extra}


def _posted(events: list[dict[str, Any]], fulfilment: dict[str, Any] | None = None) -> dict[str, Any]:
    """The fulfilment after each event in turn, as tracking.logic applies them (None: nothing written)."""
    current = fulfilment or _parcel()
    for event in events:
        changed = rules.with_event(current, event)
        if changed is not None:
            current = changed
    return current


def test_the_first_event_starts_the_timeline_and_sets_the_status() -> None:
    parcel = _parcel(carrier="UPS")
    changed = rules.with_event(parcel, _e("info_received", 0))
    assert changed == {**parcel, "events": [_e("info_received", 0)], "tracking_status": "info_received"}
    assert "events" not in parcel  # the fulfilment given is left as it was


def test_the_same_event_again_writes_nothing() -> None:
    once = _posted([_e("in_transit", 5, 60, location="Leeds")])
    assert rules.with_event(once, _e("in_transit", 5, 60, location="Leeds")) is None


def test_an_event_differing_in_any_field_is_another_event() -> None:
    once = _posted([_e("in_transit", 5, 60, location="Leeds")])
    for other in (
        _e("in_transit", 5, 60, location="York"),
        _e("in_transit", 5, 61, location="Leeds"),
        _e("in_transit", 6, 60, location="Leeds"),
        _e("exception", 5, 60, location="Leeds"),
        _e("in_transit", 5, 60, location="Leeds", description="Sorted"),
    ):
        changed = rules.with_event(once, other)
        assert changed is not None
        assert len(changed["events"]) == 2


def test_an_event_arriving_late_goes_in_its_place_and_the_newest_keeps_the_status() -> None:
    parcel = _posted([_e("info_received", 0), _e("out_for_delivery", 30)])
    late = rules.with_event(parcel, _e("in_transit", 10))
    assert late is not None
    assert [e["status"] for e in late["events"]] == ["out_for_delivery", "in_transit", "info_received"]
    assert late["tracking_status"] == "out_for_delivery"


def test_of_two_events_at_the_same_time_the_one_received_later_comes_first() -> None:
    parcel = _posted([_e("in_transit", 10), _e("exception", 10)])
    assert [e["status"] for e in parcel["events"]] == ["exception", "in_transit"]
    assert parcel["tracking_status"] == "exception"


def test_a_later_event_without_an_estimate_keeps_the_earlier_one() -> None:
    parcel = _posted([_e("in_transit", 10, 500), _e("out_for_delivery", 20)])
    assert parcel["estimated_delivery"] == _at(500)


def test_the_newest_estimate_wins_even_if_it_arrived_first() -> None:
    parcel = _posted([_e("in_transit", 20, 900), _e("info_received", 10, 500)])
    assert parcel["estimated_delivery"] == _at(900)


def test_a_delivered_parcel_shows_no_estimate() -> None:
    parcel = _posted([_e("in_transit", 10, 500), _e("delivered", 20)])
    assert parcel["tracking_status"] == "delivered"
    assert "estimated_delivery" not in parcel
    # An older event arriving after the delivery does not bring it back.
    assert "estimated_delivery" not in _posted([_e("out_for_delivery", 15, 600)], parcel)


def test_an_estimate_stored_before_goes_when_no_event_has_one() -> None:
    parcel = _posted([_e("in_transit", 10)], _parcel(estimated_delivery=_at(100)))
    assert "estimated_delivery" not in parcel


def test_beyond_the_cap_the_oldest_events_go() -> None:
    parcel = _posted([_e("in_transit", n) for n in range(rules.MAX_EVENTS + 5)])
    assert len(parcel["events"]) == rules.MAX_EVENTS
    assert parcel["events"][0] == _e("in_transit", rules.MAX_EVENTS + 4)
    assert parcel["events"][-1] == _e("in_transit", 5)


def test_every_status_has_words() -> None:
    assert set(parcels.WORDS) == {
        "info_received",
        "in_transit",
        "out_for_delivery",
        "available_for_pickup",
        "delivered",
        "attempt_failed",
        "exception",
    }


_events = st.builds(
    _e,
    status=st.sampled_from(sorted(parcels.WORDS)),
    minutes=st.integers(0, 40),
    estimate=st.one_of(st.none(), st.integers(100, 140)),
    location=st.sampled_from(["Leeds", "York"]),
)


@PROPERTY
@given(events=st.lists(_events, min_size=1, max_size=30))
def test_the_timeline_is_newest_first_each_event_once_and_the_newest_decides(events: list[dict[str, Any]]) -> None:
    parcel = _posted(events)
    timeline = parcel["events"]
    assert [e["occurred_at"] for e in timeline] == sorted((e["occurred_at"] for e in timeline), reverse=True)
    assert len(timeline) == len({repr(sorted(e.items())) for e in timeline})  # each event once
    assert all(e in events for e in timeline)
    assert all(e in timeline for e in events)  # under the cap nothing goes
    assert parcel["tracking_status"] == timeline[0]["status"]
    estimate = next((e["estimated_delivery"] for e in timeline if e.get("estimated_delivery")), None)
    if timeline[0]["status"] == "delivered":
        assert "estimated_delivery" not in parcel
    else:
        assert parcel.get("estimated_delivery") == estimate


@PROPERTY
@given(events=st.lists(_events, min_size=1, max_size=30), data=st.data())
def test_the_timeline_does_not_depend_on_the_order_of_arrival_but_for_ties(
    events: list[dict[str, Any]], data: Any
) -> None:
    shuffled = data.draw(st.permutations(events))
    first, second = _posted(events), _posted(shuffled)
    assert sorted(map(repr, first["events"])) == sorted(map(repr, second["events"]))
    newest = first["events"][0]["occurred_at"]
    if sum(e["occurred_at"] == newest for e in first["events"]) == 1:
        assert first["tracking_status"] == second["tracking_status"]


@PROPERTY
@given(
    stored=st.integers(0, rules.MAX_EVENTS + 10),
    minutes=st.integers(-5, rules.MAX_EVENTS + 20),
)
def test_never_more_than_the_cap_and_the_oldest_go_first(stored: int, minutes: int) -> None:
    # Stored newest first, as with_event keeps them; the new event at any time among them.
    parcel = _parcel(events=[_e("in_transit", n) for n in reversed(range(stored))][: rules.MAX_EVENTS])
    new = _e("exception", minutes)
    changed = rules.with_event(parcel, new)
    assert changed is not None
    timeline = changed["events"]
    assert len(timeline) == min(len(parcel["events"]) + 1, rules.MAX_EVENTS)
    every = sorted([new, *parcel["events"]], key=lambda e: e["occurred_at"], reverse=True)
    assert timeline == every[: rules.MAX_EVENTS]
