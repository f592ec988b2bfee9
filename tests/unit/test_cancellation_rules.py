"""The rules of cancellations (cancellations.rules), as pure functions: when a customer may ask (switched
on, nothing shipped, not closed, not decided), one request per order, and what the store's decision does."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from access_center.cancellations import rules
from access_center.core.errors import Conflict

NOW = "2026-03-02T09:00:00Z"
LATER = "2026-03-03T09:00:00Z"
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _order(status: str = "processing", *fulfilments: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "status": status,
        "items": [{"line_id": "a", "quantity": 2}, {"line_id": "b", "quantity": 1}],
        "fulfilments": list(fulfilments),
        **extra,
    }


def _f(fid: str, status: str = "shipped", **lines: int) -> dict[str, Any]:
    return {"fulfilment_id": fid, "status": status, "items": [{"line_id": k, "quantity": v} for k, v in lines.items()]}


# ------------------------------------------------------------------------------ when a customer may ask
def test_an_unshipped_open_order_may_ask_where_the_store_switched_it_on() -> None:
    assert rules.refusal(_order(), True) is None
    assert rules.can_request(_order(), True)


def test_cancellations_switched_off_refuse_every_request() -> None:
    assert "does not take cancellation requests" in str(rules.refusal(_order(), False))
    assert not rules.can_request(_order(), False)


@pytest.mark.parametrize(
    ("status", "said"),
    [("cancelled", "is cancelled"), ("returned", "was returned"), ("refunded", "was refunded"),
     ("delivered", "was delivered"), ("Cancelled", "is cancelled")],
)  # fmt: skip
def test_an_order_the_store_closed_has_nothing_to_cancel(status: str, said: str) -> None:
    assert rules.refusal(_order(status), True) == f"This order {said}: there is nothing to cancel."


def test_a_fully_shipped_order_can_no_longer_be_cancelled() -> None:
    why = rules.refusal(_order("processing", _f("1", a=2, b=1)), True)
    assert why is not None
    assert why.startswith("This order has shipped")


def test_a_partly_shipped_order_can_no_longer_be_cancelled() -> None:
    why = rules.refusal(_order("processing", _f("1", a=1)), True)
    assert why is not None
    assert why.startswith("Part of this order has shipped")


def test_shipped_on_the_stores_word_alone_counts_as_shipped() -> None:
    why = rules.refusal(_order("shipped"), True)
    assert why is not None
    assert why.startswith("This order has shipped")


def test_a_cancelled_parcel_ships_nothing() -> None:
    assert rules.refusal(_order("processing", _f("1", "cancelled", a=2, b=1)), True) is None


# Any order of two lines and up to three parcels of any status.
_parcels = st.lists(
    st.fixed_dictionaries(
        {
            "status": st.sampled_from(["shipped", "in_transit", "cancelled"]),
            "a": st.integers(0, 3),
            "b": st.integers(0, 2),
        }
    ),
    max_size=3,
)


@PROPERTY
@given(
    parcels=_parcels,
    status=st.sampled_from(["pending", "processing", "awaiting_stock", "shipped", "delivered", "cancelled"]),
)
def test_a_cancellation_is_refused_once_anything_has_shipped(parcels: list[dict[str, Any]], status: str) -> None:
    order = _order(status, *(_f(f"f{n}", p["status"], a=p["a"], b=p["b"]) for n, p in enumerate(parcels)))
    # A model kept here: records decide where any count, else the store's word.
    counted = [p for p in parcels if p["status"] != "cancelled"]
    anything_shipped = any(p["a"] or p["b"] for p in counted) if counted else status in ("shipped", "delivered")
    why = rules.refusal(order, True)
    if status in rules.CLOSED_STATUSES:
        assert why is not None
        assert "nothing to cancel" in why
    elif anything_shipped:
        assert why is not None
        assert "can no longer be cancelled" in why
        with pytest.raises(Conflict):
            rules.requested(order, True, None, NOW)
    else:
        assert why is None
        assert rules.requested(order, True, None, NOW) is not None
    assert rules.can_request(order, True) == (why is None)


# ------------------------------------------------------------------------------ one request per order
def test_a_request_is_recorded_with_its_reason() -> None:
    order = _order()
    changed = rules.requested(order, True, "Ordered twice", NOW)
    assert changed == {**order, "cancellation": {"status": "requested", "requested_at": NOW, "reason": "Ordered twice"}}
    assert "cancellation" not in order  # the order given is left as it was
    assert "reason" not in rules.requested(order, True, "", NOW)["cancellation"]  # type: ignore[index]


def test_asking_again_while_open_answers_the_same_request() -> None:
    asked = rules.requested(_order(), True, "first", NOW)
    assert asked is not None
    assert rules.requested(asked, True, "second", LATER) is None
    assert rules.requested(asked, False, None, LATER) is None  # even once switched off: it stands
    assert not rules.can_request(asked, True)  # the form is not offered again


@pytest.mark.parametrize("decision", ["approved", "declined"])
def test_once_decided_the_decision_stands(decision: str) -> None:
    order = _order(cancellation={"status": decision, "requested_at": NOW})
    assert rules.refusal(order, True) == f"The store has already {decision} the cancellation of this order."
    with pytest.raises(Conflict):
        rules.requested(order, True, None, LATER)
    assert not rules.can_request(order, True)


# ------------------------------------------------------------------------------ the store's decision
def test_an_approval_cancels_the_order() -> None:
    asked = rules.requested(_order(), True, None, NOW)
    assert asked is not None
    approved = rules.decided(asked, "approved", "Refund on its way", LATER)
    assert approved is not None
    assert approved["status"] == "cancelled"
    assert approved["cancellation"] == {
        "status": "approved",
        "requested_at": NOW,
        "decided_at": LATER,
        "message": "Refund on its way",
    }


def test_a_decline_leaves_the_orders_status() -> None:
    asked = rules.requested(_order(), True, None, NOW)
    assert asked is not None
    declined = rules.decided(asked, "declined", None, LATER)
    assert declined is not None
    assert declined["status"] == "processing"
    assert declined["cancellation"] == {"status": "declined", "requested_at": NOW, "decided_at": LATER}


def test_no_request_no_decision() -> None:
    with pytest.raises(Conflict):
        rules.decided(_order(), "approved", None, NOW)


@pytest.mark.parametrize("decision", ["approved", "declined"])
def test_the_same_decision_again_changes_nothing(decision: str) -> None:
    asked = rules.requested(_order(), True, None, NOW)
    assert asked is not None
    once = rules.decided(asked, decision, "Noted", LATER)
    assert once is not None
    assert rules.decided(once, decision, "Noted", "2026-03-09T09:00:00Z") is None
    without = rules.decided(asked, decision, None, LATER)
    assert without is not None
    assert rules.decided(without, decision, None, LATER) is None


@pytest.mark.parametrize(("first", "then", "message"), [("approved", "declined", None), ("declined", "approved", None), ("approved", "approved", "Other")])  # fmt: skip
def test_another_decision_after_one_is_a_conflict(first: str, then: str, message: str | None) -> None:
    asked = rules.requested(_order(), True, None, NOW)
    assert asked is not None
    once = rules.decided(asked, first, None, LATER)
    assert once is not None
    with pytest.raises(Conflict):
        rules.decided(once, then, message, LATER)
