"""Orientation on the pages: the way back to the store's shop (`storefront_url`), who is logged in, what
each order was (first items, item count, thumbnails) and a favicon."""

from __future__ import annotations

import re
from html import unescape

import pytest

from tests.harness.bodies import order_body, order_line, store_settings
from tests.harness.support import Client, Shop

BASE = "/store/account"
ANN = "ann@example.com"
PICTURE = "https://cdn.example/mug.jpg"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


@pytest.mark.parametrize("url", ["http://shop.example/", "javascript:alert(1)", "shop.example", ""])
def test_the_storefront_url_must_be_an_https_url(admin: Client, url: str) -> None:
    reply = admin.put("/admin/stores/s9", store_settings(storefront_url=url))
    assert reply.status == 400
    assert any(d["loc"][-1] == "storefront_url" for d in reply.json()["details"])


def test_the_storefront_url_is_stored_and_answered(admin: Client) -> None:
    reply = admin.put("/admin/stores/s9", store_settings(storefront_url="https://shop.example/products"))
    assert reply.status == 200
    assert reply.json()["storefront_url"] == "https://shop.example/products"


def test_every_page_links_back_to_the_shop(admin: Client, gateway: object) -> None:
    shop = Shop.create(admin, "s2", "third.example", storefront_url="https://third.example/shop")
    browser = Client(gateway, "third.example")  # type: ignore[arg-type]
    login = browser.get(f"{BASE}/login").body.decode()
    assert '<a href="https://third.example/shop">Back to Shop One</a>' in login
    shop.put_order("o1", order_body())
    shop.login(browser, ANN)
    for address in (f"{BASE}/orders", f"{BASE}/orders/o1"):
        assert 'href="https://third.example/shop">Back to Shop One</a>' in browser.get(address).body.decode()


def test_a_store_without_a_storefront_url_has_no_such_link(shop: Shop, customer: Client) -> None:
    assert "Back to" not in customer.get(f"{BASE}/login").body.decode()


def test_the_navigation_says_who_is_logged_in(shop: Shop, customer: Client) -> None:
    shop.put_order("o1", order_body())
    assert "Logged in as" not in customer.get(f"{BASE}/login").body.decode()
    shop.login(customer, ANN)
    for address in (f"{BASE}/orders", f"{BASE}/orders/o1"):
        html = customer.get(address).body.decode()
        nav = re.search(r'<nav aria-label="Account">.*?</nav>', html, re.DOTALL)
        assert nav
        assert "Logged in as ann@example.com" in _text(nav.group(0))


def test_the_order_list_shows_what_was_bought(shop: Shop, customer: Client) -> None:
    lines = [
        {**order_line("l1", "MUG-1", "Mug", 2, 1250), "image_url": PICTURE},
        order_line("l2", "TEA-9", "Tea", 1, 800),
        order_line("l3", "SPN-1", "Spoon", 1, 100),
        order_line("l4", "CUP-1", "Cup", 3, 100),
    ]
    shop.put_order("o1", order_body(items=lines))
    shop.login(customer, ANN)
    html = customer.get(f"{BASE}/orders").body.decode()
    row = re.search(r"<tr>\s*<th scope=\"row\">.*?</tr>", html, re.DOTALL)
    assert row
    text = _text(row.group(0))
    assert "Mug \N{MULTIPLICATION SIGN} 2" in text
    assert "Tea" in text
    assert "Spoon" in text
    assert "Cup" not in text  # the first three lines...
    assert "7 items in all" in text  # ...and how many there are
    assert re.findall(r'<img class="thumb" src="([^"]+)" alt=""', row.group(0)) == [PICTURE]


def test_the_json_list_keeps_the_contracts_summary_fields(shop: Shop, customer: Client) -> None:
    shop.put_order("o1", order_body())
    shop.login(customer, ANN)
    (summary,) = customer.get(f"{BASE}/api/orders").json()["orders"]
    assert set(summary) == {
        "order_id", "number", "placed_at", "currency", "total", "status", "fulfilment_status", "item_count",
    }  # fmt: skip


def test_an_item_picture_must_be_https_and_shows_on_the_order_page(shop: Shop, customer: Client) -> None:
    http_picture = {**order_line("l1", "MUG-1", "Mug", 1, 100), "image_url": "http://cdn.example/mug.jpg"}
    refused = shop.put_order("o0", order_body(items=[http_picture], totals={"subtotal": 100, "total": 100}))
    assert refused.status == 400
    shop.put_order(
        "o1", order_body(items=[{**http_picture, "image_url": PICTURE}], totals={"subtotal": 100, "total": 100})
    )
    shop.login(customer, ANN)
    html = customer.get(f"{BASE}/orders/o1").body.decode()
    assert f'<img class="thumb" src="{PICTURE}" alt=""' in html
    assert customer.get(f"{BASE}/api/orders/o1").json()["items"][0]["image_url"] == PICTURE


def test_pages_have_a_favicon_the_logo_or_a_neutral_default(admin: Client, gateway: object, customer: Client) -> None:
    assert f'<link rel="icon" href="{BASE}/assets/favicon.svg">' in customer.get(f"{BASE}/login").body.decode()
    icon = customer.get(f"{BASE}/assets/favicon.svg")
    assert icon.status == 200
    assert icon.header("Content-Type") == "image/svg+xml"
    assert icon.body.startswith(b"<svg")
    Shop.create(admin, "logo", "third.example", logo_url="https://cdn.example/logo.png")
    branded = Client(gateway, "third.example").get(f"{BASE}/login").body.decode()  # type: ignore[arg-type]
    assert '<link rel="icon" href="https://cdn.example/logo.png">' in branded
