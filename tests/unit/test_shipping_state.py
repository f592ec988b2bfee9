"""The one shipping state (orders.rules, issue 27), as pure functions: records decide where any exist,
else a status of shipped, delivered, returned or refunded counts every line as shipped; and what the
list filter, the badge, each line, returns and cancellations make of it."""

from __future__ import annotations

from typing import Any

import pytest

from access_center.cancellations import rules as cancellations
from access_center.notifications.rules import is_history
from access_center.orders import rules
from access_center.orders.line_states import line_states
from access_center.orders.search import OrderQuery
from access_center.returns import rules as returns
from access_center.stores.settings import StoreSettings

PLACED = "2026-03-01T09:00:00Z"


def _order(status: str, *fulfilments: dict[str, Any]) -> dict[str, Any]:
    return {
        "status": status,
        "placed_at": PLACED,
        "items": [{"line_id": "a", "quantity": 2}, {"line_id": "b", "quantity": 1}],
        "fulfilments": list(fulfilments),
    }


def _f(fid: str, status: str | None = None, **lines: int) -> dict[str, Any]:
    found: dict[str, Any] = {
        "fulfilment_id": fid,
        "shipped_at": "2026-03-03T09:00:00Z",
        "items": [{"line_id": k, "quantity": v} for k, v in lines.items()],
    }
    if status:
        found["status"] = status
    return found


@pytest.mark.parametrize("status", ["shipped", "delivered", "returned", "refunded", "Delivered "])
def test_with_no_record_a_shipping_status_counts_every_line_shipped(status: str) -> None:
    order = _order(status)
    assert rules.shipped_quantities(order) == {"a": 2, "b": 1}
    assert rules.fulfilment_status(order) == rules.FULFILLED
    assert rules.shipping_filter(order) == rules.FULFILLED
    assert rules.shipped_by_word(order)


@pytest.mark.parametrize("status", ["pending", "processing", "awaiting_stock", "cancelled"])
def test_with_no_record_other_statuses_count_nothing_shipped(status: str) -> None:
    assert rules.shipped_quantities(_order(status)) == {"a": 0, "b": 0}
    assert rules.fulfilment_status(_order(status)) == rules.UNFULFILLED


def test_records_decide_where_any_exist_whatever_the_status_says() -> None:
    order = _order("shipped", _f("1", a=2))
    assert rules.shipped_quantities(order) == {"a": 2, "b": 0}
    assert rules.fulfilment_status(order) == rules.PARTIALLY_FULFILLED
    assert rules.order_status(order).label == "Partly shipped"
    delivered = _order("delivered", _f("1", a=2))
    assert rules.order_status(delivered).label == "Partly shipped"


def test_a_cancelled_record_is_no_record() -> None:
    order = _order("delivered", _f("1", status="cancelled", a=2, b=1))
    assert rules.shipped_quantities(order) == {"a": 2, "b": 1}  # the store's word counts again
    assert rules.order_status(order).outlook == "The store has marked this order as delivered."


def test_a_cancelled_order_with_nothing_shipped_is_in_no_shipping_filter() -> None:
    order = _order("cancelled")
    assert rules.fulfilment_status(order) == rules.UNFULFILLED  # the contract's value
    assert rules.shipping_filter(order) == rules.NOTHING_TO_SHIP
    assert rules.shipping_filter(_order("cancelled", _f("1", a=1))) == rules.PARTIALLY_FULFILLED


def test_the_badge_follows_the_derived_state() -> None:
    assert rules.order_status(_order("shipped", _f("1", a=2, b=1))).label == "Shipped"
    assert rules.order_status(_order("delivered", _f("1", a=2, b=1))).label == "Delivered"
    assert rules.order_status(_order("delivered")).label == "Delivered"
    assert rules.order_status(_order("processing", _f("1", b=1))).label == "Partly shipped"
    assert rules.order_status(_order("awaiting_stock")).label == "Awaiting stock"
    assert rules.order_status(_order("returned")).label == "Returned"


def _labels(order: dict[str, Any]) -> dict[str, str]:
    return {line_id: state.label for line_id, state in line_states(order).items()}


def test_each_line_says_what_happened_to_it() -> None:
    assert _labels(_order("shipped", _f("1", a=1))) == {"a": "1 of 2 shipped", "b": "Not yet shipped"}
    assert _labels(_order("returned")) == {"a": "Returned", "b": "Returned"}
    assert _labels(_order("refunded")) == {"a": "Refunded", "b": "Refunded"}
    assert _labels(_order("cancelled")) == {"a": "Cancelled", "b": "Cancelled"}
    assert _labels(_order("cancelled", _f("1", a=1))) == {"a": "1 of 2 shipped, 1 cancelled", "b": "Cancelled"}
    assert _labels(_order("delivered")) == {"a": "Delivered", "b": "Delivered"}
    waiting = {line_id: s.waiting for line_id, s in line_states(_order("shipped", _f("1", a=1))).items()}
    assert waiting == {"a": 1, "b": 1}
    assert all(s.waiting == 0 for s in line_states(_order("cancelled", _f("1", a=1))).values())


def test_shipped_on_the_stores_word_is_on_its_way_until_delivered() -> None:
    assert rules.on_its_way(_order("shipped"))
    assert not rules.on_its_way(_order("delivered"))


def test_returns_count_lines_shipped_on_the_stores_word_from_placed_at() -> None:
    assert returns.shipped(_order("delivered")) == {"a": (2, PLACED), "b": (1, PLACED)}
    assert returns.shipped(_order("shipped", _f("1", a=1))) == {"a": (1, "2026-03-03T09:00:00Z"), "b": (0, None)}
    settings = StoreSettings(returns_enabled=True)
    assert returns.returnable(_order("delivered"), settings, "2026-03-10T00:00:00Z") == {"a": 2, "b": 1}
    assert returns.refusal(_order("returned"), settings, "2026-03-10T00:00:00Z") == (
        "This order was returned. Contact the store about anything else."
    )


def test_cancellations_end_once_anything_counts_as_shipped() -> None:
    assert cancellations.refusal(_order("processing"), True) is None
    assert cancellations.refusal(_order("shipped"), True) == (
        "This order has shipped, so it can no longer be cancelled. You can return it once it arrives."
    )
    assert (cancellations.refusal(_order("processing", _f("1", a=1)), True) or "").startswith("Part of this order")


def test_history_is_one_rule_for_orders_and_parcels() -> None:
    assert not is_history("2026-03-01T09:00:00Z", "2026-03-08T09:00:00Z")  # 7 days: still news
    assert is_history("2026-03-01T09:00:00Z", "2026-03-08T09:00:01Z")
    assert not is_history(None, "2026-03-08T09:00:01Z")
    assert not is_history("2026-03-01T09:00:00Z", None)


def test_a_search_is_its_words() -> None:
    assert OrderQuery.of("  Yirgacheffe   250 ").q == "yirgacheffe 250"
    assert OrderQuery.of("#1002 grinder #1002").q == "1002 grinder"  # each word once, `#` dropped
    assert OrderQuery.of(" # ").q is None
