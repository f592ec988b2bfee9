"""Quotes and configurations in a real browser (Chromium against `make dev`; API.md section 12): from the
account's navigation to the Quotes page, a configuration's printable page with its options, accepting it
(the page with the store's cart link) and declining a quote with a reason, on the run's device (a desktop,
a phone, or a phone without JavaScript: tests/harness/browser.DEVICES). Each page fits the screen, and
where the run has JavaScript (axe-core is a script) passes axe-core's WCAG 2.2 AA rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import playwright.sync_api as playwright_api

from tests.harness.bodies import order_body
from tests.harness.browser import DESKTOP, DEVICES, LANGUAGE, PHONE, accepting, dev_events, fits_the_screen, log_in, t
from tests.harness.devserver import DevServer, connect_store, wait_for

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / ".tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
AUDIT = """async () => {
    const result = await axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}});
    return result.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}"""


def _store(server: DevServer, suffix: str) -> tuple[str, str, str]:
    """A store offering quotes with a cart link; a customer with an order (so they may log in), an open
    configuration (Q-1) and a quote (Q-2). (store id, domain, email)."""
    store_id, domain = f"quotes-{suffix}", f"{suffix}.quotes.localhost"
    connect_store(server, store_id, domain)
    settings = {
        "name": "Quote Store",
        "from_email": f"orders@{domain}",
        "quotes_enabled": True,
        "cart_url_template": f"https://{domain}/cart/{{items}}",
        "languages": list(dict.fromkeys(["en", LANGUAGE])),
    }
    assert server.admin_put(f"/admin/stores/{store_id}", settings).status == 200
    email = f"quoted-{suffix}@example.com"
    assert server.admin_put(f"/admin/stores/{store_id}/orders/o1", order_body(email, "1")).status == 201
    valid_until = (datetime.now(UTC) + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
    grinder = {"line_id": "l1", "sku": "GRN-1", "name": "Hand Grinder", "quantity": 1, "unit_price": 6500}
    options = [{"name": "Burr", "value": "Steel"}, {"name": "Colour", "value": "Black"}]
    mugs = {"line_id": "l1", "sku": "MUG-1", "name": "Stoneware Mug", "quantity": 12, "unit_price": 1500}
    for quote_id, number, kind, line in (
        ("q1", "Q-1", "configuration", {**grinder, "options": options}),
        ("q2", "Q-2", "quote", mugs),
    ):
        total = line["quantity"] * line["unit_price"]  # type: ignore[operator]
        body = {
            "number": number,
            "email": email,
            "kind": kind,
            "valid_until": valid_until,
            "currency": "USD",
            "lines": [line],
            "totals": {"subtotal": total, "total": total},
        }
        assert server.admin_put(f"/admin/stores/{store_id}/quotes/{quote_id}", body).status == 201
    return store_id, domain, email


def _audit(page: Any, javascript: bool, found: list[str], state: str) -> None:
    assert fits_the_screen(page), state
    if javascript and AXE.is_file():
        page.add_script_tag(path=str(AXE))
        found.extend(f"{state}: {violation}" for violation in page.evaluate(AUDIT))


@DEVICES
def test_a_customer_reads_accepts_and_declines_quotes(
    chromium: Any, server: DevServer, device: str, javascript: bool
) -> None:
    suffix = f"{device}-{'js' if javascript else 'nojs'}"
    store_id, domain, email = _store(server, suffix)
    phone = device == "phone"
    context = chromium.new_context(
        viewport=PHONE if phone else DESKTOP,
        is_mobile=phone,
        has_touch=phone,
        java_script_enabled=javascript,
        bypass_csp=True,  # axe is injected as a script, which the pages' CSP rightly refuses
        **accepting(),
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    expect = playwright_api.expect
    base = f"http://{domain}:{server.port}/store/account"
    violations: list[str] = []
    try:
        page.goto(f"{base}/login")
        log_in(page, server, email)
        page.get_by_role("navigation", name=t("Account")).get_by_role("link", name=t("Account")).click()
        page.get_by_role("navigation", name=t("Your account")).get_by_role("link", name=t("Quotes")).click()
        expect(page.get_by_role("heading", name=t("Quotes"), level=1)).to_be_visible()
        expect(page.get_by_role("link", name="Q-2", exact=True)).to_be_visible()  # newest first
        _audit(page, javascript, violations, "the Quotes page")

        page.get_by_role("link", name="Q-1", exact=True).click()
        expect(page.get_by_role("heading", name=t("Configuration %(number)s", number="Q-1"))).to_be_visible()
        expect(page.get_by_text(t("%(name)s: %(value)s", name="Burr", value="Steel"))).to_be_visible()
        _audit(page, javascript, violations, "a configuration")
        page.get_by_role("button", name=t("Accept")).click()
        expect(page.get_by_role("heading", name=t("Quote accepted"))).to_be_visible()
        cart = page.get_by_role("link", name=t("Go to your cart"))
        expect(cart).to_have_attribute("href", f"https://{domain}/cart/GRN-1:1")
        _audit(page, javascript, violations, "an accepted quote")

        page.goto(f"{base}/quotes/q2")
        page.get_by_label(t("Reason for declining (optional)")).fill("We found mugs closer to home.")
        page.get_by_role("button", name=t("Decline")).click()
        expect(page.get_by_text("We found mugs closer to home.")).to_be_visible()
        expect(page.get_by_role("button", name=t("Accept"))).to_have_count(0)
        _audit(page, javascript, violations, "a declined quote")
    finally:
        context.close()
    accepted = wait_for(
        lambda: [e for e in dev_events(server, "QuoteAccepted") if e["store_id"] == store_id] or None,
        what="QuoteAccepted",
    )
    assert [(line["sku"], line["unit_price"]) for line in accepted[0]["lines"]] == [("GRN-1", 6500)]
    declined = [e for e in dev_events(server, "QuoteDeclined") if e["store_id"] == store_id]
    assert [e["reason"] for e in declined] == ["We found mugs closer to home."]
    assert not violations, "axe-core violations:\n" + "\n".join(violations)
