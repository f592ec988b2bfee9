"""A page's language and the picker on every page (API.md section 9): Accept-Language among the store's
languages, the picker's POST back to the page in the chosen language (a cookie until login, the profile
of a signed-in customer), never to an address outside the store, never to a language it does not offer.

Until the catalogs are written a German page's words may still be English: these tests assert `lang`
and the picker, not German words."""

from __future__ import annotations

import re

import pytest

from devtools.emulator.gateway import Gateway
from tests.harness.support import Client, Shop

ANN = "ann@example.com"
COOKIE = "cac_lang"
GERMAN_FIRST = {"Accept-Language": "de-AT,en;q=0.5"}


@pytest.fixture
def shop(admin: Client) -> Shop:
    """Store `s1` offering German first, then English."""
    return Shop.create(admin, "s1", "shop.example", languages=["de", "en"])


def _html_lang(html: str) -> str:
    found = re.search(r'<html lang="([^"]+)">', html)
    assert found, html[:200]
    return found.group(1)


def _page(client: Client, path: str, headers: dict[str, str] | None = None) -> str:
    reply = client.get(path, headers=headers)
    assert reply.status == 200, reply.body[:300]
    return reply.body.decode()


def _choose(client: Client, shop: Shop, language: str, next_path: str) -> tuple[int, str | None]:
    reply = client.form(f"{shop.base}/language", {"language": language, "next": next_path}, headers=GERMAN_FIRST)
    return reply.status, reply.header("Location")


def test_accept_language_picks_the_page_language_and_every_page_has_the_picker(shop: Shop, customer: Client) -> None:
    html = _page(customer, f"{shop.base}/login", headers=GERMAN_FIRST)
    assert _html_lang(html) == "de"
    picker = re.search(
        r'<form class="language-picker" method="post" action="/store/account/language">.*?</form>', html, re.S
    )
    assert picker, "the picker is on the page"
    form = picker.group(0)
    assert '<label for="language-picker">' in form
    assert '<select id="language-picker" name="language">' in form
    assert '<option value="de" lang="de" selected>Deutsch</option>' in form
    assert '<option value="en" lang="en">English</option>' in form
    assert '<input type="hidden" name="next" value="/store/account/login">' in form
    assert '<button type="submit"' in form


def test_the_picker_goes_back_in_the_language_chosen(shop: Shop, customer: Client) -> None:
    shop.login(customer, ANN)
    orders = f"{shop.base}/orders"
    assert _html_lang(_page(customer, orders, headers=GERMAN_FIRST)) == "de"
    status, location = _choose(customer, shop, "en", orders)
    assert (status, location) == (303, orders)
    assert customer.cookies.get(COOKIE) == "en"
    assert _html_lang(_page(customer, orders, headers=GERMAN_FIRST)) == "en"


@pytest.mark.parametrize(
    "login_page",
    ["/store/account/login", "/store/account/login/code", "/store/account/login?next=%2Fstore%2Faccount%2Forders%2Fo1"],
)
def test_the_picker_on_a_login_page_goes_back_to_it(shop: Shop, customer: Client, login_page: str) -> None:
    assert _choose(customer, shop, "en", login_page) == (303, login_page)


@pytest.mark.parametrize(
    "outside",
    [
        "https://evil.example/orders",
        "//evil.example/x",
        "/store/account/../admin",
        "",
        "/store/account/login/../../admin",
        "/store/account/login\\evil",
        "/store/account/loginx",
    ],
)
def test_a_next_outside_the_store_falls_back_to_the_orders_page(shop: Shop, customer: Client, outside: str) -> None:
    assert _choose(customer, shop, "en", outside) == (303, f"{shop.base}/orders")


@pytest.mark.parametrize("language", ["fr", "xx", "en-XA"])
def test_a_language_the_store_does_not_offer_changes_nothing(shop: Shop, customer: Client, language: str) -> None:
    login, orders = f"{shop.base}/login", f"{shop.base}/orders"
    reply = customer.form(f"{shop.base}/language", {"language": language, "next": orders}, headers=GERMAN_FIRST)
    assert (reply.status, reply.header("Location")) == (303, orders)
    assert not any(c.startswith(f"{COOKIE}=") for c in reply.headers_named("Set-Cookie"))
    assert COOKIE not in customer.cookies
    assert _html_lang(_page(customer, login, headers=GERMAN_FIRST)) == "de"


def test_a_signed_in_customers_choice_is_kept_in_the_profile(shop: Shop, gateway: Gateway) -> None:
    first = Client(gateway, host="shop.example")
    shop.login(first, ANN)
    orders = f"{shop.base}/orders"
    assert _choose(first, shop, "en", orders) == (303, orders)
    # Another browser, without the cookie, signed in as the same customer and asking for German first.
    other = Client(gateway, host="shop.example", ip="198.51.100.8")
    shop.login(other, ANN)
    assert COOKIE not in other.cookies
    assert _html_lang(_page(other, orders, headers=GERMAN_FIRST)) == "en"
    # Someone else in that browser is not.
    stranger = Client(gateway, host="shop.example", ip="198.51.100.9")
    shop.login(stranger, "bob@example.com")
    assert _html_lang(_page(stranger, orders, headers=GERMAN_FIRST)) == "de"


def test_a_store_with_one_language_shows_no_picker(admin: Client, gateway: Gateway) -> None:
    Shop.create(admin, "s2", "two.example")
    html = _page(Client(gateway, host="two.example"), "/store/account/login", headers=GERMAN_FIRST)
    assert _html_lang(html) == "en"
    assert "language-picker" not in html


def test_a_choice_made_before_login_goes_into_the_profile_at_login(shop: Shop, gateway: Gateway) -> None:
    before = Client(gateway, host="shop.example")
    orders = f"{shop.base}/orders"
    assert _choose(before, shop, "en", f"{shop.base}/login") == (303, f"{shop.base}/login")
    shop.login(before, ANN)
    assert _html_lang(_page(before, orders, headers=GERMAN_FIRST)) == "en"
    elsewhere = Client(gateway, host="shop.example")  # another browser, no cookie: the profile decides
    shop.login(elsewhere, ANN)
    assert _html_lang(_page(elsewhere, orders, headers=GERMAN_FIRST)) == "en"
