"""The customer pages over the emulated gateway: HTML, forms, CSRF, redirects, escaping, headers.
(The same flows run in a real browser in tests/e2e/test_browser.py.)"""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest

from devtools.emulator.gateway import Reply
from tests.harness.bodies import order_body
from tests.harness.clock import Clock
from tests.harness.support import Client, Shop, latest_code

ANN = "ann@example.com"
BASE = "/store/account"


def _csrf(reply: Reply) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', reply.body.decode())
    assert found, "form without a CSRF token"
    return found.group(1)


def _text(reply: Reply) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", reply.body.decode()))


def _ask_for_code(browser: Client, fields: dict[str, str], **kw: Any) -> Reply:
    """Post the email form and follow its 303 to the code page, as a browser would."""
    sent = browser.form(f"{BASE}/login", fields, **kw)
    assert sent.status == 303, sent.body
    assert sent.header("Location") == f"{BASE}/login/code"
    return browser.get(f"{BASE}/login/code")


def _login(shop: Shop, browser: Client, email: str = ANN, next_path: str = "") -> Reply:
    page = browser.get(f"{BASE}/login" + (f"?next={next_path}" if next_path else ""))
    csrf = _csrf(page)
    next_value = re.search(r'name="next" value="([^"]*)"', page.body.decode())
    assert next_value
    code_page = _ask_for_code(browser, {"csrf": csrf, "email": email, "next": unescape(next_value.group(1))})
    assert code_page.status == 200, code_page.body
    return browser.form(
        f"{BASE}/verify",
        {"csrf": csrf, "email": email, "code": latest_code(email), "next": unescape(next_value.group(1))},
    )


@pytest.fixture
def browser(customer: Client) -> Client:
    return customer


@pytest.fixture
def ann_orders(shop: Shop) -> Shop:
    shop.put_order("o1", order_body(placed_at="2026-11-01T10:00:00Z", number="1001"))
    shop.put_order("o2", order_body(placed_at="2026-11-10T10:00:00Z", number="1002"))
    shop.fulfil(
        "o2",
        "f1",
        {
            "items": [{"line_id": "l1", "quantity": 1}],
            "carrier": "DHL",
            "tracking_number": "JD014600",
            "tracking_url": "https://dhl.example/t/JD014600",
        },
    )
    return shop


def test_every_page_has_the_security_headers(ann_orders: Shop, browser: Client) -> None:
    page = browser.get(f"{BASE}/login")
    assert page.status == 200
    assert page.header("Content-Type") == "text/html; charset=utf-8"
    csp = page.header("Content-Security-Policy") or ""
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert page.header("Referrer-Policy") == "no-referrer"
    assert page.header("X-Content-Type-Options") == "nosniff"
    assert page.header("Cache-Control") == "no-store"
    assert "<script>" not in page.body.decode()
    assert " style=" not in page.body.decode()


def test_the_login_page_prefills_the_email(ann_orders: Shop, browser: Client) -> None:
    page = browser.get(f"{BASE}/login?email=ann%40example.com")
    assert 'value="ann@example.com"' in page.body.decode()
    assert 'lang="en"' in page.body.decode()
    assert len(re.findall(r"<h1", page.body.decode())) == 1


def test_logging_in_through_the_forms_lands_on_the_orders(ann_orders: Shop, browser: Client) -> None:
    done = _login(ann_orders, browser)
    assert done.status == 303
    assert done.header("Location") == f"{BASE}/orders"
    orders = browser.get(f"{BASE}/orders")
    assert orders.status == 200
    text = _text(orders)
    assert text.index("#1002") < text.index("#1001")
    assert "€44.22" in text
    assert "Partly shipped" in text  # o2: one of its mugs has shipped
    assert "Processing" in text  # o1: nothing shipped, the store's own status
    assert re.search(r'<a href="/store/account/orders"[^>]*aria-current="page">Orders</a>', orders.body.decode())


def test_the_code_page_has_a_one_time_code_input(ann_orders: Shop, browser: Client) -> None:
    csrf = _csrf(browser.get(f"{BASE}/login"))
    page = _ask_for_code(browser, {"csrf": csrf, "email": ANN, "next": ""}).body.decode()
    assert 'autocomplete="one-time-code"' in page
    assert 'inputmode="numeric"' in page
    assert ANN in page
    assert "Use another email" in page


def test_the_code_page_reads_the_same_for_unknown_emails(ann_orders: Shop, browser: Client) -> None:
    csrf = _csrf(browser.get(f"{BASE}/login"))
    known = _text(_ask_for_code(browser, {"csrf": csrf, "email": ANN}))
    unknown = _text(_ask_for_code(browser, {"csrf": csrf, "email": "zed@example.com"}))
    assert known.replace(ANN, "X") == unknown.replace("zed@example.com", "X")


