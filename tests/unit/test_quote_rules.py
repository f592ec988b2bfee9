"""Where a quote stands and whether it can still be answered (quotes.rules), and the cart link of an accepted
quote: pure rules, property-tested where they compare times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from access_center.core.clock import iso_from
from access_center.quotes import rules
from access_center.quotes.shapes import QuoteLine

NOW = "2026-11-20T10:00:00Z"


def _line(sku: str, quantity: int) -> QuoteLine:
    return {"line_id": sku, "sku": sku, "name": sku, "quantity": quantity, "unit_price": 100, "options": []}


@pytest.mark.parametrize(
    ("stored", "valid_until", "expected"),
    [
        ("open", None, "open"),
        ("open", "2026-11-20T10:00:01Z", "open"),
        ("open", NOW, "expired"),  # valid until that moment, not at it
        ("open", "2026-11-20T09:59:59Z", "expired"),
        ("accepted", "2000-01-01T00:00:00Z", "accepted"),  # an answer stays what it was, expired or not
        ("declined", "2000-01-01T00:00:00Z", "declined"),
        ("declined", None, "declined"),
    ],
)
def test_a_quotes_status_at_a_moment(stored: str, valid_until: str | None, expected: str) -> None:
    assert rules.status(stored, valid_until, NOW) == expected


moments = st.datetimes(min_value=datetime(1000, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(UTC))


@given(moments, moments)
def test_text_comparison_of_contract_times_is_time_comparison(a: datetime, b: datetime) -> None:
    # The answer's condition compares valid_until with now as text inside DynamoDB: that must agree
    # with comparing the moments, across every year the timestamps allow.
    assert (iso_from(a) < iso_from(b)) == (a.replace(microsecond=0) < b.replace(microsecond=0))


@given(moments, st.integers(min_value=1, max_value=10**6))
def test_an_open_quote_expires_exactly_at_valid_until(moment: datetime, seconds: int) -> None:
    valid_until = iso_from(moment)
    before = iso_from(moment - timedelta(seconds=seconds))
    after = iso_from(moment + timedelta(seconds=seconds)) if moment.year < 9999 else valid_until
    assert rules.status("open", valid_until, before) == "open"
    assert rules.status("open", valid_until, valid_until) == "expired"
    assert rules.status("open", valid_until, after) == "expired"


def test_only_an_open_quote_can_be_answered() -> None:
    assert rules.answerable("open")
    assert not any(rules.answerable(status) for status in ("expired", "accepted", "declined"))


def test_the_cart_link_has_every_line_with_one_pair_per_sku() -> None:
    lines = [_line("GRN-1", 1), _line("FLT 100/b", 2), _line("GRN-1", 2)]
    assert rules.cart_url("https://s.example/cart/{items}", lines) == "https://s.example/cart/GRN-1:3,FLT%20100%2Fb:2"
    assert rules.cart_url(None, lines) is None
