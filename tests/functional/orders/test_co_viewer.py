"""A co-viewer (sticky contact, API.md section 3) sees another email's order but may not act on it
(section 11): returning, cancelling and ordering again are 403 `forbidden` for them, over JSON and the
order page's forms, and write nothing; the order page offers them no such form and says why. The buyer
keeps every action."""

from __future__ import annotations

import re
from html import unescape

import pytest

from access_center.orders.acting import CO_VIEWER
from devtools.emulator.gateway import Gateway, Reply
from tests.harness.bodies import order_body
from tests.harness.catalog import published
from tests.harness.support import Client, Shop

FIRST, LATER = "first@example.com", "later@example.com"
CART = "https://sticky.example/cart/{items}"
BASE = "/store/account"


@pytest.fixture
def sticky(admin: Client) -> Shop:
    """A store with sticky contact, returns, cancellations and a cart: first@ ordered in a browser session,
    later@ ordered in the same one (so first@ also sees later@'s orders). `shipped` has its mugs sent."""
    shop = Shop.create(
        admin,
        "sticky",
        "sticky.example",
        sticky_contact=True,
        returns_enabled=True,
        cancellations_enabled=True,
        cart_url_template=CART,
    )
    assert shop.put_order("mine", order_body(FIRST, "1", browser_session_id="b-1")).status == 201
    assert shop.put_order("open", order_body(LATER, "2", browser_session_id="b-1")).status == 201
    assert shop.put_order("shipped", order_body(LATER, "3", browser_session_id="b-1")).status == 201
    assert shop.fulfil("shipped", "f1", {"items": [{"line_id": "l1", "quantity": 2}], "carrier": "UPS"}).status == 200
    for sku in ("MUG-1", "TEA-9"):
        product = {"name": sku, "unit_price": 100, "currency": "EUR", "available": True, "in_stock": True}
        assert admin.put(f"/admin/stores/sticky/products/{sku}", product).status == 200
    return shop


def _signed_in(gateway: Gateway, shop: Shop, email: str, ip: str) -> Client:
    client = Client(gateway, "sticky.example", ip=ip)
    shop.login(client, email)
    return client


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no form token on the page"
    return unescape(found.group(1))


def _forbidden(reply: Reply) -> None:
    assert reply.status == 403, reply.body
    assert reply.json() == {"error": "forbidden", "message": CO_VIEWER}


def test_a_co_viewer_sees_the_order_but_cannot_return_cancel_or_order_it_again(sticky: Shop, gateway: Gateway) -> None:
    first = _signed_in(gateway, sticky, FIRST, "198.51.100.21")
    listed = [o["order_id"] for o in first.get(f"{BASE}/api/orders").json()["orders"]]
    assert set(listed) == {"mine", "open", "shipped"}  # the documented quirk: still visible
    assert first.get(f"{BASE}/api/orders/shipped").status == 200
    assert first.get(f"{BASE}/api/orders/shipped/reorder").status == 200  # looking at prices is reading
    before = {order_id: sticky.stored_order(order_id) for order_id in ("open", "shipped")}
    events_before = len(published())

    _forbidden(
        first.post(
            f"{BASE}/api/orders/shipped/returns", {"items": [{"line_id": "l1", "quantity": 2, "reason": "other"}]}
        )
    )
    _forbidden(first.post(f"{BASE}/api/orders/open/cancellation", {"reason": "changed my mind"}))
    _forbidden(first.post(f"{BASE}/api/orders/shipped/reorder"))

    assert {order_id: sticky.stored_order(order_id) for order_id in ("open", "shipped")} == before
    assert len(published()) == events_before  # no ReorderStarted, no request of any kind


def test_the_co_viewers_forms_are_refused_and_the_order_page_says_why(sticky: Shop, gateway: Gateway) -> None:
    first = _signed_in(gateway, sticky, FIRST, "198.51.100.22")
    for order_id in ("open", "shipped"):
        html = first.get(f"{BASE}/orders/{order_id}").body.decode()
        for action in ("/cancellation", "/returns", "/reorder"):
            assert f"/orders/{order_id}{action}" not in html
        assert unescape(html).count(CO_VIEWER) >= 2  # order again, and cancellation or returns
    preview = first.get(f"{BASE}/orders/shipped/reorder").body.decode()
    assert 'action="/store/account/orders/shipped/reorder"' not in preview
    assert CO_VIEWER in unescape(preview)

    csrf = _csrf(first.get(f"{BASE}/orders/mine").body.decode())
    before = sticky.stored_order("shipped"), sticky.stored_order("open")
    posts = {
        f"{BASE}/orders/shipped/returns": {"csrf": csrf, "quantity:l1": "1", "reason:l1": "other"},
        f"{BASE}/orders/open/cancellation": {"csrf": csrf, "reason": "no"},
        f"{BASE}/orders/shipped/reorder": {"csrf": csrf},
    }
    for path, fields in posts.items():
        refused = first.form(path, fields)
        assert refused.status == 403, path
        assert CO_VIEWER in unescape(refused.body.decode())
    assert (sticky.stored_order("shipped"), sticky.stored_order("open")) == before


def test_the_buyer_still_acts_on_their_own_order(sticky: Shop, gateway: Gateway) -> None:
    later = _signed_in(gateway, sticky, LATER, "198.51.100.23")
    html = unescape(later.get(f"{BASE}/orders/shipped").body.decode())
    assert CO_VIEWER not in html
    assert 'name="quantity:l1"' in html
    body = {"items": [{"line_id": "l1", "quantity": 1, "reason": "other"}]}
    assert later.post(f"{BASE}/api/orders/shipped/returns", body).status == 201
    assert later.post(f"{BASE}/api/orders/open/cancellation", {}).status == 202
    assert later.post(f"{BASE}/api/orders/shipped/reorder").status == 200
    first = _signed_in(gateway, sticky, FIRST, "198.51.100.24")
    assert first.post(f"{BASE}/api/orders/mine/cancellation", {}).status == 202  # their own order
