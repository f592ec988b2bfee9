"""Reward points in a real browser (API.md section 12), on a phone without JavaScript: the store pushes a
ledger (22 entries, one spent, one expiring in 12 days), the customer goes Account -> Points, reads the
balance and what it is worth, what expires soon, and pages to the older entries. Then axe-core (WCAG 2.2
AA) audits both pages at a phone's width."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import playwright.sync_api as playwright_api
import pytest

from devtools.demo.seed import offered_languages
from tests.harness.bodies import order_body, store_settings
from tests.harness.browser import PHONE, accepting, fits_the_screen, log_in, t, tn
from tests.harness.devserver import DevServer, connect_store

AXE = Path(__file__).resolve().parents[2] / ".tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AUDIT = """async (values) => (await axe.run(document, {runOnly: {type: "tag", values}})).violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)"""
HOST = "points.localhost"
EMAIL = "points-e2e@example.com"


def _iso(moment: datetime) -> str:
    return moment.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture(scope="module")
def store(server: DevServer) -> str:
    """Store `sp` on its own host, points on (a point is worth 5 cents), a customer with an order (codes go
    only to known emails) and 22 ledger entries: 21 earning 100 each (the oldest expiring in 12 days), and
    500 spent today. Balance 1,600 points, worth $80.00."""
    connect_store(server, "sp", HOST)
    settings = store_settings("Store sp", HOST, points_enabled=True, points_value=5, points_currency="USD",
                              languages=offered_languages())  # fmt: skip
    assert server.admin_put("/admin/stores/sp", settings).status == 200
    assert server.admin_put("/admin/stores/sp/orders/sp-1", order_body(EMAIL, "SP-1")).status == 201
    now = datetime.now(UTC)
    for n in range(21):
        occurred = now - timedelta(days=40 - n)
        expires = now + timedelta(days=12) if n == 0 else occurred + timedelta(days=365)
        body = {"email": EMAIL, "points": 100, "reason": f"Order SP-{n + 1}", "order_id": f"sp-{n + 1}",
                "occurred_at": _iso(occurred), "expires_at": _iso(expires)}  # fmt: skip
        assert server.admin_put(f"/admin/stores/sp/points/earn-{n}", body).status in (200, 201)
    spent = {"email": EMAIL, "points": -500, "reason": "Redeemed at checkout", "occurred_at": _iso(now)}
    assert server.admin_put("/admin/stores/sp/points/spent-1", spent).status in (200, 201)
    return f"http://{HOST}:{server.port}"


def _context(chromium: Any, base: str, javascript: bool, **extra: Any) -> Any:
    return chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=javascript,
                                base_url=base, **accepting(), **extra)  # fmt: skip


def test_a_customer_reads_their_points_and_their_history(chromium: Any, server: DevServer, store: str) -> None:
    expect = playwright_api.expect
    context = _context(chromium, store, javascript=False)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto("/store/account/login")
        log_in(page, server, EMAIL)
        page.get_by_role("navigation", name=t("Account")).get_by_role("link", name=t("Account")).click()
        page.get_by_role("navigation", name=t("Your account")).get_by_role("link", name=t("Points")).click()
        expect(page.get_by_role("heading", name=t("Points"), level=1)).to_be_visible()
        balance = page.get_by_role("region", name=t("Your balance"))
        expect(balance.get_by_text(tn("%(points)s point", "%(points)s points", 1600, points="1,600"))).to_be_visible()
        worth = t("Worth %(worth)s at %(store_name)s", worth="$80.00", store_name="Store sp")
        expect(balance.get_by_text(worth)).to_be_visible()
        expect(page.get_by_role("region", name=t("Expiring soon")).get_by_role("listitem")).to_have_count(1)
        history = page.get_by_role("region", name=t("History"))
        expect(history.get_by_text("Redeemed at checkout")).to_be_visible()  # newest first
        expect(history.get_by_role("row")).to_have_count(20)  # 20 entries a page (a phone hides the header row)
        assert fits_the_screen(page)

        page.get_by_role("link", name=t("Older entries →")).click()
        history = page.get_by_role("region", name=t("History"))
        expect(history.locator('a[href$="/orders/sp-1"]')).to_be_visible()  # the oldest, linked to its order
        expect(page.get_by_role("link", name=t("Older entries →"))).to_have_count(0)
        assert fits_the_screen(page)
        older = page.url
        session = context.storage_state()
    finally:
        context.close()
    _audit(chromium, store, session, older)


def _audit(chromium: Any, base: str, session: dict[str, Any], older: str) -> None:
    if not AXE.is_file():
        pytest.fail(f"axe-core is required for the accessibility tests: run `make tools/axe` (not at {AXE})")
    context = _context(chromium, base, javascript=True, storage_state=session, bypass_csp=True)
    found: dict[str, list[str]] = {}
    try:
        page = context.new_page()
        for state, url in (("the Points page", "/store/account/points"), ("older entries", older)):
            page.goto(url)
            page.wait_for_load_state("load")
            page.add_script_tag(path=str(AXE))
            found[state] = page.evaluate(AUDIT, WCAG_TAGS)
            assert fits_the_screen(page), state
    finally:
        context.close()
    report = [f"{state}: {v}" for state, violations in found.items() for v in violations]
    assert not report, "axe-core violations:\n" + "\n".join(report)
