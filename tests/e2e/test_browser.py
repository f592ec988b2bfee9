"""The customer pages in a real browser: Debian's Chromium driven by Playwright against `make dev`.

Screenshots of every page (desktop and phone) land in a temp folder; with UPDATE_SCREENSHOTS=1
(`make screenshots`) they replace docs/screenshots/, which the README shows.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import playwright.sync_api as playwright_api
import pytest

from tests.harness.bodies import order_line, recent
from tests.harness.browser import (
    DESKTOP,
    DEVICES,
    PHONE,
    accepting,
    bea_order,
    demo_customer,
    dev_events,
    log_in,
    matching,
    named,
    part,
    put_order,
    signed_in,
    store_format,
    t,
    tn,
    tp,
    view_order_link,
)
from tests.harness.devserver import DevServer, wait_for

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots"


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        SHOTS.mkdir(parents=True, exist_ok=True)
        return SHOTS
    return tmp_path_factory.mktemp("screenshots")


def test_from_the_confirmation_email_to_the_order_through_a_code(page: Any, server: DevServer, shots: Path) -> None:
    email = "bea@example.com"
    put_order(server, "web-1", bea_order("W-1001", email))
    server.request(
        "PUT",
        "/admin/stores/demo/orders/web-1/fulfilments/f1",
        {
            "items": [{"line_id": "l1", "quantity": 1}],
            "carrier": "UPS",
            "tracking_number": "1Z999AA10123456784",
            "tracking_url": "https://www.ups.com/track?tracknum=1Z999AA10123456784",
        },
        host="localhost",
    )
    link = view_order_link(server, email, "W-1001")
    assert link.endswith("/store/account/orders/web-1")

    page.goto(link)
    assert page.url.endswith("/store/account/login?next=/store/account/orders/web-1")
    assert page.locator("h1").count() == 1
    page.screenshot(path=shots / "login-desktop.png", full_page=True)
    sent = len(server.outbox())
    page.get_by_label(t("Email")).fill(email)
    page.get_by_role("button", name=t("Email me a code")).click()
    expect = playwright_api.expect
    expect(page.get_by_role("heading", name=t("Enter your code"))).to_be_visible()
    code_input = page.get_by_label(t("6-digit code"))
    assert code_input.get_attribute("autocomplete") == "one-time-code"
    assert code_input.get_attribute("inputmode") == "numeric"
    page.screenshot(path=shots / "code-desktop.png", full_page=True)
    code_input.fill(server.code_for(email, sent))
    page.get_by_role("button", name=t("Log in")).click()

    expect(page.get_by_role("heading", name=t("Order #%(number)s", number="W-1001"))).to_be_visible()
    assert page.url.endswith("/store/account/orders/web-1")
    body = page.locator("main").inner_text()
    for text in (
        "Espresso Beans 1 kg",
        part("%(shipped)s of %(quantity)s shipped", "%(shipped)s of %(quantity)s shipped", 1, shipped=1, quantity=2),
        store_format().money(5346, "USD"),
        store_format().money(-500, "USD"),  # the discount, as the confirmation email writes it
        store_format().money(396, "USD"),
        "UPS",
        "1Z999AA10123456784",
        "Portland",
        t("Partly shipped"),
    ):
        assert text in body, text
    track = page.get_by_role("link", name=t("Track this parcel"))
    assert track.get_attribute("rel") == "noopener noreferrer"
    assert track.get_attribute("href", timeout=1000).startswith("https://www.ups.com/")
    page.screenshot(path=shots / "order-desktop.png", full_page=True)

    page.get_by_role("link", name=t("Orders"), exact=True).click()
    expect(page.get_by_role("heading", name=t("Orders"))).to_be_visible()
    assert "W-1001" in page.locator("table").inner_text()
    page.screenshot(path=shots / "orders-desktop.png", full_page=True)


def test_phone_layout_screenshots(chromium: Any, server: DevServer, shots: Path) -> None:
    context = chromium.new_context(
        viewport=PHONE,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        base_url=f"http://localhost:{server.port}",
        **accepting(),
    )
    page = context.new_page()
    try:
        page.goto("/store/account/login")
        page.screenshot(path=shots / "login-phone.png", full_page=True)
        log_in(page, server, "demo@example.com")
        playwright_api.expect(page.get_by_role("heading", name=t("Orders"))).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.screenshot(path=shots / "orders-phone.png", full_page=True)
        page.get_by_role("link", name="#1002").click()
        playwright_api.expect(page.get_by_role("heading", name=t("Order #%(number)s", number="1002"))).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.screenshot(path=shots / "order-phone.png", full_page=True)
    finally:
        context.close()


def test_a_wrong_code_says_so_on_the_code_page(page: Any, server: DevServer) -> None:
    page.goto("/store/account/login")
    page.get_by_label(t("Email")).fill("demo-wrong@example.com")
    page.get_by_role("button", name=t("Email me a code")).click()
    page.get_by_label(t("6-digit code")).fill("000000")
    page.get_by_role("button", name=t("Log in")).click()
    alert = page.get_by_role("alert")
    playwright_api.expect(alert).to_contain_text(
        t("That code is not valid. Check the latest email or ask for a new code.")
    )
    assert page.get_by_label(t("6-digit code")).get_attribute("aria-invalid") == "true"


def test_asking_for_a_new_code_too_soon_says_when(page: Any, server: DevServer) -> None:
    page.goto("/store/account/login")
    page.get_by_label(t("Email")).fill("demo-resend@example.com")
    page.get_by_role("button", name=t("Email me a code")).click()
    page.get_by_role("button", name=t("Send a new code")).click()
    # The code sent moments ago still works: said as a status, not an error, beside its code box.
    playwright_api.expect(page.get_by_role("status")).to_contain_text(
        matching(
            "We did not send another code: the one sent earlier still works. You can ask for a new one in %(wait)s.",
            wait=matching("%(count)s second", "%(count)s seconds").pattern,
        )
    )
    playwright_api.expect(page.get_by_label(t("6-digit code"))).to_be_visible()


def test_logout_ends_the_session(page: Any, server: DevServer) -> None:
    email = demo_customer(server, "logout")
    page.goto("/store/account/orders")
    assert "/store/account/login?next=" in page.url
    log_in(page, server, email)
    playwright_api.expect(page.get_by_role("heading", name=t("Orders"))).to_be_visible()
    page.get_by_role("button", name=t("Log out")).click()
    playwright_api.expect(page.get_by_role("heading", name=t("Log in to see your orders"))).to_be_visible()
    page.goto("/store/account/orders")
    assert "/store/account/login" in page.url


def test_print_says_which_store_and_prints_the_tracking_link(page: Any, server: DevServer) -> None:
    email = demo_customer(server, "printer")
    tracking = "https://www.ups.com/track?tracknum=1ZPRINT"
    parcel = {"carrier": "UPS", "tracking_number": "1ZPRINT", "tracking_url": tracking}
    assert server.admin_put("/admin/stores/demo/orders/printer-1/fulfilments/f1", parcel).status == 200
    page.goto("/store/account/login")
    log_in(page, server, email)
    page.get_by_role("link", name="#N-printer").click()
    print_button = page.get_by_role("button", name=t("Print"))
    playwright_api.expect(print_button).to_be_visible()  # revealed by the script, absent without it
    page.emulate_media(media="print")
    assert not print_button.is_visible()
    assert not page.get_by_role("navigation", name=t("Account")).is_visible()
    assert not page.get_by_role("button", name=t("Log out")).is_visible()
    # Which store: its name (or logo) on the brand colour, printed as shown, and its contact.
    masthead = page.locator("header.masthead")
    assert masthead.is_visible()
    assert "Demo Store" in masthead.inner_text()
    assert masthead.evaluate("el => getComputedStyle(el).printColorAdjust") == "exact"
    footer = page.locator("footer")
    assert footer.is_visible()
    assert "help@demo-store.example" in footer.inner_text()
    assert "demo-store.example" in footer.inner_text()
    assert page.get_by_role("heading", name=t("Order #%(number)s", number="N-printer")).is_visible()
    # The tracking link prints where it goes after its text.
    link = page.get_by_role("link", name=t("Track this parcel"))
    assert link.evaluate("el => getComputedStyle(el, '::after').content") == f'" ({tracking})"'
    page.emulate_media(media="screen")
    assert link.evaluate("el => getComputedStyle(el, '::after').content") == "none"  # on screen, just the text
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_hostile_order_data_is_shown_as_text(page: Any, server: DevServer) -> None:
    email = "mallory@example.com"
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    put_order(
        server,
        "evil-1",
        bea_order(
            "EVIL-1",
            email,
            items=[
                {
                    "line_id": "l1",
                    "sku": "X",
                    "name": "<img src=x onerror=alert(1)><script>alert(2)</script>",
                    "quantity": 1,
                    "unit_price": 100,
                }
            ],
            totals={"subtotal": 100, "total": 100},
        ),
    )
    page.goto("/store/account/login?next=/store/account/orders/evil-1")
    log_in(page, server, email)
    playwright_api.expect(page.get_by_role("heading", name=t("Order #%(number)s", number="EVIL-1"))).to_be_visible()
    assert "<script>alert(2)</script>" in page.locator("table.items").inner_text()
    assert page.locator("table.items img").count() == 0
    assert dialogs == []


def test_next_pointing_off_site_lands_on_the_orders_page(page: Any, server: DevServer) -> None:
    email = demo_customer(server, "traveller")
    page.goto("/store/account/login?next=https://evil.example/steal")
    log_in(page, server, email)
    playwright_api.expect(page.get_by_role("heading", name=t("Orders"))).to_be_visible()
    assert page.url == f"http://localhost:{server.port}/store/account/orders"


def test_pages_work_without_javascript(chromium: Any, server: DevServer) -> None:
    context = chromium.new_context(java_script_enabled=False, base_url=f"http://localhost:{server.port}", **accepting())
    page = context.new_page()
    try:
        email = demo_customer(server, "nojs")
        page.goto("/store/account/login")
        log_in(page, server, email)
        playwright_api.expect(page.get_by_role("heading", name=t("Orders"))).to_be_visible()
        assert page.locator("table.orders tbody tr").count() == 1
        page.get_by_role("link", name="#N-nojs").click()
        playwright_api.expect(page.get_by_role("heading", name=t("Order #%(number)s", number="N-nojs"))).to_be_visible()
        assert not page.get_by_role("button", name=t("Print")).is_visible()
    finally:
        context.close()


def test_order_search_and_filters_work_without_javascript(chromium: Any, server: DevServer) -> None:
    context = chromium.new_context(java_script_enabled=False, base_url=f"http://localhost:{server.port}", **accepting())
    page = context.new_page()
    try:
        email = demo_customer(server, "seeker")  # N-seeker: Espresso Beans
        teapot = [order_line("l1", "POT-7", "Blue Teapot", 1, 3500)]
        put_order(server, "seeker-2", bea_order("N-seeker-pot", email, items=teapot, placed_at=recent(hours_ago=1)))
        page.goto("/store/account/login")
        log_in(page, server, email)
        playwright_api.expect(page.locator("table.orders tbody tr")).to_have_count(2)
        page.get_by_role("searchbox", name=tp("orders search", "Search")).fill("teapot")
        page.get_by_role("button", name=tp("orders search button", "Search")).click()
        playwright_api.expect(page.locator("table.orders tbody tr")).to_have_count(1)
        playwright_api.expect(page.get_by_role("link", name="#N-seeker-pot")).to_be_visible()
        playwright_api.expect(page.get_by_role("searchbox", name=tp("orders search", "Search"))).to_have_value("teapot")
        page.get_by_role("searchbox", name=tp("orders search", "Search")).fill("")
        page.get_by_label(tp("orders filter", "Shipping")).select_option("fulfilled")
        page.get_by_role("button", name=tp("orders search button", "Search")).click()
        playwright_api.expect(page.get_by_text(t("No orders match your search."))).to_be_visible()
        page.get_by_role("link", name=t("Show all orders")).first.click()
        playwright_api.expect(page.locator("table.orders tbody tr")).to_have_count(2)
    finally:
        context.close()


LONG_NAME = "Handcrafted" + "Stoneware" * 6 + "Mug"  # 68 characters, no space to break at
LONG_SKU = "SKU-" + "0123456789ABCDEF" * 4
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _watch_for_errors(page: Any) -> list[str]:
    """Console errors and failed answers (a 404 favicon included) the page gets, as they come."""
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(f"console: {message.text}"))
    page.on("pageerror", lambda error: problems.append(f"script: {error}"))
    page.on("response", lambda answer: answer.status >= 400 and problems.append(f"{answer.status} {answer.url}"))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    return problems


def test_addresses_without_a_page_answer_pages_not_json(page: Any, server: DevServer) -> None:
    email = demo_customer(server, "wanderer")
    page.goto("/store/account/orders/")  # trailing slash, logged out: to login, then back without it
    assert page.url.endswith("/store/account/login?next=/store/account/orders")
    log_in(page, server, email)
    expect = playwright_api.expect
    expect(page.get_by_role("heading", name=t("Orders"))).to_be_visible()
    for opened, lands in (
        ("/store/account/", "/store/account/orders"),
        ("/store/account/orders/", "/store/account/orders"),
        ("/store/account/orders/wanderer-1/", "/store/account/orders/wanderer-1"),
        ("/store/account/verify", "/store/account/login"),
    ):
        page.goto(opened)
        assert page.url == f"http://localhost:{server.port}{lands}", opened
        assert page.locator("h1").count() == 1
    page.goto("/store/account/logout")
    expect(page.get_by_role("heading", name=t("Log out"))).to_be_visible()
    answer = page.goto("/store/account/no/such/page")
    assert answer is not None
    assert answer.status == 404
    assert answer.headers["content-type"] == "text/html; charset=utf-8"
    expect(page.get_by_role("heading", name=t("Page not found"))).to_be_visible()
    assert "Demo Store" in page.locator("header").inner_text()
    assert page.get_by_text(
        t("Logged in as <strong>%(signed_in_as)s</strong>", signed_in_as="wanderer@example.com")
    ).is_visible()
    page.get_by_role("link", name=t("Go to your orders")).click()
    expect(page.get_by_role("heading", name=t("Orders"))).to_be_visible()


def test_a_long_product_name_and_sku_wrap_on_a_phone(chromium: Any, server: DevServer) -> None:
    email = "longword@example.com"
    item = order_line("l1", LONG_SKU, LONG_NAME, 1, 2400)
    put_order(
        server, "long-1", bea_order("N-" + "9" * 40, email, items=[item], totals={"subtotal": 2400, "total": 2400})
    )
    parcel = {
        "carrier": "A" * 60,
        "tracking_number": "TRK" + "7" * 60,
        "tracking_url": "https://t.example/" + "x" * 120,
    }
    assert server.admin_put("/admin/stores/demo/orders/long-1/fulfilments/f1", parcel).status == 200
    context = chromium.new_context(
        viewport=PHONE, is_mobile=True, base_url=f"http://localhost:{server.port}", **accepting()
    )
    page = context.new_page()
    try:
        page.goto("/store/account/login?next=/store/account/orders/long-1")
        log_in(page, server, email)
        playwright_api.expect(
            page.get_by_role("heading", name=t("Order #%(number)s", number="N-" + "9" * 40))
        ).to_be_visible()
        assert LONG_NAME in page.locator("section[aria-labelledby=items-heading] table.items").inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.get_by_role("link", name=t("← All orders")).click()
        playwright_api.expect(page.get_by_role("heading", name=t("Orders"))).to_be_visible()
        assert LONG_NAME in page.locator("table.orders").inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()


def test_the_customer_knows_where_they_are_and_no_request_fails(page: Any, server: DevServer) -> None:
    email = "oriented@example.com"
    picture = "https://img.example/beans.png"
    page.route("https://img.example/**", lambda route: route.fulfill(status=200, content_type="image/png", body=PNG))
    items = [
        {**order_line("l1", "BEAN-1KG", "Espresso Beans 1 kg", 2, 2400), "image_url": picture},
        order_line("l2", "FLT-100", "Paper Filters (100)", 1, 650),
    ]
    put_order(server, "oriented-1", bea_order("N-oriented", email, items=items))
    problems = _watch_for_errors(page)
    page.goto("/store/account/login")
    storefront = page.get_by_role("link", name=t("Back to %(store_name)s", store_name="Demo Store"))
    assert storefront.get_attribute("href") == "https://demo-store.example/"
    log_in(page, server, email)
    expect = playwright_api.expect
    expect(page.get_by_role("heading", name=t("Orders"))).to_be_visible()
    nav = page.get_by_role("navigation", name=t("Account"))
    expect(nav).to_contain_text(
        t("Logged in as <strong>%(signed_in_as)s</strong>", signed_in_as="oriented@example.com")
    )
    expect(nav.get_by_role("link", name=t("Back to %(store_name)s", store_name="Demo Store"))).to_be_visible()
    row = page.locator("table.orders tbody tr").first
    expect(row).to_contain_text("Espresso Beans 1 kg \N{MULTIPLICATION SIGN} 2")
    expect(row).to_contain_text("Paper Filters (100)")
    expect(row).to_contain_text(tn("%(count)s item", "%(count)s items", 3))
    thumb = row.locator("img.thumb")
    expect(thumb).to_have_attribute("src", picture)
    # The picture is lazy-loaded: wait until it has loaded (a decoded image has a width), not for a time.
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=thumb.element_handle())
    icon = page.locator('link[rel="icon"]').get_attribute("href")
    assert icon == "/store/account/assets/favicon.svg"
    answer = page.request.get(icon)
    assert answer.status == 200
    assert answer.headers["content-type"] == "image/svg+xml"
    page.get_by_role("link", name="#N-oriented").click()
    expect(page.get_by_role("heading", name=t("Order #%(number)s", number="N-oriented"))).to_be_visible()
    expect(page.get_by_role("navigation", name=t("Account"))).to_contain_text(
        t("Logged in as <strong>%(signed_in_as)s</strong>", signed_in_as="oriented@example.com")
    )
    page.wait_for_load_state("networkidle")
    assert problems == []


@DEVICES
def test_asking_to_cancel_from_the_order_page_and_hearing_the_stores_answer(
    chromium: Any, server: DevServer, device: str, javascript: bool
) -> None:
    """The whole flow in `make dev`: the form on the order page, the store's event and support email,
    the store system's decision, the customer's email and the page showing it."""
    name = f"cancel-{device}-{'js' if javascript else 'nojs'}"
    email = demo_customer(server, name)
    order_id = f"{name}-1"
    viewport = PHONE if device == "phone" else DESKTOP
    with signed_in(chromium, server, email, order_id, device, javascript) as page:
        playwright_api.expect(
            page.get_by_role("heading", name=t("Order #%(number)s", number=f"N-{name}"))
        ).to_be_visible()
        page.get_by_label(t("Reason (optional)")).fill("Ordered the wrong grind")
        page.get_by_role("button", name=t("Ask to cancel this order")).click()
        playwright_api.expect(page.get_by_role("status")).to_contain_text(
            part(
                'You asked to cancel this order on <time datetime="%(when)s">%(day)s</time>. %(store_name)s will email you their answer.',
                store_name="Demo Store",
            )
        )
        assert page.url.endswith(f"/store/account/orders/{order_id}#cancellation")
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]

        requested = wait_for(
            lambda: [e for e in dev_events(server, "CancellationRequested") if e["order_id"] == order_id] or None,
            what="the CancellationRequested event",
        )
        assert requested[0]["reason"] == "Ordered the wrong grind"
        wait_for(
            lambda: [
                m for m in server.outbox() if m["to"] == ["help@demo-store.example"] and f"N-{name}" in m["subject"]
            ]
            or None,
            what="the support email",
        )

        decision = {"decision": "approved", "message": "Cancelled. Your card is not charged."}
        before = len(server.outbox())  # the decision's email is the customer's next one (in their language)
        assert server.admin_put(f"/admin/stores/demo/orders/{order_id}/cancellation", decision).status == 200
        wait_for(
            lambda: [m for m in server.outbox(before) if m["to"] == [email] and f"N-{name}" in m["subject"]] or None,
            what="the decision email",
        )
        assert [e["status"] for e in dev_events(server, "CancellationDecided") if e["order_id"] == order_id] == [
            "approved"
        ]
        page.reload()
        playwright_api.expect(page.get_by_role("status")).to_contain_text(
            part(
                '%(store_name)s cancelled this order on <time datetime="%(when)s">%(day)s</time>.',
                store_name="Demo Store",
            )
        )
        assert "Cancelled. Your card is not charged." in page.locator("#cancellation").inner_text()
        playwright_api.expect(page.locator(".meta .badge")).to_have_text(tp("order status", "Cancelled"))
        assert page.get_by_role("button", name=t("Ask to cancel this order")).count() == 0


@DEVICES
def test_ordering_again_from_the_order_page_fills_the_stores_cart_with_what_can_be_added(
    chromium: Any, server: DevServer, device: str, javascript: bool
) -> None:
    name = f"again-{device}-{'js' if javascript else 'nojs'}"
    email = demo_customer(server, name)
    order_id = f"{name}-1"
    product = {
        "name": "Espresso Beans 1 kg",
        "unit_price": 2600,
        "currency": "USD",
        "available": True,
        "in_stock": True,
    }
    assert server.admin_put("/admin/stores/demo/products/BEAN-1KG", product).status == 200  # filters: not sold
    viewport = PHONE if device == "phone" else DESKTOP
    with signed_in(chromium, server, email, order_id, device, javascript) as page:
        page.get_by_role("link", name=t("Order again")).click()
        playwright_api.expect(page.get_by_role("heading", name=t("Order again"), exact=True)).to_be_visible()
        rows = page.locator("table.reorder tbody tr")
        playwright_api.expect(rows.nth(0)).to_contain_text(store_format().money(2600, "USD"))
        playwright_api.expect(rows.nth(0)).to_contain_text(t("Will be added"))
        playwright_api.expect(rows.nth(1)).to_contain_text(t("%(why)s: not added", why=t("No longer sold")))
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]

        page.get_by_role(
            "button", name=tn("Add %(count)s item to my cart", "Add %(count)s items to my cart", 2)
        ).click()
        playwright_api.expect(page.get_by_role("heading", name=t("Your cart is ready"))).to_be_visible()
        cart = page.get_by_role("link", name=t("Go to your cart"))
        assert cart.get_attribute("href") == "https://demo-store.example/cart/BEAN-1KG:2"
        started = [e for e in dev_events(server, "ReorderStarted") if e["order_id"] == order_id]
        assert [e["cart_url"] for e in started] == ["https://demo-store.example/cart/BEAN-1KG:2"]
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


@DEVICES
def test_returning_a_shipped_item_from_the_order_page_through_label_and_refund(
    chromium: Any, server: DevServer, device: str, javascript: bool
) -> None:
    name = f"return-{device}-{'js' if javascript else 'nojs'}"
    email = demo_customer(server, name)
    order_id = f"{name}-1"
    assert server.admin_put(f"/admin/stores/demo/orders/{order_id}/fulfilments/f1", {"carrier": "UPS"}).status == 200
    viewport = PHONE if device == "phone" else DESKTOP
    with signed_in(chromium, server, email, order_id, device, javascript) as page:
        page.get_by_label(t("How many of %(name)s", name="Espresso Beans 1 kg")).fill("1")
        page.get_by_label(t("Why return %(name)s", name="Espresso Beans 1 kg")).select_option(
            label=t("Damaged or defective")
        )
        page.get_by_label(t("Comment (optional)")).fill("The bag arrived torn")
        page.get_by_role("button", name=t("Ask to return these items")).click()
        number = f"R-N-{name}-1"
        playwright_api.expect(page.locator("#returns")).to_contain_text(
            f"{t('Return %(number)s', number=number)} · {tp('return status', 'Requested')}"
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]

        [requested] = wait_for(
            lambda: [e for e in dev_events(server, "ReturnRequested") if e["order_id"] == order_id] or None,
            what="the ReturnRequested event",
        )
        assert requested["items"][0]["reason"] == "damaged"
        wait_for(
            lambda: [m for m in server.outbox() if m["to"] == ["help@demo-store.example"] and number in m["subject"]]
            or None,
            what="the support email",
        )
        label = "https://labels.demo-store.example/" + number + ".pdf"
        path = f"/admin/stores/demo/returns/{requested['return_id']}"
        before = len(server.outbox())  # the approval's email is the customer's next one (in their language)
        assert server.admin_put(path, {"status": "approved", "label_url": label}).status == 200
        wait_for(
            lambda: [m for m in server.outbox(before) if m["to"] == [email] and f"N-{name}" in m["subject"]] or None,
            what="the approval email",
        )
        page.reload()
        playwright_api.expect(page.locator("#returns")).to_contain_text(
            f"{t('Return %(number)s', number=number)} · {tp('return status', 'Approved')}"
        )
        assert page.get_by_role("link", name=t("Print the return label")).get_attribute("href") == label

        for status in ("received", "refunded"):
            assert server.admin_put(path, {"status": status}).status == 200
        page.reload()
        playwright_api.expect(page.locator("#returns")).to_contain_text(
            f"{t('Return %(number)s', number=number)} · {tp('return status', 'Refunded')}"
        )

        # The page reads the table; the events come later, from the Orders stream's poller.
        def steps_told() -> list[str] | None:
            told = [e["status"] for e in dev_events(server, "ReturnUpdated") if e["order_id"] == order_id]
            return told if len(told) >= 3 else None

        steps = wait_for(steps_told, what="the three ReturnUpdated events")
        assert steps == ["approved", "received", "refunded"]


def test_a_parcels_timeline_from_store_system_events_shows_on_the_order_page(page: Any, server: DevServer) -> None:
    email = demo_customer(server, "timeline")
    order = "/admin/stores/demo/orders/timeline-1/fulfilments/f1"
    assert server.admin_put(order, {"carrier": "UPS", "tracking_number": "1Z999AA10123456784"}).status == 200
    events = [
        {
            "status": "in_transit",
            "occurred_at": "2026-11-21T09:00:00Z",
            "location": "Louisville, KY",
            "estimated_delivery": "2026-11-24T18:00:00Z",
        },
        {"status": "out_for_delivery", "occurred_at": "2026-11-24T07:30:00Z", "location": "Portland, OR"},
        {"status": "info_received", "occurred_at": "2026-11-20T15:00:00Z"},  # late, but older
    ]
    for event in events:
        assert server.request("POST", f"{order}/events", event).status == 200
    page.goto("/store/account/login?next=/store/account/orders/timeline-1")
    log_in(page, server, email)
    shipment = page.locator("article.shipment").first
    playwright_api.expect(shipment.locator(".tracking-status")).to_contain_text(t("Out for delivery"))
    playwright_api.expect(shipment.locator(".tracking-status")).to_contain_text(
        part('expected <time datetime="%(when)s">%(day)s</time>')
    )
    steps = shipment.locator(".timeline li")
    playwright_api.expect(steps).to_have_count(3)
    playwright_api.expect(steps.nth(0)).to_contain_text("Portland, OR")
    playwright_api.expect(steps.nth(2)).to_contain_text(
        t("Label created: the carrier has the details, not the parcel yet")
    )


PHOTO = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4  # a PNG by its signature (what the check reads)


def test_a_customer_attaches_a_photo_the_store_answers_and_both_download_it(
    page: Any, server: DevServer, tmp_path: Path
) -> None:
    email = demo_customer(server, "messages")
    page.goto("/store/account/login?next=/store/account/orders/messages-1")
    log_in(page, server, email)
    thread = page.locator("#messages")
    photo = tmp_path / "broken mug.png"
    photo.write_bytes(PHOTO)

    thread.get_by_label(t("A question about this order? Write to %(store_name)s", store_name="Demo Store")).fill(
        "The mug arrived broken.\nPhoto attached."
    )
    thread.get_by_label(t("Attach files (PDF, PNG, JPEG or text, up to 10 MB each, at most 5)")).set_input_files(
        str(photo)
    )
    thread.get_by_role("button", name=t("Send message")).click()

    mine = thread.locator(".message.from-customer")
    playwright_api.expect(mine).to_have_count(1)
    playwright_api.expect(mine).to_contain_text("The mug arrived broken.")
    playwright_api.expect(mine.get_by_role("link", name="broken mug.png")).to_be_visible()
    answered = server.request(
        "POST", "/admin/stores/demo/orders/messages-1/messages", {"body": "So sorry! A new one ships today."}
    )
    assert answered.status == 201, answered.body
    thread_json = server.request("GET", "/admin/stores/demo/orders/messages-1/messages").json()["messages"]
    assert [m["from"] for m in thread_json] == ["customer", "store"]
    (attachment,) = thread_json[0]["attachments"]

    page.reload()
    playwright_api.expect(thread.locator(".message.from-store")).to_contain_text("A new one ships today.")
    with page.expect_download() as download_info:
        thread.get_by_role("link", name="broken mug.png").click()
    download = download_info.value
    assert download.suggested_filename == "broken mug.png"
    assert Path(download.path()).read_bytes() == PHOTO

    stores = server.request("GET", f"/admin/stores/demo/attachments/{attachment['attachment_id']}")
    assert stores.status == 303
    link = stores.header("Location")
    assert link.startswith(f"http://127.0.0.1:{server.port}/_dev/s3/")
    fetched = server.request("GET", link.split(f":{server.port}", 1)[1], host=f"127.0.0.1:{server.port}")
    assert fetched.status == 200
    assert fetched.body == PHOTO
    assert fetched.header("Content-Disposition").startswith('attachment; filename="broken mug.png"')

    # The store's email in the store's language (the demo store's: English); the customer's too: a message
    # email takes the customer's profile language, and this customer chose none (their order names none).
    to_store = t("Message from %(customer)s about order %(number)s", "en", customer="Bea Browser", number="#N-messages")
    to_customer = t("%(store)s wrote about your order %(number)s", "en", store="Demo Store", number="#N-messages")

    def told() -> list[str] | None:
        subjects = [m["subject"] for m in server.outbox() if m["subject"] in (to_store, to_customer)]
        return subjects if len(subjects) == 2 else None

    assert sorted(wait_for(told, what="an email to each side")) == sorted([to_store, to_customer])


def test_an_invoice_pushed_with_a_pdf_downloads_from_the_invoices_page(page: Any, server: DevServer) -> None:
    import urllib.request
    import uuid

    email = demo_customer(server, "invoices")
    body = {
        "number": "INV-E2E-1",
        "email": email,
        "issued_at": "2020-01-01T00:00:00Z",
        "due_at": "2020-01-31T00:00:00Z",  # long overdue
        "currency": "USD",
        "total": 4200,
        "amount_due": 4200,
        "payment_status": "unpaid",
        "order_ids": ["invoices-1"],
    }
    assert server.admin_put("/admin/stores/demo/invoices/e2e-1", body).status == 201
    form = server.request("POST", "/admin/stores/demo/invoices/e2e-1/document").json()["upload"]
    pdf = b"%PDF-1.4\n% the ERP's document\n%%EOF\n"
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in form["fields"].items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="e2e.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode()
        + pdf
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(  # noqa: S310 - the local server's emulated S3
        form["url"], data=b"".join(parts), headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}
    )
    with urllib.request.urlopen(request) as answer:  # noqa: S310
        assert answer.status == 204
    claimed = server.request("PUT", "/admin/stores/demo/invoices/e2e-1/document")  # the upload becomes the document
    assert claimed.status == 200, claimed.body

    page.goto("/store/account/login?next=/store/account/invoices")
    log_in(page, server, email)
    row = page.locator("tr", has_text="INV-E2E-1")
    playwright_api.expect(row.locator(".badge.overdue")).to_have_text(t("Overdue"))
    with page.expect_download() as download_info:
        row.get_by_role(
            "link", name=named('Download<span class="visually-hidden"> invoice %(number)s</span>', number="INV-E2E-1")
        ).click()
    download = download_info.value
    assert download.suggested_filename == "invoice-INV-E2E-1.pdf"
    assert Path(download.path()).read_bytes() == pdf
    page.goto("/store/account/orders/invoices-1")
    playwright_api.expect(page.locator("#invoices")).to_contain_text("INV-E2E-1")
