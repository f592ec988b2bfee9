"""The contact form in a real browser (API.md section 12), on a phone without JavaScript: a visitor finds
"Contact" on the login page and writes with their email (the store's support address gets it, Reply-To
the visitor, and nothing goes to the visitor); then a customer logs in, opens Contact from the account's
navigation and asks about one of their orders. Then axe-core (WCAG 2.2 AA) audits the page signed out,
and a refused form, at a phone's width."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import playwright.sync_api as playwright_api
import pytest

from devtools.demo.seed import offered_languages
from tests.harness.bodies import order_body, store_settings
from tests.harness.browser import PHONE, accepting, dev_events, fits_the_screen, log_in, t
from tests.harness.devserver import DevServer, connect_store, wait_for

AXE = Path(__file__).resolve().parents[2] / ".tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AUDIT = """async (values) => (await axe.run(document, {runOnly: {type: "tag", values}})).violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)"""
HOST = "contact.localhost"
EMAIL = "contact-e2e@example.com"
VISITOR = "visitor-e2e@example.com"
CONTACT = "/store/account/contact"


@pytest.fixture(scope="module")
def store(server: DevServer) -> str:
    """Store `ct` on its own host with the contact form on (support address help@contact.localhost), and a
    customer with an order (codes go only to known emails)."""
    connect_store(server, "ct", HOST)
    settings = store_settings("Store ct", HOST, contact_form_enabled=True, languages=offered_languages())
    assert server.admin_put("/admin/stores/ct", settings).status == 200
    assert server.admin_put("/admin/stores/ct/orders/ct-1", order_body(EMAIL, "CT-1")).status == 201
    return f"http://{HOST}:{server.port}"


def _context(chromium: Any, base: str, javascript: bool, **extra: Any) -> Any:
    return chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=javascript,
                                base_url=base, **accepting(), **extra)  # fmt: skip


def _contact_email(server: DevServer, sender: str) -> dict[str, Any]:
    def find() -> dict[str, Any] | None:
        return next((m for m in server.outbox() if m.get("reply_to") == sender and m["subject"].startswith(
            t("Contact form: %(subject)s", subject=""))), None)  # fmt: skip

    return wait_for(find, what=f"the store's email from {sender}")  # type: ignore[no-any-return]


def _write(page: Any, subject: str, body: str) -> None:
    page.get_by_label(t("Subject")).fill(subject)
    page.get_by_label(t("Your message")).fill(body)
    page.get_by_role("button", name=t("Send message")).click()
    sent = t("Thank you: your message is on its way to %(store_name)s. They will answer by email.",
             store_name="Store ct")  # fmt: skip
    playwright_api.expect(page.get_by_role("status")).to_have_text(sent)


def test_a_visitor_and_a_customer_write_to_the_store(chromium: Any, server: DevServer, store: str) -> None:
    expect = playwright_api.expect
    context = _context(chromium, store, javascript=False)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto("/store/account/login")
        page.get_by_role("link", name=t("A question? Contact the store without logging in")).click()
        expect(page.get_by_role("heading", name=t("Contact the store"), level=1)).to_be_visible()
        page.get_by_label(t("Your email")).fill(VISITOR)
        _write(page, "Opening hours", "When are you open?")
        assert fits_the_screen(page)
        visitor_email = _contact_email(server, VISITOR)
        assert visitor_email["to"] == [f"help@{HOST}"]
        assert not any(VISITOR in m["to"] for m in server.outbox())  # never a relay

        page.goto("/store/account/login")
        log_in(page, server, EMAIL)
        page.goto("/store/account/profile")
        page.get_by_role("link", name=t("Contact"), exact=True).click()
        expect(page.get_by_label(t("Your email"))).to_have_count(0)
        page.get_by_label(t("About an order (optional)")).select_option("ct-1")
        _write(page, "My order", "Where is it?")
        assert fits_the_screen(page)
    finally:
        context.close()
    assert "#CT-1" in _contact_email(server, EMAIL)["text"]
    signed = {e["email"]: e["signed_in"] for e in dev_events(server, "ContactMessage") if e["store_id"] == "ct"}
    assert signed == {VISITOR: False, EMAIL: True}
    _audit(chromium, store)


def _audit(chromium: Any, base: str) -> None:
    if not AXE.is_file():
        pytest.fail(f"axe-core is required for the accessibility tests: run `make tools/axe` (not at {AXE})")
    context = _context(chromium, base, javascript=True, bypass_csp=True)
    found: dict[str, list[str]] = {}

    def check(state: str) -> None:
        page.wait_for_load_state("load")
        page.add_script_tag(path=str(AXE))
        found[state] = page.evaluate(AUDIT, WCAG_TAGS)
        assert fits_the_screen(page), state

    try:
        page = context.new_page()
        page.goto(CONTACT)
        check("signed out")
        page.get_by_label(t("Your email")).fill(VISITOR)
        page.get_by_label(t("Subject")).fill("x")
        page.get_by_label(t("Your message")).fill("y" * 5001)  # maxlength stops typing: filled past it
        page.evaluate("document.getElementById('contact-body').removeAttribute('maxlength')")
        page.get_by_label(t("Your message")).fill("y" * 5001)
        page.get_by_role("button", name=t("Send message")).click()
        playwright_api.expect(page.get_by_role("alert")).to_be_visible()
        check("a refused message")
    finally:
        context.close()
    report = [f"{state}: {v}" for state, violations in found.items() for v in violations]
    assert not report, "axe-core violations:\n" + "\n".join(report)
