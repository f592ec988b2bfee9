"""Saved carts in a real browser (API.md section 12), on a phone without JavaScript: the store pushes a
cart, the customer finds it in their account with today's prices (one line out of stock), renames it,
restores it to the store's cart (the grinder left out, said so) and deletes it. Then axe-core (WCAG 2.2
AA) audits the Saved carts page, a refused rename and the restored page at a phone's width."""

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
HOST = "carts.localhost"
EMAIL = "carts-e2e@example.com"
CARTS = "/store/account/carts"


@pytest.fixture(scope="module")
def store(server: DevServer) -> str:
    """Store `sc` on its own host (the demo store's settings are other tests'), saved carts on, a cart link,
    beans and a grinder out of stock without backorder, and a customer with an order (codes go only to
    known emails)."""
    connect_store(server, "sc", HOST)
    settings = store_settings("Store sc", HOST, saved_carts_enabled=True, languages=offered_languages(),
                              cart_url_template=f"https://{HOST}/cart/{{items}}")  # fmt: skip
    assert server.admin_put("/admin/stores/sc", settings).status == 200
    assert server.admin_put("/admin/stores/sc/products/BEAN-1", product_body("Beans", 1750)).status == 200
    grinder = product_body("Grinder", 6900, in_stock=False)
    assert server.admin_put("/admin/stores/sc/products/GRN-1", grinder).status == 200
    assert server.admin_put("/admin/stores/sc/orders/sc-1", order_body(EMAIL, "SC-1")).status == 201
    return f"http://{HOST}:{server.port}"


def _push(server: DevServer, cart_id: str) -> None:
    body = {"email": EMAIL, "name": "Weekend order", "saved_at": "2026-03-01T10:00:00Z",
            "items": [{"sku": "BEAN-1", "quantity": 2}, {"sku": "GRN-1", "quantity": 1}]}  # fmt: skip
    assert server.admin_put(f"/admin/stores/sc/carts/{cart_id}", body).status in (200, 201)


def _context(chromium: Any, base: str, javascript: bool, **extra: Any) -> Any:
    return chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=javascript,
                                base_url=base, **accepting(), **extra)  # fmt: skip


def test_a_saved_cart_renamed_restored_to_the_cart_and_deleted(chromium: Any, server: DevServer, store: str) -> None:
    expect = playwright_api.expect
    _push(server, "c1")
    context = _context(chromium, store, javascript=False)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto("/store/account/login")
        log_in(page, server, EMAIL)
        page.goto(CARTS)
        expect(page.get_by_role("heading", name=t("Saved carts"), level=1)).to_be_visible()
        cart = page.get_by_role("region", name="Weekend order")
        expect(cart.get_by_text(t("%(why)s: not added", why=t("Out of stock")))).to_be_visible()
        assert fits_the_screen(page)

        cart.get_by_label(t("Name of this cart")).fill("Saturday")
        cart.get_by_role("button", name=t("Rename<span class=\"visually-hidden\"> the cart %(title)s</span>",
                                          title="Weekend order")).click()  # fmt: skip
        cart = page.get_by_role("region", name="Saturday")
        expect(cart).to_be_visible()

        cart.get_by_role("button", name=t("Restore %(count)s items to my cart", count=2)).click()
        expect(page.get_by_role("heading", name=t("Your cart is ready"), level=1)).to_be_visible()
        link = page.get_by_role("link", name=t("Go to your cart"))
        assert link.get_attribute("href") == f"https://{HOST}/cart/BEAN-1:2"  # the grinder is left out
        expect(page.get_by_text(t("%(item)s: %(why)s", item="Grinder", why=t("Out of stock")))).to_be_visible()
        assert fits_the_screen(page)

        page.get_by_role("link", name=t("← Back to your saved carts")).click()
        delete = t('Delete the cart<span class="visually-hidden"> %(title)s</span>', title="Saturday")
        page.get_by_role("button", name=delete).click()
        expect(page.get_by_text(t("No saved carts yet. Carts you save at %(store_name)s show up here.",
                                  store_name="Store sc"))).to_be_visible()  # fmt: skip
        session = context.storage_state()
    finally:
        context.close()
    kinds = [kind for kind in ("SavedCartRenamed", "SavedCartRestored", "SavedCartDeleted")
             if any(e["store_id"] == "sc" for e in dev_events(server, kind))]  # fmt: skip
    assert kinds == ["SavedCartRenamed", "SavedCartRestored", "SavedCartDeleted"]
    _audit(chromium, server, store, session)


def _audit(chromium: Any, server: DevServer, base: str, session: dict[str, Any]) -> None:
    if not AXE.is_file():
        pytest.fail(f"axe-core is required for the accessibility tests: run `make tools/axe` (not at {AXE})")
    _push(server, "c2")
    context = _context(chromium, base, javascript=True, storage_state=session, bypass_csp=True)
    found: dict[str, list[str]] = {}

    def check(state: str) -> None:
        page.wait_for_load_state("load")
        page.add_script_tag(path=str(AXE))
        found[state] = page.evaluate(AUDIT, WCAG_TAGS)
        assert fits_the_screen(page), state

    try:
        page = context.new_page()
        page.goto(CARTS)
        check("the list")
        cart = page.get_by_role("region", name="Weekend order")
        cart.get_by_label(t("Name of this cart")).fill("Weekend \u202e order")  # a direction override: refused
        cart.get_by_label(t("Name of this cart")).press("Enter")
        playwright_api.expect(page.get_by_role("alert")).to_be_visible()
        check("a refused name")
        page.get_by_role("region", name="Weekend order").get_by_role(
            "button", name=t("Restore %(count)s items to my cart", count=2)
        ).click()
        check("restored")
    finally:
        context.close()
    report = [f"{state}: {v}" for state, violations in found.items() for v in violations]
    assert not report, "axe-core violations:\n" + "\n".join(report)
