"""Accessibility: axe-core's WCAG 2.0, 2.1 and 2.2 level A and AA rules on every customer page and state, at
desktop width and at a phone's 390 px, and on the three emails as the local outbox has them.

Debian's Chromium driven by Playwright against `make dev`: the server and browser fixtures of
tests/e2e/conftest.py. axe-core comes from npm (`make tools/axe` installs the pinned version into
.tools/axe); it is injected into each page, which is why the contexts bypass the pages' CSP. Any
violation fails, listing each rule with its impact and the elements it found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import playwright.sync_api as playwright_api
import pytest

from access_center.core import i18n
from devtools.demo.quotes_seed import EXPIRED_QUOTE, OPEN_QUOTE
from devtools.demo.seed import DEMO_EMAIL
from tests.harness.bodies import order_body, recent
from tests.harness.browser import DESKTOP, LANGUAGE, PHONE, accepting, demo_customer, log_in, part, t
from tests.harness.devserver import DevServer, wait_for

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / ".tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
VIEWPORTS = {
    "desktop": {"viewport": DESKTOP},
    "phone": {"viewport": PHONE, "is_mobile": True, "has_touch": True, "device_scale_factor": 2},
}
# Five recent demo orders from devtools.demo.seed: #1002 is partly shipped with tracking, #1000 cancelled.
WITH_PARCELS, CANCELLED = "demo-1002", "demo-1000"
AUDIT = """async (values) => {
    const result = await axe.run(document, {runOnly: {type: "tag", values}});
    return result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")),
    }));
}"""


@pytest.fixture(scope="module")
def axe() -> str:
    if not AXE.is_file():
        pytest.fail(f"axe-core is required for the accessibility tests: run `make tools/axe` (not at {AXE})")
    return str(AXE)


class Audit:
    """The violations found, by the page or state they were found on."""

    def __init__(self, axe: str) -> None:
        self.axe = axe
        self.found: dict[str, list[dict[str, Any]]] = {}

    def check(self, page: Any, state: str) -> None:
        page.wait_for_load_state("load")
        page.add_script_tag(path=self.axe)
        self.found[state] = page.evaluate(AUDIT, WCAG_TAGS)

    def assert_clean(self) -> None:
        assert self.found, "nothing was audited"
        report = [
            f"{state}: {v['id']} ({v['impact']}): {v['help']}; at {', '.join(v['targets'])}"
            for state, violations in self.found.items()
            for v in violations
        ]
        assert not report, "axe-core violations:\n" + "\n".join(report)


@dataclass(frozen=True)
class Session:
    cookies: dict[str, Any]  # a logged-in browser's storage state
    url: str = ""


def _context(
    chromium: Any, server: DevServer, viewport: str, session: Session | None = None, language: str = LANGUAGE
) -> Any:
    return chromium.new_context(
        base_url=f"http://localhost:{server.port}",
        **accepting(language),
        bypass_csp=True,  # axe is injected as an inline script, which the pages' CSP rightly refuses
        storage_state=session.cookies if session else None,
        **VIEWPORTS[viewport],
    )


@pytest.fixture
def audit(axe: str) -> Audit:
    return Audit(axe)


@pytest.fixture(scope="module")
def demo_session(chromium: Any, server: DevServer) -> Session:
    """The demo customer (30 orders, two pages), logged in once: codes for one email go out 30 s apart."""
    context = _context(chromium, server, "desktop")
    try:
        page = context.new_page()
        page.goto("/store/account/login")
        log_in(page, server, DEMO_EMAIL)
        playwright_api.expect(page.get_by_role("heading", name=t("Orders"))).to_be_visible()
        return Session(context.storage_state())
    finally:
        context.close()


@pytest.fixture(scope="module")
def empty_list(chromium: Any, server: DevServer) -> Session:
    """A logged-in customer on an empty order list. No customer without an order can log in (codes go
    only to emails the store knows), so the empty list is reached past the end of a list: 21 orders,
    the address of the second page, then the one order on it moves to the top (`placed_at` may change)."""
    email = "a11y-empty@example.com"
    bodies = {
        f"a11y-empty-{n}": order_body(email, f"E{n:02d}", placed_at=recent(hours_ago=24 * 30 + n)) for n in range(21)
    }
    for order_id, body in bodies.items():
        assert server.admin_put(f"/admin/stores/demo/orders/{order_id}", body).status == 201
    context = _context(chromium, server, "desktop")
    try:
        page = context.new_page()
        page.goto("/store/account/login")
        log_in(page, server, email)
        older = page.locator('a[rel="next"]')
        playwright_api.expect(older).to_be_visible()
        second_page = older.get_attribute("href")
        assert second_page
        last = "a11y-empty-20"
        moved = server.admin_put(f"/admin/stores/demo/orders/{last}", {**bodies[last], "placed_at": recent()})
        assert moved.status == 200, moved.body
        return Session(context.storage_state(), second_page)
    finally:
        context.close()


@dataclass(frozen=True)
class CompanySessions:
    admin: Session
    manager: Session
    colleagues_order: str  # the buyer's order, which the manager may act on


def _company(server: DevServer, company_id: str, members: dict[str, str]) -> None:
    body = {"name": "Audit Supplies", "members": [{"email": email, "role": role} for email, role in members.items()]}
    answer = server.admin_put(f"/admin/stores/demo/companies/{company_id}", body)
    assert answer.status == 200, answer.body


@pytest.fixture(scope="module")
def company(chromium: Any, server: DevServer) -> CompanySessions:
    """A company of three at the demo store, each member with an order of it, its admin and its manager
    logged in once. Not the seeded Acme Supplies: test_company_roles.py logs its members in on the same
    server, and codes for one email go out 30 s apart."""
    members = {f"a11y-co-{role}@example.com": role for role in ("admin", "manager", "buyer")}
    _company(server, "a11y-co", members)
    for n, (email, role) in enumerate(members.items()):
        body = order_body(email, f"C{n}", company_id="a11y-co")
        assert server.admin_put(f"/admin/stores/demo/orders/a11y-co-{role}", body).status == 201
    sessions: dict[str, Session] = {}
    for email, role in members.items():
        if role == "buyer":
            continue
        context = _context(chromium, server, "desktop")
        try:
            page = context.new_page()
            page.goto("/store/account/login")
            log_in(page, server, email)
            playwright_api.expect(page.get_by_role("heading", name=t("Orders"))).to_be_visible()
            sessions[role] = Session(context.storage_state())
        finally:
            context.close()
    return CompanySessions(sessions["admin"], sessions["manager"], "a11y-co-buyer")


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def page_at(chromium: Any, server: DevServer, viewport: str) -> Iterator[Any]:
    """Opens pages at this test's width, with a session or without."""
    contexts: list[Any] = []

    def open_page(session: Session | None = None) -> Any:
        context = _context(chromium, server, viewport, session)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


