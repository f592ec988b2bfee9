"""A refused page form is shown again (web.forms): the page it is on, with what the customer typed kept
and the error in plain words beside the field (aria-invalid, aria-describedby), never a dead-end error
page; nothing is written. Over the emulated gateway, without JavaScript; tests/e2e/test_pages_on_devices.py
does the same in Chromium."""

from __future__ import annotations

import re
from html import unescape

import pytest

from devtools.emulator.gateway import Reply
from tests.harness.streams import drain_order_stream
from tests.harness.support import Client, Shop

ANN = "ann@example.com"
BASE = "/store/account"


@pytest.fixture
def ann(shop: Shop, customer: Client) -> Client:
    """Ann, logged in, with order o1 whose two mugs (l1) shipped at a store that takes returns."""
    shop.settings(returns_enabled=True)
    assert shop.put_order("o1").status == 201
    assert shop.fulfil("o1", "f1", {"items": [{"line_id": "l1", "quantity": 2}], "carrier": "UPS"}).status == 200
    shop.login(customer, ANN)
    drain_order_stream()
    return customer


def _csrf(reply: Reply) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', reply.body.decode())
    assert found, "no form token on the page"
    return unescape(found.group(1))


def _tag(html: str, element_id: str) -> str:
    found = re.search(rf'<(?:input|select|textarea)[^>]*\bid="{re.escape(element_id)}"[^>]*>', html)
    assert found, f"no field {element_id}"
    return found.group(0)


def _error(html: str, error_id: str) -> str:
    found = re.search(rf'<span class="field-error" id="{re.escape(error_id)}">([^<]*)</span>', html)
    assert found, f"no message {error_id}"
    return unescape(found.group(1))


def _ask_return(ann: Client, **fields: str) -> Reply:
    page = ann.get(f"{BASE}/orders/o1")
    return ann.form(f"{BASE}/orders/o1/returns", {"csrf": _csrf(page), **fields})


def test_a_return_with_no_items_shows_the_order_page_again_with_the_comment_kept(ann: Client) -> None:
    refused = _ask_return(ann, **{"quantity:l1": "0", "reason:l1": "wrong_item", "comment": "Box was <wet>\nsorry"})
    assert refused.status == 400
    html = refused.body.decode()
    assert "<h1>Order #1001</h1>" in html  # the order page, not an error page
    assert "<title>Error: Order #1001" in html
    assert _error(html, "returns-error") == "Choose how many of at least one item to return."
    quantity = _tag(html, "quantity-l1")
    assert 'aria-invalid="true"' in quantity
    assert 'aria-describedby="returns-error"' in quantity
    assert 'value="0"' in quantity
    assert "Box was &lt;wet&gt;\nsorry</textarea>" in html  # kept, and escaped
    assert '<option value="wrong_item" selected>' in html
    assert 'role="alert"' in html
    assert 'href="#quantity-l1"' in html  # the summary at the top links to the field
    assert ann.get(f"{BASE}/api/orders/o1/returns").json()["returns"] == []


def test_a_long_comment_is_marked_beside_the_comment_with_the_lines_kept(ann: Client) -> None:
    refused = _ask_return(ann, **{"quantity:l1": "2", "reason:l1": "damaged", "comment": "x" * 1001})
    assert refused.status == 400
    html = refused.body.decode()
    assert _error(html, "returns-error") == "Keep the comment under 1,000 characters."
    assert 'aria-describedby="returns-error"' in _tag(html, "return-comment")
    assert "aria-invalid" not in _tag(html, "quantity-l1")
    assert 'value="2"' in _tag(html, "quantity-l1")
    assert ann.get(f"{BASE}/api/orders/o1/returns").json()["returns"] == []


def test_a_reason_not_offered_or_too_many_marks_that_line(ann: Client) -> None:
    bad_reason = _ask_return(ann, **{"quantity:l1": "1", "reason:l1": "bored"})
    assert bad_reason.status == 422
    assert _error(bad_reason.body.decode(), "returns-error") == "Choose one of the reasons in the list."
    assert 'aria-invalid="true"' in _tag(bad_reason.body.decode(), "reason-l1")
    too_many = _ask_return(ann, **{"quantity:l1": "3", "reason:l1": "damaged"})
    assert too_many.status == 422
    assert 'value="3"' in _tag(too_many.body.decode(), "quantity-l1")
    assert 'aria-invalid="true"' in _tag(too_many.body.decode(), "quantity-l1")
    assert ann.get(f"{BASE}/api/orders/o1/returns").json()["returns"] == []


def test_a_page_with_nothing_refused_marks_nothing(ann: Client) -> None:
    html = ann.get(f"{BASE}/orders/o1").body.decode()
    assert "aria-invalid" not in html
    assert "field-error" not in html
    assert "<title>Error" not in html
    assert 'value="0"' in _tag(html, "quantity-l1")


def test_reversed_dates_show_the_search_again_in_plain_words(ann: Client) -> None:
    refused = ann.get(f"{BASE}/orders?q=mug&from=2026-12-01&to=2026-11-01&sort=expected_delivery")
    assert refused.status == 400
    html = refused.body.decode()
    message = _error(html, "orders-filter-error")
    assert message == "“Placed from” is after “to”: choose a start date on or before the end date."
    assert "`" not in message
    for name, day in (("from", "2026-12-01"), ("to", "2026-11-01")):
        field = _tag(html, name)
        assert f'value="{day}"' in field
        assert 'aria-invalid="true"' in field
        assert 'aria-describedby="orders-filter-error"' in field
    assert 'value="mug"' in _tag(html, "q")
    assert '<option value="expected_delivery" selected>' in html
    assert "<h1>Orders</h1>" in html
    assert "No orders match" not in html  # no list claiming a result for a search that did not run


def test_good_dates_still_filter(ann: Client) -> None:
    listed = ann.get(f"{BASE}/orders?from=2026-01-01&to=2026-12-31")
    assert listed.status == 200
    assert "aria-invalid" not in listed.body.decode()
    assert "#1001" in listed.body.decode()
