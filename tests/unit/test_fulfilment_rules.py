"""Fulfilment arithmetic, as pure functions."""

from __future__ import annotations

from typing import Any

import pytest

from access_center.core.errors import Conflict, Unprocessable
from access_center.orders import rules


def _order(*fulfilments: dict[str, Any]) -> dict[str, Any]:
    return {
        "items": [{"line_id": "a", "quantity": 3}, {"line_id": "b", "quantity": 1}],
        "fulfilments": list(fulfilments),
    }


def _f(fid: str, status: str = "shipped", **lines: int) -> dict[str, Any]:
    return {"fulfilment_id": fid, "status": status, "items": [{"line_id": k, "quantity": v} for k, v in lines.items()]}


def test_status_is_unfulfilled_partial_then_fulfilled() -> None:
    assert rules.fulfilment_status(_order()) == "unfulfilled"
    assert rules.fulfilment_status(_order(_f("1", a=1))) == "partially_fulfilled"
    assert rules.fulfilment_status(_order(_f("1", a=3), _f("2", b=1))) == "fulfilled"


def test_cancelled_fulfilments_do_not_count() -> None:
    assert rules.fulfilment_status(_order(_f("1", status="cancelled", a=3, b=1))) == "unfulfilled"


def test_omitted_lines_resolve_to_what_remains() -> None:
    assert rules.resolve_lines(_order(_f("1", a=1)), "2", None) == [
        {"line_id": "a", "quantity": 2},
        {"line_id": "b", "quantity": 1},
    ]


def test_a_fulfilment_does_not_compete_with_itself_on_replay() -> None:
    order = _order(_f("1", a=3))
    assert rules.resolve_lines(order, "1", [{"line_id": "a", "quantity": 3}]) == [{"line_id": "a", "quantity": 3}]
    with pytest.raises(Conflict):
        rules.resolve_lines(order, "2", [{"line_id": "a", "quantity": 1}])


def test_unknown_lines_are_unprocessable() -> None:
    with pytest.raises(Unprocessable):
        rules.resolve_lines(_order(), "1", [{"line_id": "zzz", "quantity": 1}])


def test_nothing_left_is_a_conflict() -> None:
    with pytest.raises(Conflict):
        rules.resolve_lines(_order(_f("1", a=3, b=1)), "2", None)


def test_an_update_may_not_drop_a_shipped_line() -> None:
    with pytest.raises(Conflict):
        rules.check_items_cover_fulfilments(_order(_f("1", b=1)), [{"line_id": "a", "quantity": 3}])
    rules.check_items_cover_fulfilments(_order(_f("1", a=1)), [{"line_id": "a", "quantity": 1}])