# ---------------------------------------------------------------------------------------------- pages
def test_the_login_pages_have_no_violations(page_at: Any, server: DevServer, audit: Audit, viewport: str) -> None:
    """Login, code entry, a wrong code, and the lockout after five wrong codes (an email the store does
    not know has a live code all the same: nothing tells it apart)."""
    page = page_at()
    page.goto("/store/account/login")
    audit.check(page, "login")
    page.get_by_label(t("Email")).fill(f"a11y-lockout-{viewport}@example.com")
    page.get_by_role("button", name=t("Email me a code")).click()
    playwright_api.expect(page.get_by_label(t("6-digit code"))).to_be_visible()
    audit.check(page, "code entry")
    page.get_by_role("button", name=t("Send a new code")).click()  # too soon: the earlier code still works
    playwright_api.expect(page.get_by_role("status")).to_be_visible()
    audit.check(page, "asked again too soon")
    for attempt in range(1, 6):
        page.get_by_label(t("6-digit code")).fill("000000")
        page.get_by_role("button", name=t("Log in")).click()
        page.wait_for_load_state("load")
        if attempt == 1:
            playwright_api.expect(page.get_by_role("alert")).to_be_visible()
            audit.check(page, "wrong code")
    playwright_api.expect(page.get_by_label(t("6-digit code"))).to_have_count(0)  # the lockout page, no code form
    audit.check(page, "locked out after five wrong codes")
    page.goto("/store/account/login/link?email=a11y-link%40example.com&token=used")
    playwright_api.expect(page.get_by_role("heading", name=t("This link no longer works"))).to_be_visible()
    audit.check(page, "a used sign-in link")
    again = page_at()  # logging in again right after logging out: the code was used, a new one is not due
    again.goto("/store/account/login")
    email = demo_customer(server, f"a11y-again-{viewport}")
    log_in(again, server, email)
    again.get_by_role("button", name=t("Log out")).click()
    again.get_by_label(t("Email")).fill(email)
    again.get_by_role("button", name=t("Email me a code")).click()
    playwright_api.expect(again.get_by_role("heading", name=t("Ask for a new code"))).to_be_visible()
    audit.check(again, "logging in again right after logging out")
    audit.assert_clean()


