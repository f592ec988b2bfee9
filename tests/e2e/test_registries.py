"""Gift registries in a real browser (API.md section 12), on a phone without JavaScript: start a registry,
add an item by SKU, copy its public link; the public page opens, signed out, with a Buy link to the cart
naming the registry. Then axe-core (WCAG 2.2 AA) audits the registry pages at a phone's width."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import playwright.sync_api as playwright_api
import pytest

from devtools.demo.seed import offered_languages
from tests.harness.bodies import order_body, store_settings
from tests.harness.browser import PHONE, accepting, fits_the_screen, log_in, t
from tests.harness.catalog import product_body
from tests.harness.devserver import DevServer, connect_store

AXE = Path(__file__).resolve().parents[2] / ".tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AUDIT = """async (values) => (await axe.run(document, {runOnly: {type: "tag", values}})).violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)"""
HOST = "registries.localhost"
EMAIL = "registry-e2e@example.com"


@pytest.fixture(scope="module")
def store(server: DevServer) -> str:
    """Store `rg` on its own host, registries on, a cart link naming the registry, a mug, and a customer
    with an order (codes go only to known emails)."""
    connect_store(server, "rg", HOST)
    settings = store_settings("Store rg", HOST, registries_enabled=True, languages=offered_languages(),
                              cart_url_template=f"https://{HOST}/cart/{{items}}?registry={{registry_id}}")  # fmt: skip
    assert server.admin_put("/admin/stores/rg", settings).status == 200
    assert server.admin_put("/admin/stores/rg/products/MUG-1", product_body("Mug")).status == 200
    assert server.admin_put("/admin/stores/rg/orders/rg-1", order_body(EMAIL, "RG-1")).status == 201
    return f"http://{HOST}:{server.port}"


def _context(chromium: Any, base: str, javascript: bool, **extra: Any) -> Any:
    return chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=javascript,
                                base_url=base, **accepting(), **extra)  # fmt: skip


def test_a_registry_from_start_to_a_guests_buy_link(chromium: Any, server: DevServer, store: str) -> None:
    expect = playwright_api.expect
    context = _context(chromium, store, javascript=False)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto("/store/account/registries")
        log_in(page, server, EMAIL)
        expect(page.get_by_role("heading", name=t("Gift registries"), level=1)).to_be_visible()
        page.get_by_label(t("Title")).fill("Our wedding")
        page.get_by_label(t("Date of the event")).fill((datetime.now(UTC).date() + timedelta(days=30)).isoformat())
        page.get_by_role("button", name=t("Start the registry")).click()
        expect(page.get_by_role("heading", name="Our wedding", level=1)).to_be_visible()
        page.get_by_label(t("SKU (the product code on the store's product page)")).fill("MUG-1")
        page.get_by_label(t("How many you want (1 to %(count)s)", count=999)).fill("3")
        page.get_by_role("button", name=t("Add to the registry")).click()
        expect(page.get_by_role("status")).to_have_text(t("The item is on your registry."))
        assert fits_the_screen(page)
        registry_url = page.url
        shared_url = page.locator("#registry-share-url").input_value()
        assert shared_url.startswith(f"{store}/store/account/registries/shared/")
        session = context.storage_state()
    finally:
        context.close()

    guest = _context(chromium, store, javascript=False)
    try:
        page = guest.new_page()
        answer = page.goto(shared_url)
        assert answer is not None
        assert answer.headers.get("x-robots-tag") == "noindex"
        expect(page.get_by_role("heading", name="Our wedding", level=1)).to_be_visible()
        registry_id = registry_url.split("/")[-1].split("?")[0]
        buy = page.get_by_role("link", name=t("Buy %(name)s", name="Mug"))
        assert buy.get_attribute("href") == f"https://{HOST}/cart/MUG-1:3?registry={registry_id}"
        assert EMAIL not in page.content()
        assert fits_the_screen(page)
    finally:
        guest.close()
    _audit(chromium, store, session, [registry_url, shared_url])


def _audit(chromium: Any, base: str, session: dict[str, Any], paths: list[str]) -> None:
    if not AXE.is_file():
        pytest.fail(f"axe-core is required for the accessibility tests: run `make tools/axe` (not at {AXE})")
    context = _context(chromium, base, javascript=True, storage_state=session, bypass_csp=True)
    found: dict[str, list[str]] = {}
    try:
        page = context.new_page()
        for path in ("/store/account/registries", *paths):
            page.goto(path)
            page.wait_for_load_state("load")
            page.add_script_tag(path=str(AXE))
            found[path] = page.evaluate(AUDIT, WCAG_TAGS)
            assert fits_the_screen(page), path
    finally:
        context.close()
    report = [f"{path}: {v}" for path, violations in found.items() for v in violations]
    assert not report, "axe-core violations:\n" + "\n".join(report)