def test_a_wrong_code_is_explained_inline(ann_orders: Shop, browser: Client) -> None:
    csrf = _csrf(browser.get(f"{BASE}/login"))
    browser.form(f"{BASE}/login", {"csrf": csrf, "email": ANN})
    wrong = f"{(int(latest_code(ANN)) + 1) % 1_000_000:06d}"
    page = browser.form(f"{BASE}/verify", {"csrf": csrf, "email": ANN, "code": wrong})
    assert page.status == 401
    assert "That code is not valid" in _text(page)
    assert 'role="alert"' in page.body.decode()


def test_asking_again_too_soon_says_when_to_retry(ann_orders: Shop, browser: Client, clock: Clock) -> None:
    csrf = _csrf(browser.get(f"{BASE}/login"))
    browser.form(f"{BASE}/login", {"csrf": csrf, "email": ANN})
    clock.advance(5)
    again = _ask_for_code(browser, {"csrf": csrf, "email": ANN, "resend": "1"})
    assert "in 25 seconds" in _text(again)
    assert again.header("Retry-After") == "25"


def test_the_view_order_link_comes_back_to_the_order_after_login(ann_orders: Shop, browser: Client) -> None:
    first = browser.get(f"{BASE}/orders/o2")
    assert first.status == 303
    location = first.header("Location") or ""
    assert location == f"{BASE}/login?next=/store/account/orders/o2"
    done = _login(ann_orders, browser, next_path="/store/account/orders/o2")
    assert done.header("Location") == f"{BASE}/orders/o2"


def test_the_order_page_shows_items_totals_and_tracking(ann_orders: Shop, browser: Client) -> None:
    _login(ann_orders, browser)
    page = browser.get(f"{BASE}/orders/o2")
    html, text = page.body.decode(), _text(page)
    assert "Order #1002" in text
    assert "1 of 2" in text  # mugs: one shipped
    for amount in ("€33.00", "€4.95", "€6.27", "€44.22"):
        assert amount in text
    assert "JD014600" in text
    assert "DHL" in text
    link = re.search(r'<a href="https://dhl.example/t/JD014600"([^>]*)>', html)
    assert link
    assert 'rel="noopener noreferrer"' in link.group(1)
    assert "Springfield" in text
    assert "Part of this order has shipped. We will email you when the rest does." in text
    assert "data-print" in html


def test_a_non_https_tracking_link_is_shown_as_text(ann_orders: Shop, browser: Client) -> None:
    ann_orders.fulfil(
        "o1", "f9", {"carrier": "Local", "tracking_number": "X1", "tracking_url": "http://plain.example/X1"}
    )
    _login(ann_orders, browser)
    html = browser.get(f"{BASE}/orders/o1").body.decode()
    assert "http://plain.example/X1" in html
    assert 'href="http://plain.example' not in html


def test_hostile_order_data_is_escaped(shop: Shop, browser: Client) -> None:
    body = order_body(customer_name="<img src=x onerror=alert(1)>")
    body["items"][0]["name"] = "<script>alert('mug')</script>"
    body["shipping_address"]["line1"] = '"><svg onload=alert(1)>'
    shop.put_order("evil", body)
    _login(shop, browser)
    html = browser.get(f"{BASE}/orders/evil").body.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;mug&#39;)&lt;/script&gt;" in html
    assert "<svg" not in html


@pytest.mark.parametrize(
    "next_path",
    [
        "https://evil.example/store/account/orders",
        "//evil.example/store/account/orders",
        "/store/account/../../admin",
        "/\\evil.example",
        "/other/store/account/orders",
        "javascript:alert(1)",
        "/store/account/orders/%2e%2e/x",
    ],
)
def test_next_never_leaves_the_store_access_center(ann_orders: Shop, browser: Client, next_path: str) -> None:
    done = _login(ann_orders, browser, next_path=next_path.replace("&", "%26"))
    assert done.status == 303
    assert done.header("Location") == f"{BASE}/orders"


def test_a_form_without_the_csrf_token_is_refused(ann_orders: Shop, browser: Client) -> None:
    browser.get(f"{BASE}/login")
    refused = browser.form(f"{BASE}/login", {"email": ANN})
    assert refused.status == 403
    forged = browser.form(f"{BASE}/login", {"email": ANN, "csrf": "forged"})
    assert forged.status == 403
    assert latest_code_count(ANN) == 0


def latest_code_count(email: str) -> int:
    from devtools.emulator.outbox import sent_emails

    return sum(1 for m in sent_emails() if email in m["to"])