def test_the_order_pages_have_no_violations(page_at: Any, demo_session: Session, audit: Audit) -> None:
    page = page_at(demo_session)
    page.goto("/store/account/orders")
    playwright_api.expect(page.get_by_role("heading", name=t("Orders"))).to_be_visible()
    audit.check(page, "orders, first page")
    page.locator('a[rel="next"]').click()
    playwright_api.expect(page.locator('a[rel="prev"]')).to_be_visible()
    audit.check(page, "orders, second page")
    for order_id, state in (
        (WITH_PARCELS, "an order with parcels, a conversation and an invoice"),
        (CANCELLED, "a cancelled order"),
    ):
        answer = page.goto(f"/store/account/orders/{order_id}")
        assert answer is not None
        assert answer.status == 200, state
        audit.check(page, state)
    page.goto("/store/account/invoices")
    playwright_api.expect(page.get_by_role("heading", name=t("Invoices"))).to_be_visible()
    audit.check(page, "invoices")
    for path, state in (
        ("/store/account/no/such/page", "page not found"),
        ("/store/account/orders/nope", "order not found"),
    ):
        answer = page.goto(path)
        assert answer is not None
        assert answer.status == 404, state
        audit.check(page, state)
    page.goto("/store/account/logout")
    playwright_api.expect(page.get_by_role("heading", name=t("Log out"))).to_be_visible()
    audit.check(page, "logout page")
    audit.assert_clean()


def test_the_company_pages_have_no_violations(page_at: Any, company: CompanySessions, audit: Audit) -> None:
    """The Company page as its admin (role, what it allows, the members), and the company's orders as its
    manager (the tabs, who placed each), and a colleague's order, which says who placed it."""
    admin = page_at(company.admin)
    admin.goto("/store/account/company")
    playwright_api.expect(admin.get_by_role("heading", name=t("Members"))).to_be_visible()
    audit.check(admin, "the company page, as its admin")
    admin.goto("/store/account/invoices?scope=company")
    playwright_api.expect(admin.get_by_role("heading", name=t("Invoices"))).to_be_visible()
    audit.check(admin, "the company's invoices, as its admin")
    manager = page_at(company.manager)
    manager.goto("/store/account/orders?scope=company")
    playwright_api.expect(manager.get_by_role("cell", name="a11y-co-buyer@example.com")).to_be_visible()
    audit.check(manager, "the company's orders, as its manager")
    manager.goto(f"/store/account/orders/{company.colleagues_order}")
    playwright_api.expect(manager.get_by_role("button", name=t("Ask to cancel this order"))).to_be_visible()
    audit.check(manager, "a colleague's order, as the company's manager")
    audit.assert_clean()


def test_the_empty_order_list_has_no_violations(page_at: Any, empty_list: Session, audit: Audit) -> None:
    page = page_at(empty_list)
    page.goto(empty_list.url)
    playwright_api.expect(page.locator("table.orders")).to_have_count(0)
    audit.check(page, "orders, empty")
    audit.assert_clean()


