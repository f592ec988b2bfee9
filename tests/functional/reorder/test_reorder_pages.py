"""Order again on the customer pages: the order page's link, the preview page (what was paid, what it
costs now, what cannot be added and why), and its form, which answers a page with the store's cart
link (a form may not redirect off the site under the pages' CSP). Without JavaScript, like every page."""

from __future__ import annotations

import re
from html import unescape

import pytest

from devtools.emulator.gateway import Reply
from tests.harness.bodies import store_settings
from tests.harness.catalog import published, put_product
from tests.harness.support import Client, Shop

ANN = "ann@example.com"
CART = "https://shop.example/cart/{items}"
PAGE = "/store/account/orders/o1/reorder"


@pytest.fixture
def ann(shop: Shop, customer: Client) -> Client:
    """Ann, logged in, with order o1 (2 x MUG-1 at 12.50, 1 x TEA-9 at 8.00), a store with a cart link;
    the mug costs 14.00 now and the tea is out of stock."""
    assert shop.admin.put("/admin/stores/s1", store_settings(cart_url_template=CART)).status == 200
    assert shop.put_order("o1").status == 201
    assert put_product(shop.admin, "s1", "MUG-1", unit_price=1400).status == 200
    assert put_product(shop.admin, "s1", "TEA-9", unit_price=800, in_stock=False).status == 200
    shop.login(customer, ANN)
    return customer


def _csrf(reply: Reply) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', reply.body.decode())
    assert found, "no form token on the page"
    return unescape(found.group(1))


def _text(reply: Reply) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", unescape(reply.body.decode())).split())


def test_the_order_page_links_to_order_again_where_the_store_has_a_cart(shop: Shop, ann: Client) -> None:
    html = ann.get("/store/account/orders/o1").body.decode()
    assert f'href="{PAGE}"' in html
    assert shop.admin.put("/admin/stores/s1", store_settings()).status == 200  # no cart link
    assert f'href="{PAGE}"' not in ann.get("/store/account/orders/o1").body.decode()


def test_the_preview_page_shows_paid_and_current_prices_and_why_a_line_is_left_out(ann: Client) -> None:
    reply = ann.get(PAGE)
    assert reply.status == 200
    text = _text(reply)
    assert "Mug SKU MUG-1 2 €12.50 €14.00 Will be added" in text  # nothing is in a cart before the button
    assert "Tea SKU TEA-9 1 €8.00 €8.00 Out of stock: not added" in text
    assert "Add 2 items to my cart" in text
    assert published() == []  # looking is not ordering again


def test_the_form_answers_the_cart_link_with_only_what_can_be_added_and_tells_the_store(ann: Client) -> None:
    preview = ann.get(PAGE)
    reply = ann.form(PAGE, {"csrf": _csrf(preview)})
    assert reply.status == 200
    html = reply.body.decode()
    assert 'href="https://shop.example/cart/MUG-1:2"' in html
    assert "Go to your cart" in html
    [event] = published()
    assert event["detail_type"] == "ReorderStarted"
    assert event["detail"]["cart_url"] == "https://shop.example/cart/MUG-1:2"


def test_nothing_addable_says_so_and_offers_no_button(shop: Shop, ann: Client) -> None:
    assert put_product(shop.admin, "s1", "MUG-1", unit_price=1400, available=False).status == 200
    reply = ann.get(PAGE)
    assert reply.status == 200
    assert "Nothing from this order can be added to your cart right now" in _text(reply)
    assert "to my cart" not in _text(reply)
    # A form posted from an older page gets the preview again, saying why; the store hears nothing.
    posted = ann.form(PAGE, {"csrf": _csrf(reply)})
    assert posted.status == 409
    assert "Nothing from this order can be added to the cart now" in _text(posted)
    assert published() == []


def test_the_form_without_its_token_is_refused(ann: Client) -> None:
    assert ann.form(PAGE, {}).status == 403
    assert published() == []


def test_another_customers_order_has_no_order_again_page(shop: Shop, ann: Client) -> None:
    from tests.harness.bodies import order_body

    assert shop.put_order("o2", order_body(email="bob@example.com", number="1002")).status == 201
    assert ann.get("/store/account/orders/o2/reorder").status == 404


def test_without_a_session_the_page_sends_to_login_and_back(shop: Shop, gateway: object) -> None:
    stranger = Client(gateway, host="shop.example")  # type: ignore[arg-type]
    reply = stranger.get(PAGE)
    assert reply.status == 303
    assert reply.header("Location") == "/store/account/login?next=/store/account/orders/o1/reorder"