def test_a_csrf_token_from_another_browser_is_refused(ann_orders: Shop, browser: Client, customer: Client) -> None:
    attacker = Client(browser.gateway, "shop.example")
    token = _csrf(attacker.get(f"{BASE}/login"))
    browser.get(f"{BASE}/login")
    assert browser.form(f"{BASE}/login", {"email": ANN, "csrf": token}).status == 403


def test_logout_needs_the_token_and_ends_the_session(ann_orders: Shop, browser: Client) -> None:
    _login(ann_orders, browser)
    orders = browser.get(f"{BASE}/orders")
    assert browser.form(f"{BASE}/logout", {}).status == 403
    assert browser.get(f"{BASE}/orders").status == 200
    out = browser.form(f"{BASE}/logout", {"csrf": _csrf(orders)})
    assert out.status == 303
    assert out.header("Location") == f"{BASE}/login"
    assert browser.get(f"{BASE}/orders").status == 303


def test_cross_site_posts_are_refused(ann_orders: Shop, browser: Client) -> None:
    csrf = _csrf(browser.get(f"{BASE}/login"))
    evil = browser.form(f"{BASE}/login", {"csrf": csrf, "email": ANN}, headers={"Origin": "https://evil.example"})
    assert evil.status == 403
    fetch = browser.form(f"{BASE}/login", {"csrf": csrf, "email": ANN}, headers={"Sec-Fetch-Site": "cross-site"})
    assert fetch.status == 403
    sibling = browser.form(f"{BASE}/login", {"csrf": csrf, "email": ANN}, headers={"Sec-Fetch-Site": "same-site"})
    assert sibling.status == 403  # a sibling subdomain too, as for the JSON routes
    same = browser.form(
        f"{BASE}/login",
        {"csrf": csrf, "email": ANN},
        headers={"Origin": "https://shop.example", "Sec-Fetch-Site": "same-origin"},
    )
    assert same.status == 303


def test_json_routes_refuse_cross_site_browsers_but_not_plain_clients(ann_orders: Shop, browser: Client) -> None:
    evil = browser.post(f"{BASE}/api/otp", {"email": ANN}, headers={"Origin": "https://evil.example"})
    assert evil.status == 403
    assert evil.json()["error"] == "forbidden"
    assert browser.get(f"{BASE}/api/me", headers={"Sec-Fetch-Site": "cross-site"}).status == 403
    assert browser.post(f"{BASE}/api/otp", {"email": ANN}).status == 202


def test_email_links_from_other_sites_still_open_pages(ann_orders: Shop, browser: Client) -> None:
    reply = browser.get(f"{BASE}/orders/o1", headers={"Sec-Fetch-Site": "cross-site"})
    assert reply.status == 303


def test_orders_page_pages_older_and_newer(shop: Shop, browser: Client) -> None:
    for day in range(1, 26):
        shop.put_order(f"o{day:02d}", order_body(number=f"N{day:02d}", placed_at=f"2026-10-{day:02d}T10:00:00Z"))
    _login(shop, browser)
    first = browser.get(f"{BASE}/orders").body.decode()
    assert "N25" in first
    assert "N05" not in first
    assert "Newer orders" not in first
    older = re.search(r'<a rel="next" href="([^"]+)"', first)
    assert older
    second = browser.get(unescape(older.group(1))).body.decode()
    assert "N05" in second
    assert "N01" in second
    assert "N06" not in second
    assert 'rel="next"' not in second
    newer = re.search(r'<a rel="prev" href="([^"]+)"', second)
    assert newer
    back = browser.get(unescape(newer.group(1))).body.decode()
    assert "N25" in back
    assert "N06" in back
    assert "N05" not in back
    assert 'rel="prev"' not in back


def test_an_empty_order_list_says_what_to_do(shop: Shop, browser: Client) -> None:
    shop.put_order("o1")
    _login(shop, browser)
    browser.cookies.pop("cac_session")
    other = "solo@example.com"
    shop.put_order("o9", order_body(email=other, number="9"))
    _login(shop, browser, email=other)
    assert "no orders" not in _text(browser.get(f"{BASE}/orders")).lower()


def test_an_unknown_order_page_is_404(ann_orders: Shop, browser: Client) -> None:
    _login(ann_orders, browser)
    assert browser.get(f"{BASE}/orders/nope").status == 404


