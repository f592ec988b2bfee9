"""The rules of returns (returns.rules), as pure functions: what may be returned (shipped, minus what
other returns hold, within the store's window from the line's last shipment), the refusals, the
numbering, a double click, and how a return moves on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from access_center.core.errors import Conflict, Unprocessable
from access_center.returns import rules
from access_center.stores.settings import StoreSettings

PLACED = "2026-03-01T09:00:00Z"
SHIPPED_AT = "2026-03-03T09:00:00Z"
ON = StoreSettings(returns_enabled=True)
OFF = StoreSettings()
SOON = "2026-03-05T09:00:00Z"  # well inside the default 30-day window from SHIPPED_AT
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _iso(dt: datetime) -> str:
    return dt.astimezone(UTC).replace(tzinfo=None).isoformat() + "Z"


def _order(
    *fulfilments: dict[str, Any], status: str = "processing", returns: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    return {
        "number": "#1001",
        "status": status,
        "placed_at": PLACED,
        "items": [{"line_id": "a", "name": "Mug", "quantity": 3}, {"line_id": "b", "name": "Grinder", "quantity": 1}],
        "fulfilments": list(fulfilments),
        "returns": list(returns or []),
    }


def _f(fid: str, shipped_at: str = SHIPPED_AT, status: str = "shipped", **lines: int) -> dict[str, Any]:
    return {
        "fulfilment_id": fid,
        "status": status,
        "shipped_at": shipped_at,
        "items": [{"line_id": k, "quantity": v} for k, v in lines.items()],
    }


def _r(return_id: str, status: str = "requested", comment: str | None = None, **lines: int) -> dict[str, Any]:
    found: dict[str, Any] = {
        "return_id": return_id,
        "number": f"R-1001-{return_id}",
        "status": status,
        "items": [{"line_id": k, "name": k, "quantity": v, "reason": "damaged"} for k, v in lines.items()],
        "requested_at": SOON,
        "updated_at": SOON,
    }
    if comment:
        found["comment"] = comment
    return found


def _line(line_id: str, quantity: int, reason: str = "damaged") -> dict[str, Any]:
    return {"line_id": line_id, "quantity": quantity, "reason": reason}


# ------------------------------------------------------------------------------ settings
def test_the_default_reasons_apply_unless_the_store_lists_its_own() -> None:
    assert rules.reasons(OFF) == rules.DEFAULT_REASONS
    assert rules.reasons(StoreSettings.from_stored({"return_reasons": []})) == rules.DEFAULT_REASONS
    assert rules.reasons(StoreSettings.from_stored({"return_reasons": ["too_big", "other"]})) == ("too_big", "other")


def test_the_window_is_thirty_days_unless_the_store_sets_one() -> None:
    assert rules.window_days(OFF) == 30
    assert rules.window_days(StoreSettings.from_stored({"return_window_days": None})) == 30
    assert rules.window_days(StoreSettings.from_stored({"return_window_days": 14})) == 14


# ------------------------------------------------------------------------------ what has shipped, and when
def test_a_line_ships_as_of_its_last_parcel_that_counts() -> None:
    order = _order(
        _f("1", "2026-03-02T09:00:00Z", a=1),
        _f("2", "2026-03-04T09:00:00Z", a=1),
        _f("3", "2026-03-09T09:00:00Z", status="cancelled", a=1, b=1),
    )
    assert rules.shipped(order) == {"a": (2, "2026-03-04T09:00:00Z"), "b": (0, None)}


def test_a_line_shipped_on_the_stores_word_alone_counts_from_the_order_placed_at() -> None:
    assert rules.shipped(_order(status="delivered")) == {"a": (3, PLACED), "b": (1, PLACED)}


def test_every_return_but_a_declined_one_holds_its_quantities() -> None:
    order = _order(
        returns=[
            _r("1", "requested", a=1),
            _r("2", "approved", a=1, b=1),
            _r("3", "received", b=1),
            _r("4", "refunded", a=1),
            _r("5", "declined", a=3),
        ]
    )
    assert rules.held(order) == {"a": 3, "b": 2}


def test_returnable_is_shipped_minus_held_never_below_zero() -> None:
    order = _order(_f("1", a=2, b=1), returns=[_r("1", a=1), _r("2", "received", b=1)])
    assert rules.returnable(order, ON, SOON) == {"a": 1, "b": 0}
    overheld = _order(_f("1", a=1), returns=[_r("1", a=1), _r("2", "approved", a=1)])
    assert rules.returnable(overheld, ON, SOON)["a"] == 0


def test_the_window_closes_after_the_last_day_inclusive() -> None:
    order = _order(_f("1", a=3))
    last_day = _iso(datetime.fromisoformat(SHIPPED_AT) + timedelta(days=30))
    a_second_late = _iso(datetime.fromisoformat(SHIPPED_AT) + timedelta(days=30, seconds=1))
    assert rules.returnable(order, ON, last_day)["a"] == 3
    assert rules.returnable(order, ON, a_second_late)["a"] == 0
    assert rules.returnable(order, ON._replace(return_window_days=7), _iso(datetime(2026, 3, 11, tzinfo=UTC)))["a"] == 0


def test_a_later_parcel_of_the_line_reopens_its_window_not_the_others() -> None:
    order = _order(_f("1", "2026-01-01T09:00:00Z", a=1, b=1), _f("2", "2026-03-01T09:00:00Z", a=1))
    assert rules.returnable(order, ON, "2026-03-10T09:00:00Z") == {"a": 2, "b": 0}


# Any order of two lines with up to three parcels and up to four earlier returns.
_lines = st.fixed_dictionaries({"a": st.integers(1, 4), "b": st.integers(1, 4)})
_parcel = st.fixed_dictionaries(
    {
        "status": st.sampled_from(["shipped", "delivered", "cancelled"]),
        "days": st.integers(0, 60),
        "a": st.integers(0, 4),
        "b": st.integers(0, 4),
    }
)
_earlier = st.fixed_dictionaries(
    {
        "status": st.sampled_from(["requested", "approved", "declined", "received", "refunded"]),
        "a": st.integers(0, 3),
        "b": st.integers(0, 3),
    }
)
_start = datetime(2026, 1, 1, 9, tzinfo=UTC)


def _built(
    ordered: dict[str, int], parcels: list[dict[str, Any]], earlier: list[dict[str, Any]], status: str
) -> dict[str, Any]:
    return {
        "number": "#77",
        "status": status,
        "placed_at": _iso(_start),
        "items": [{"line_id": k, "name": k.upper(), "quantity": q} for k, q in ordered.items()],
        "fulfilments": [
            _f(f"f{n}", _iso(_start + timedelta(days=p["days"])), p["status"], **{k: p[k] for k in "ab" if p[k]})
            for n, p in enumerate(parcels)
            if p["a"] or p["b"]
        ],
        "returns": [
            _r(f"r{n}", e["status"], **{k: e[k] for k in "ab" if e[k]})
            for n, e in enumerate(earlier)
            if e["a"] or e["b"]
        ],
    }


@PROPERTY
@given(
    ordered=_lines,
    parcels=st.lists(_parcel, max_size=3),
    earlier=st.lists(_earlier, max_size=4),
    status=st.sampled_from(["processing", "shipped", "delivered"]),
    days=st.integers(0, 120),
    window=st.integers(1, 60),
)
def test_never_more_returnable_than_shipped_minus_already_returned(
    ordered: dict[str, int],
    parcels: list[dict[str, Any]],
    earlier: list[dict[str, Any]],
    status: str,
    days: int,
    window: int,
) -> None:
    order = _built(ordered, parcels, earlier, status)
    settings_ = ON._replace(return_window_days=window)
    now = _iso(_start + timedelta(days=days))
    left = rules.returnable(order, settings_, now)
    shipped = rules.shipped(order)
    held = rules.held(order)
    # A model kept here, not the module's own sums.
    by_record = any(p["status"] != "cancelled" and (p["a"] or p["b"]) for p in parcels)
    for line_id, quantity in ordered.items():
        if by_record:
            counted = [p for p in parcels if p["status"] != "cancelled" and p[line_id]]
            sent = min(quantity, sum(p[line_id] for p in counted))
            last = max((p["days"] for p in counted), default=None)
        else:
            sent = quantity if status in ("shipped", "delivered") else 0
            last = 0 if sent else None
        assert shipped[line_id][0] == sent
        kept = sum(e[line_id] for e in earlier if e["status"] != "declined")
        assert held.get(line_id, 0) == kept
        in_window = last is not None and days <= last + window
        assert left[line_id] == (max(0, sent - kept) if in_window else 0)
        assert 0 <= left[line_id] <= sent


@PROPERTY
@given(
    ordered=_lines,
    parcels=st.lists(_parcel, max_size=3),
    asks=st.lists(st.tuples(st.sampled_from(["a", "b"]), st.integers(1, 5)), min_size=1, max_size=8),
    days=st.integers(0, 40),
)
def test_accepted_requests_in_sequence_never_hold_more_than_shipped(
    ordered: dict[str, int], parcels: list[dict[str, Any]], asks: list[tuple[str, int]], days: int
) -> None:
    order = _built(ordered, parcels, [], "processing")
    now = _iso(_start + timedelta(days=days))
    for n, (line_id, quantity) in enumerate(asks):
        before = rules.returnable(order, ON, now).get(line_id, 0)
        try:
            changed, made = rules.requested(order, ON, f"ret{n}", [_line(line_id, quantity)], f"ask {n}", now)
        except (Conflict, Unprocessable):
            assert quantity > before or not any(rules.returnable(order, ON, now).values())
            continue
        assert changed is not None
        assert quantity <= before
        assert made["number"] == f"R-77-{len(changed['returns'])}"
        order = changed
    shipped = rules.shipped(order)
    for line_id, held in rules.held(order).items():
        assert held <= shipped[line_id][0]


# ------------------------------------------------------------------------------ refusals
def test_returns_switched_off_refuse_every_request() -> None:
    order = _order(_f("1", a=3, b=1))
    assert rules.refusal(order, OFF, SOON) is not None
    only_true = StoreSettings.from_stored({"returns_enabled": "true"})  # only True switches it on
    assert rules.refusal(order, only_true, SOON) is not None
    assert rules.refusal(order, ON, SOON) is None


@pytest.mark.parametrize("status", ["returned", "refunded", " Refunded "])
def test_an_order_the_store_settled_takes_no_request(status: str) -> None:
    why = rules.refusal(_order(_f("1", a=3), status=status), ON, SOON)
    assert why is not None
    assert status.strip().lower() in why


def test_nothing_shipped_means_nothing_to_return() -> None:
    assert "Nothing of this order has shipped" in str(rules.refusal(_order(), ON, SOON))
    assert "Nothing of this order has shipped" in str(rules.refusal(_order(_f("1", status="cancelled", a=3)), ON, SOON))


def test_an_order_with_the_most_returns_takes_no_more() -> None:
    many = [_r(str(n), "declined", a=1) for n in range(rules.MAX_RETURNS)]
    assert str(rules.MAX_RETURNS) in str(rules.refusal(_order(_f("1", a=3), returns=many), ON, SOON))
    assert rules.refusal(_order(_f("1", a=3), returns=many[:-1]), ON, SOON) is None


def test_everything_held_or_past_the_window_takes_no_request() -> None:
    held = _order(_f("1", a=3), returns=[_r("1", a=3)])
    assert "already in a return" in str(rules.refusal(held, ON, SOON))
    assert "return window" in str(rules.refusal(_order(_f("1", a=3)), ON, "2026-06-01T00:00:00Z"))


# ------------------------------------------------------------------------------ a request
def test_a_request_is_numbered_after_the_orders_returns_and_names_its_lines() -> None:
    order = _order(_f("1", a=3, b=1), returns=[_r("1", "declined", a=1)])
    changed, made = rules.requested(order, ON, "new", [_line("a", 2, "wrong_item")], "Too small", SOON)
    assert made == {
        "return_id": "new",
        "number": "R-1001-2",
        "status": "requested",
        "items": [{"line_id": "a", "name": "Mug", "quantity": 2, "reason": "wrong_item"}],
        "requested_at": SOON,
        "updated_at": SOON,
        "comment": "Too small",
    }
    assert changed is not None
    assert changed["returns"][-1] == made
    assert len(changed["returns"]) == 2
    assert len(order["returns"]) == 1  # the order given is left as it was


def test_a_request_without_a_comment_stores_none() -> None:
    _, made = rules.requested(_order(_f("1", a=3)), ON, "new", [_line("a", 1)], "", SOON)
    assert "comment" not in made


def test_the_same_request_again_answers_the_open_return() -> None:
    order = _order(_f("1", a=3, b=1))
    changed, made = rules.requested(order, ON, "r1", [_line("a", 1), _line("b", 1)], "note", SOON)
    assert changed is not None
    again, same = rules.requested(changed, ON, "r2", [_line("b", 1), _line("a", 1)], "note", SOON)
    assert again is None
    assert same == made
    # Another comment, or the same once the return is no longer open, is a new request (b is all held now).
    with pytest.raises(Unprocessable):
        rules.requested(changed, ON, "r3", [_line("a", 1), _line("b", 1)], "other", SOON)
    approved = {**changed, "returns": [{**made, "status": "approved"}]}
    with pytest.raises(Unprocessable):
        rules.requested(approved, ON, "r4", [_line("a", 1), _line("b", 1)], "note", SOON)


def test_the_same_request_answers_the_open_return_even_once_refused_now() -> None:
    order = _order(_f("1", a=3), returns=[_r("1", a=1, comment="hi")])
    again, same = rules.requested(order, OFF, "r2", [_line("a", 1)], "hi", SOON)
    assert again is None
    assert same["return_id"] == "1"


def test_a_refused_order_is_a_conflict() -> None:
    with pytest.raises(Conflict):
        rules.requested(_order(_f("1", a=3)), OFF, "r", [_line("a", 1)], None, SOON)


def test_lines_not_in_the_order_are_unprocessable() -> None:
    with pytest.raises(Unprocessable) as raised:
        rules.requested(_order(_f("1", a=3)), ON, "r", [_line("a", 1), _line("zzz", 1)], None, SOON)
    assert raised.value.details == [{"line_id": "zzz"}]


def test_a_reason_outside_the_stores_list_is_unprocessable() -> None:
    own = ON._replace(return_reasons=("too_big",))
    with pytest.raises(Unprocessable) as raised:
        rules.requested(_order(_f("1", a=3)), own, "r", [_line("a", 1, "damaged")], None, SOON)
    assert raised.value.details == [{"line_id": "a", "reasons": ["too_big"]}]
    _, made = rules.requested(_order(_f("1", a=3)), own, "r", [_line("a", 1, "too_big")], None, SOON)
    assert made["items"][0]["reason"] == "too_big"


def test_more_than_returnable_is_unprocessable_with_each_lines_limit() -> None:
    order = _order(_f("1", a=2, b=1), returns=[_r("1", a=1)])
    with pytest.raises(Unprocessable) as raised:
        rules.requested(order, ON, "r", [_line("a", 2), _line("b", 1)], None, SOON)
    assert raised.value.details == [{"line_id": "a", "returnable": 1, "requested": 2}]


# ------------------------------------------------------------------------------ how a return moves on
@pytest.mark.parametrize(
    ("start", "to"),
    [("requested", "approved"), ("requested", "declined"), ("approved", "received"), ("received", "refunded")],
)
def test_a_return_moves_only_along_its_states(start: str, to: str) -> None:
    order = _order(_f("1", a=3), returns=[_r("1", start, a=1)])
    changed = rules.updated(order, "1", to, None, None, "2026-03-06T09:00:00Z")
    assert changed is not None
    assert changed["returns"][0]["status"] == to
    assert changed["returns"][0]["updated_at"] == "2026-03-06T09:00:00Z"


ALL_STATES = ["requested", "approved", "declined", "received", "refunded"]


@pytest.mark.parametrize("start", ALL_STATES)
@pytest.mark.parametrize("to", ["approved", "declined", "received", "refunded"])
def test_any_other_move_is_a_conflict(start: str, to: str) -> None:
    if to in rules.NEXT.get(start, set()) or to == start:
        return
    with pytest.raises(Conflict):
        rules.updated(_order(returns=[_r("1", start, a=1)]), "1", to, None, None, SOON)


@pytest.mark.parametrize("start", ALL_STATES)
def test_the_same_state_again_changes_nothing(start: str) -> None:
    order = _order(returns=[{**_r("1", start, a=1), "message": "ok", "label_url": "https://label.example/1"}])
    assert rules.updated(order, "1", start, None, None, SOON) is None
    assert rules.updated(order, "1", start, "ok", "https://label.example/1", SOON) is None


def test_the_same_state_with_new_details_is_a_conflict() -> None:
    order = _order(returns=[_r("1", "approved", a=1)])
    with pytest.raises(Conflict):
        rules.updated(order, "1", "approved", "Send it back", None, SOON)


def test_a_move_keeps_the_message_and_label_given() -> None:
    order = _order(returns=[_r("1", a=1), _r("2", a=1)])
    changed = rules.updated(order, "2", "approved", "Use the label", "https://label.example/2", SOON)
    assert changed is not None
    assert changed["returns"][0] == order["returns"][0]
    assert changed["returns"][1]["message"] == "Use the label"
    assert changed["returns"][1]["label_url"] == "https://label.example/2"
    assert order["returns"][1]["status"] == "requested"  # the order given is left as it was


def test_an_unknown_return_is_a_conflict() -> None:
    with pytest.raises(Conflict):
        rules.updated(_order(returns=[_r("1", a=1)]), "nope", "approved", None, None, SOON)