def test_refused_forms_shown_again_have_no_violations(
    page_at: Any, server: DevServer, audit: Audit, viewport: str
) -> None:
    """A return with no items and reversed dates: the page again, the error beside the field (web.forms)."""
    name = f"a11y-refused-{viewport}"
    email = demo_customer(server, name)
    parcel = {"carrier": "UPS", "tracking_number": "1ZA11Y"}
    assert server.admin_put(f"/admin/stores/demo/orders/{name}-1/fulfilments/f1", parcel).status == 200
    page = page_at()
    page.goto(f"/store/account/login?next=/store/account/orders/{name}-1")
    log_in(page, server, email)
    page.get_by_role("button", name=t("Ask to return these items")).click()
    playwright_api.expect(page.locator("#returns [aria-invalid=true]").first).to_be_visible()
    audit.check(page, "a return with no items, refused")
    page.goto("/store/account/orders?from=2026-12-01&to=2026-11-01")
    playwright_api.expect(page.get_by_label(t("Placed from"))).to_have_attribute("aria-invalid", "true")
    audit.check(page, "reversed dates, refused")
    audit.assert_clean()


# ---------------------------------------------------------------------------------------------- emails
def _email(server: DevServer, kind: str) -> dict[str, Any]:
    """One email of each kind from the outbox: the seed's #1004 is only confirmed (no parcel yet);
    #1002's parcel of coffee is its shipping update, with the grinder not yet shipped (the history's
    old parcels send none); a login code is the demo customer's."""
    wanted = {
        "login code": lambda m: any(
            part("Your %(store)s login code", language=language) in m["subject"] for language in ("en", LANGUAGE)
        ),
        "order confirmation": lambda m: re.search(r"\b1004\b", m["subject"]),
        "shipping update": lambda m: re.search(r"\b1002\b.* has shipped", m["subject"]),
    }[kind]
    found = wait_for(
        lambda: [m for m in server.outbox() if m["to"] == [DEMO_EMAIL] and wanted(m)],
        timeout=10,
        what=f"a {kind} email",
    )
    return dict(found[-1])


@pytest.mark.parametrize("kind", ["login code", "order confirmation", "shipping update"])
def test_the_emails_have_no_violations(
    page_at: Any, server: DevServer, demo_session: Session, audit: Audit, kind: str
) -> None:
    email = _email(server, kind)
    page = page_at()
    page.set_content(email["html"])
    audit.check(page, f"{kind} email")
    audit.assert_clean()


