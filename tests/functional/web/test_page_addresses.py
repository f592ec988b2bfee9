"""No raw JSON on a customer's screen: every address under `{prefix}/store/account/` that is not a JSON
route answers a page (a redirect to where the customer meant to go, or the store's branded 404 page).

PagesFunction behind the emulated gateway with the template's address events (the access center's root,
GET /verify, GET /logout and the `{proxy+}` catch-all, which API Gateway tries last); the base path alone
(`/store/account`) is the API's root resource, as API Gateway maps it.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from access_center.stores.storage import store_for_domain
from devtools.emulator.gateway import Gateway
from tests.harness.bodies import order_body
from tests.harness.support import Client, Shop

BASE = "/store/account"


@pytest.fixture
def routed(aws: None) -> Gateway:
    return Gateway(domain_lookup=store_for_domain)


@pytest.fixture
def shop(routed: Gateway) -> Shop:
    return Shop.create(Client(routed, "admin.internal"), "s1", "shop.example", storefront_url="https://shop.example/")


@pytest.fixture
def browser(routed: Gateway, shop: Shop) -> Client:
    return Client(routed, "shop.example")


def _is_branded_404(reply: Any, store_name: str = "Shop One") -> None:
    body = reply.body.decode()
    assert reply.status == 404
    assert reply.header("Content-Type") == "text/html; charset=utf-8"
    assert "<h1>Page not found</h1>" in body
    assert store_name in body
    assert 'href="/store/account/orders"' in body  # a way on
    assert "frame-ancestors 'none'" in (reply.header("Content-Security-Policy") or "")


def test_the_access_center_address_with_a_slash_goes_to_the_orders_page(browser: Client) -> None:
    reply = browser.get(f"{BASE}/")
    assert reply.status == 303
    assert reply.header("Location") == f"{BASE}/orders"


@pytest.mark.parametrize("prefix", ["", "/products"])
def test_the_access_center_address_alone_goes_to_the_orders_page(routed: Gateway, prefix: str) -> None:
    admin = Client(routed, "admin.internal")
    Shop.create(admin, "s2", "other.example", prefix)
    reply = Client(routed, "other.example").get(f"{prefix}{BASE}")
    assert reply.status == 303
    assert reply.header("Location") == f"{prefix}{BASE}/orders"


@pytest.mark.parametrize(
    ("address", "goes_to"),
    [
        (f"{BASE}/orders/", f"{BASE}/orders"),
        (f"{BASE}/orders/o1/", f"{BASE}/orders/o1"),
        (f"{BASE}/login/?email=ann%40example.com", f"{BASE}/login?email=ann%40example.com"),
        (f"{BASE}/login//", f"{BASE}/login"),
    ],
)
def test_a_trailing_slash_redirects_to_the_address_without_it(browser: Client, address: str, goes_to: str) -> None:
    reply = browser.get(address)
    assert reply.status == 303
    assert reply.header("Location") == goes_to


def test_the_verify_address_opened_again_goes_to_the_login_page(browser: Client) -> None:
    """What the address bar shows after a wrong code: reloading it, or opening it later."""
    reply = browser.get(f"{BASE}/verify")
    assert reply.status == 303
    assert reply.header("Location") == f"{BASE}/login"
    assert browser.get(reply.header("Location") or "").status == 200


def test_the_logout_address_as_a_link_asks_to_confirm_and_logs_nobody_out(shop: Shop, browser: Client) -> None:
    assert browser.get(f"{BASE}/logout").header("Location") == f"{BASE}/login"  # nobody to log out
    shop.put_order("o1", order_body())
    shop.login(browser, "ann@example.com")
    page = browser.get(f"{BASE}/logout")
    html = page.body.decode()
    assert page.status == 200
    assert page.header("Content-Type") == "text/html; charset=utf-8"
    assert re.search(r'<form method="post" action="/store/account/logout">\s*<input type="hidden" name="csrf"', html)
    assert "Logged in as <strong>ann@example.com</strong>" in html
    assert browser.get(f"{BASE}/orders").status == 200  # a GET changed nothing
    token = re.search(r'name="csrf" value="([^"]+)"', html)
    assert token
    out = browser.form(f"{BASE}/logout", {"csrf": token.group(1)})
    assert out.header("Location") == f"{BASE}/login"
    assert browser.get(f"{BASE}/orders").status == 303


@pytest.mark.parametrize(
    "address", [f"{BASE}/nope", f"{BASE}/orders/o1/items", f"{BASE}/a/b/c", f"{BASE}/assets/x.png"]
)
def test_an_unknown_address_is_the_stores_branded_not_found_page(browser: Client, address: str) -> None:
    _is_branded_404(browser.get(address))


def test_the_not_found_page_of_a_prefixed_store_links_inside_its_prefix(routed: Gateway) -> None:
    Shop.create(Client(routed, "admin.internal"), "s3", "third.example", "/products", name="Third")
    reply = Client(routed, "third.example").get(f"/products{BASE}/nope")
    assert reply.status == 404
    assert 'href="/products/store/account/orders"' in reply.body.decode()


def test_an_unknown_json_address_still_answers_the_contracts_json(browser: Client) -> None:
    reply = browser.get(f"{BASE}/api/nope")
    assert reply.status == 404
    assert reply.json()["error"] == "not_found"


def test_a_signed_in_customer_gets_the_not_found_page_with_the_navigation(shop: Shop, browser: Client) -> None:
    shop.put_order("o1", order_body())
    shop.login(browser, "ann@example.com")
    reply = browser.get(f"{BASE}/orders/o1/nope")
    _is_branded_404(reply)
    assert "Log out" in reply.body.decode()
    unknown_order = browser.get(f"{BASE}/orders/nope")
    assert unknown_order.status == 404
    assert unknown_order.header("Content-Type") == "text/html; charset=utf-8"


@pytest.mark.parametrize(
    "address",
    [f"{BASE}/", f"{BASE}/orders/", f"{BASE}/verify", f"{BASE}/logout", f"{BASE}/nope", f"{BASE}/orders/x/y/"],
)
def test_no_address_under_the_access_center_answers_json(browser: Client, address: str) -> None:
    reply = browser.get(address)
    assert reply.header("Content-Type") != "application/json", (address, reply.body[:200])
    if reply.status == 303:
        assert (reply.header("Location") or "").startswith(f"{BASE}/")
    else:
        assert reply.header("Content-Type") == "text/html; charset=utf-8"
