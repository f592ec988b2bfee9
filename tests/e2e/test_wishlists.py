"""Wish lists in a real browser (API.md section 12), on a phone without JavaScript: a store's product page
links to "add to wish list", which sends the visitor to login and back, starts a first list with one
button, shares it and fills the cart; the shared link opens, read-only, for someone signed out. Then
axe-core (WCAG 2.2 AA) audits the wish list pages at a phone's width, and each fits it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import playwright.sync_api as playwright_api
import pytest

from devtools.demo.seed import offered_languages
from tests.harness.bodies import order_body, store_settings
from tests.harness.browser import PHONE, accepting, dev_events, fits_the_screen, log_in, t
from tests.harness.catalog import product_body
from tests.harness.devserver import DevServer, connect_store

AXE = Path(__file__).resolve().parents[2] / ".tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AUDIT = """async (values) => (await axe.run(document, {runOnly: {type: "tag", values}})).violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)"""
HOST = "wishlists.localhost"
EMAIL = "wish-e2e@example.com"


@pytest.fixture(scope="module")
def store(server: DevServer) -> str:
    """Store `wl` on its own host (the demo store's settings are other tests'), wish lists on, a cart link,
    a mug and a scale no longer sold, and a customer with an order (codes go only to known emails)."""
    connect_store(server, "wl", HOST)
    settings = store_settings("Store wl", HOST, wishlists_enabled=True, languages=offered_languages(),
                              cart_url_template=f"https://{HOST}/cart/{{items}}")  # fmt: skip
    assert server.admin_put("/admin/stores/wl", settings).status == 200
    assert server.admin_put("/admin/stores/wl/products/MUG-1", product_body("Mug")).status == 200
    assert server.admin_put("/admin/stores/wl/products/SCL-1", product_body("Scale", available=False)).status == 200
    assert server.admin_put("/admin/stores/wl/orders/wl-1", order_body(EMAIL, "WL-1")).status == 201
    return f"http://{HOST}:{server.port}"


def _context(chromium: Any, base: str, javascript: bool, **extra: Any) -> Any:
    return chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=javascript,
                                base_url=base, **accepting(), **extra)  # fmt: skip


def test_a_wish_list_from_a_product_link_to_a_shared_page_and_the_cart(
    chromium: Any, server: DevServer, store: str
) -> None:
    expect = playwright_api.expect
    context = _context(chromium, store, javascript=False)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto("/store/account/wishlists/add?sku=SCL-1")  # as a product page on another host links
        log_in(page, server, EMAIL)
        expect(page.get_by_role("heading", name=t("Add to a wish list"), level=1)).to_be_visible()
        page.get_by_role("button", name=t("Add to wish list")).click()
        expect(page.get_by_role("heading", name=t("Wish list"), level=1)).to_be_visible()
        page.goto("/store/account/wishlists/add?sku=MUG-1")
        page.get_by_role("button", name=t("Add to wish list")).click()  # the only list: no choice to make
        expect(page.get_by_role("status")).to_have_text(t("Added to your wish list."))
        expect(page.get_by_text(t("No longer sold"), exact=True)).to_be_visible()
        assert fits_the_screen(page)

        page.get_by_role("button", name=t("Share this list")).click()
        link = page.get_by_label(t("Link to this list (anyone with it can see the list, not who you are)"))
        shared_url = link.input_value()
        assert shared_url.startswith(f"{store}/store/account/wishlists/shared/")
        page.get_by_role("button", name=t("Add all available to cart")).click()
        cart = page.get_by_role("link", name=t("Go to your cart"))
        assert cart.get_attribute("href") == f"https://{HOST}/cart/MUG-1:1"  # the scale is left out
        session = context.storage_state()
    finally:
        context.close()

    stranger = _context(chromium, store, javascript=False)
    try:
        page = stranger.new_page()
        answer = page.goto(shared_url)
        assert answer is not None
        assert answer.headers.get("x-robots-tag") == "noindex"
        expect(page.get_by_role("heading", name=t("Wish list"), level=1)).to_be_visible()
        expect(page.get_by_role("heading", name="Mug", level=3)).to_be_visible()
        assert EMAIL not in page.content()
        assert fits_the_screen(page)
    finally:
        stranger.close()

    shared = [e for e in dev_events(server, "WishlistShared") if e["store_id"] == "wl"]
    assert shared
    assert shared[-1]["share_url"] == shared_url
    _audit(chromium, store, session, shared_url)


def _audit(chromium: Any, base: str, session: dict[str, Any], shared_url: str) -> None:
    if not AXE.is_file():
        pytest.fail(f"axe-core is required for the accessibility tests: run `make tools/axe` (not at {AXE})")
    context = _context(chromium, base, javascript=True, storage_state=session, bypass_csp=True)
    found: dict[str, list[str]] = {}
    try:
        page = context.new_page()
        page.goto("/store/account/wishlists")
        list_page = page.get_by_role("link", name=t("Wish list"), exact=True).get_attribute("href")
        for path in ("/store/account/wishlists", list_page, "/store/account/wishlists/add?sku=MUG-1", shared_url):
            page.goto(str(path))
            page.wait_for_load_state("load")
            page.add_script_tag(path=str(AXE))
            found[str(path)] = page.evaluate(AUDIT, WCAG_TAGS)
            assert fits_the_screen(page), path
    finally:
        context.close()
    report = [f"{path}: {v}" for path, violations in found.items() for v in violations]
    assert not report, "axe-core violations:\n" + "\n".join(report)