# ---------------------------------------------------------------------------------------------- languages
@pytest.mark.skipif(LANGUAGE != i18n.DEFAULT_LANGUAGE, reason="every language once: in the default run")
@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_page_type_and_email_has_no_violations_in_every_language(
    chromium: Any, server: DevServer, demo_session: Session, audit: Audit, language: str
) -> None:
    """Each page type once per shipped language, at desktop width (the states and the phone are audited
    above, in the run's language): a translation can break what axe checks (a label no longer naming its
    field, `lang` wrong, a longer text hidden). The emails too: the code email in the language of the page
    that asked for it, the confirmation in the order's language."""
    # The customer is their company's admin, so the Company page and the company's orders are theirs to see.
    _company(server, f"a11y-lang-{language}", {f"a11y-lang-{language}@example.com": "admin"})
    email = demo_customer(server, f"a11y-lang-{language}", language=language, company_id=f"a11y-lang-{language}")
    confirmation = wait_for(
        lambda: [m for m in server.outbox() if m["to"] == [email] and f"N-a11y-lang-{language}" in m["subject"]],
        what=f"the {language} confirmation",
    )[-1]
    context = _context(chromium, server, "desktop", language=language)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto("/store/account/login")
        playwright_api.expect(page.locator("html")).to_have_attribute("lang", language)
        audit.check(page, f"{language}: login")
        page.goto("/store/account/contact")
        audit.check(page, f"{language}: contact form, signed out")
        page.goto("/store/account/login")
        sent = len(server.outbox())
        page.get_by_label(t("Email", language)).fill(email)
        page.get_by_role("button", name=t("Email me a code", language)).click()
        playwright_api.expect(page.get_by_label(t("6-digit code", language))).to_be_visible()
        audit.check(page, f"{language}: code entry")
        code_email = wait_for(lambda: [m for m in server.outbox(sent) if m["to"] == [email]], what="the code")[-1]
        page.get_by_label(t("6-digit code", language)).fill(server.code_for(email, sent))
        page.get_by_role("button", name=t("Log in", language)).click()
        playwright_api.expect(page.get_by_role("heading", name=t("Orders", language))).to_be_visible()
        audit.check(page, f"{language}: orders")
        for path, state in (
            (f"/store/account/orders/a11y-lang-{language}-1", "an order"),
            ("/store/account/invoices", "invoices"),
            ("/store/account/profile", "account"),
            ("/store/account/addresses", "address book"),
            ("/store/account/addresses/new", "address form"),
            ("/store/account/company", "company"),
            ("/store/account/orders?scope=company", "company orders"),
            (f"/store/account/orders/a11y-lang-{language}-1/reorder", "order again"),
            ("/store/account/no/such/page", "page not found"),
            ("/store/account/logout", "logout page"),
        ):
            page.goto(path)
            audit.check(page, f"{language}: {state}")
        # The erasure's emailed link and its page (asked from the Account page; never confirmed here).
        before = len(server.outbox())
        page.goto("/store/account/profile")
        page.get_by_role("button", name=t("Delete my account", language)).click()
        erasure_email = wait_for(
            lambda: [m for m in server.outbox(before) if m["to"] == [email] and "/privacy/erasure?" in m["text"]],
            what="the erasure email",
        )[-1]
        erasure_link = re.search(r"https?://\S+/privacy/erasure\?\S+", erasure_email["text"])
        assert erasure_link is not None
        page.goto(erasure_link.group(0))
        audit.check(page, f"{language}: erasure confirmation")
        with_parcels = _context(chromium, server, "desktop", demo_session, language)
        try:
            demo = with_parcels.new_page()
            demo.goto(f"/store/account/orders/{WITH_PARCELS}")
            audit.check(demo, f"{language}: an order with parcels, a conversation and an invoice")
            # The demo customer's lists (devtools.demo: a shared wish list, a saved cart, two quotes).
            favourites = demo.request.get("/store/account/api/wishlists").json()["wishlists"][0]
            wedding = demo.request.get("/store/account/api/registries").json()["registries"][0]
            for path, state in (
                ("/store/account/wishlists", "wish lists"),
                (f"/store/account/wishlists/{favourites['list_id']}", "a wish list"),
                ("/store/account/wishlists/add?sku=MUG-STONE", "add to wish list"),
                ("/store/account/carts", "saved carts"),
                ("/store/account/quotes", "quotes"),
                (f"/store/account/quotes/{OPEN_QUOTE}", "an open configuration quote"),
                (f"/store/account/quotes/{EXPIRED_QUOTE}", "an expired quote"),
                (urlsplit(favourites["share_url"]).path, "a shared wish list"),
                ("/store/account/points", "points"),
                ("/store/account/registries", "gift registries"),
                (f"/store/account/registries/{wedding['registry_id']}", "a gift registry"),
                (urlsplit(wedding["share_url"]).path, "a gift registry's public page"),
                ("/store/account/contact", "contact form"),
            ):
                demo.goto(path)
                audit.check(demo, f"{language}: {state}")
        finally:
            with_parcels.close()
        emails = (
            (code_email, "code email"),
            (confirmation, "order confirmation email"),
            (erasure_email, "erasure email"),
        )
        for message, kind in emails:
            page.set_content(message["html"])
            playwright_api.expect(page.locator("html")).to_have_attribute("lang", language)
            audit.check(page, f"{language}: {kind}")
    finally:
        context.close()
    audit.assert_clean()


def test_an_audit_reports_what_it_finds(page_at: Any, audit: Audit) -> None:
    """The check above can fail: an image without alternative text is a violation it names."""
    page = page_at()
    page.set_content('<html lang="en"><title>t</title><main><img src="data:,"></main></html>')
    audit.check(page, "bad page")
    with pytest.raises(AssertionError, match=r"bad page: image-alt \(critical\)"):
        audit.assert_clean()