def test_brand_colour_and_support_email_are_used(admin: Client, gateway: object) -> None:
    shop = Shop.create(admin, "brand", "third.example", brand_color="#ffcc00", logo_url="https://cdn.example/logo.png")
    client = Client(gateway, "third.example")  # type: ignore[arg-type]
    css = client.get(f"{BASE}/assets/brand.css")
    assert css.status == 200
    assert "--brand: #ffcc00" in css.body.decode()
    assert "--on-brand: #111827" in css.body.decode()  # dark text (the pages' own) on yellow
    page = client.get(f"{BASE}/login").body.decode()
    assert 'src="https://cdn.example/logo.png"' in page
    assert "help@third.example" in page
    assert shop.store_id == "brand"


def test_static_assets_are_served_and_unknown_ones_are_404(ann_orders: Shop, browser: Client) -> None:
    css = browser.get(f"{BASE}/assets/portal.css")
    assert css.status == 200
    assert "@media print" in css.body.decode()
    assert browser.get(f"{BASE}/assets/portal.js").status == 200
    assert browser.get(f"{BASE}/assets/secret.txt").status == 404
    assert browser.get(f"{BASE}/assets/..%2f..%2fconfig.py").status == 404


# Browsers that send `Origin: null` (our pages' own posts under Referrer-Policy: no-referrer, privacy
# modes) or no fetch metadata (no Sec-Fetch-Site: older browsers, some proxies) still use the forms:
# the CSRF token is the guard on a form post; only a browser that says the post is another site's is
# refused before it.
NO_FETCH_METADATA = [
    {"Origin": "null"},
    {},
    {"Origin": "null", "Sec-Fetch-Site": "same-origin"},
    {"Origin": "https://shop.example"},
]


@pytest.mark.parametrize("headers", NO_FETCH_METADATA)
def test_a_form_with_a_valid_token_works_without_fetch_metadata_or_with_origin_null(
    ann_orders: Shop, browser: Client, headers: dict[str, str]
) -> None:
    csrf = _csrf(browser.get(f"{BASE}/login"))
    code_page = _ask_for_code(browser, {"csrf": csrf, "email": ANN}, headers=headers)
    assert code_page.status == 200, code_page.body
    done = browser.form(f"{BASE}/verify", {"csrf": csrf, "email": ANN, "code": latest_code(ANN)}, headers=headers)
    assert done.status == 303
    assert done.header("Location") == f"{BASE}/orders"
    assert browser.get(f"{BASE}/orders").status == 200


@pytest.mark.parametrize("headers", NO_FETCH_METADATA)
def test_a_form_with_a_bad_token_is_refused_whatever_the_browser_says(
    ann_orders: Shop, browser: Client, headers: dict[str, str]
) -> None:
    browser.get(f"{BASE}/login")
    for token in ("forged", ""):
        refused = browser.form(f"{BASE}/login", {"csrf": token, "email": ANN}, headers=headers)
        assert refused.status == 403
        assert refused.header("Content-Type") == "text/html; charset=utf-8"
    assert latest_code_count(ANN) == 0


def test_json_routes_keep_refusing_origin_null(ann_orders: Shop, browser: Client) -> None:
    refused = browser.post(f"{BASE}/api/otp", {"email": ANN}, headers={"Origin": "null"})
    assert refused.status == 403
    assert refused.json()["error"] == "forbidden"


def test_money_is_written_the_way_the_stores_locale_writes_it(admin: Client, gateway: object) -> None:
    shop = Shop.create(admin, "de", "third.example", locale="de-DE")
    shop.put_order("o1", order_body())
    client = Client(gateway, "third.example")  # type: ignore[arg-type]
    _login(shop, client)
    text = _text(client.get(f"{BASE}/orders/o1"))
    assert "44,22\u00a0€" in text
    assert "33,00\u00a0€" in text
    assert "€44.22" not in text


def test_a_german_store_writes_english_dates_on_its_english_pages(admin: Client, gateway: object) -> None:
    """Pages are English until they are translated: a de-DE store's dates and money are English as
    Germany writes it (en-DE, API.md section 9), never "Placed 7. Dezember 2026" inside English text,
    and the page says it is English."""
    shop = Shop.create(admin, "de", "third.example", locale="de-DE", timezone="Europe/Berlin")
    shop.put_order("o1", order_body(placed_at="2026-12-07T10:00:00Z"))
    client = Client(gateway, "third.example")  # type: ignore[arg-type]
    _login(shop, client)
    page = client.get(f"{BASE}/orders/o1")
    text = " ".join(_text(page).split())
    assert "Placed 7 December 2026" in text
    assert "Dezember" not in text
    assert "44,22\u00a0€" in _text(page)
    assert '<html lang="en">' in page.body.decode()
    listed = " ".join(_text(client.get(f"{BASE}/orders")).split())
    assert "7 December 2026" in listed
    assert "Dezember" not in listed
