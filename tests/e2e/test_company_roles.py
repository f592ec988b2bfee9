"""A company's members in a real browser (API.md section 11), as `make dev` seeds it: Acme Supplies at the
demo store, one member per role (devtools.demo.seed), each logging in through the forms on a desktop and
meeting what their role allows: the buyer their own orders only, the manager every order to act on,
finance every order read-only and the company's invoices, the admin the members too.

Reads use the seeded orders; the one test that changes an order puts its own. Each member logs in once per
module (codes for one email go out 30 s apart) and later tests reuse that browser session.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import playwright.sync_api as playwright_api
import pytest

from access_center.companies.pages import ROLE_NAMES
from access_center.companies.rules import Role
from access_center.orders import lists as order_lists
from access_center.orders.acting import READ_ONLY_ROLE
from devtools.demo.seed import ACME_BUYER, ACME_INVOICE, ACME_MANAGER, COMPANY_ID, COMPANY_MEMBERS, COMPANY_ORDERS
from tests.harness.browser import DESKTOP, accepting, bea_order, log_in, put_order, t
from tests.harness.devserver import DevServer

FINANCE, ADMIN = "finance@acme.example", "admin@acme.example"
PLACED_BY = {order_id: order["email"] for order_id, order in COMPANY_ORDERS}
BUYERS_OPEN, _DELIVERED, MANAGERS = [order_id for order_id, _order in COMPANY_ORDERS]
expect = playwright_api.expect

OpenAs = Callable[[str], Any]


@pytest.fixture(scope="module")
def sessions() -> dict[str, Any]:
    """Each member's logged-in browser state (cookies), by email, once they have logged in."""
    return {}


@pytest.fixture
def open_as(chromium: Any, server: DevServer, sessions: dict[str, Any]) -> Iterator[OpenAs]:
    """A desktop page logged in as the member: through the login forms the first time in this module,
    then in a browser that keeps that session."""
    contexts: list[Any] = []

    def open_page(email: str) -> Any:
        context = chromium.new_context(
            viewport=DESKTOP,
            base_url=f"http://localhost:{server.port}",
            storage_state=sessions.get(email),
            **accepting(),
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        if email not in sessions:
            page.goto("/store/account/login")
            log_in(page, server, email)
            expect(page.get_by_role("heading", name=t("Orders"), level=1)).to_be_visible()
            sessions[email] = context.storage_state()
        return page

    yield open_page
    for context in contexts:
        context.close()


def _whose_orders(page: Any) -> Any:
    return page.get_by_role("navigation", name=t("Whose orders"))


def _company_rows(page: Any) -> dict[str, str]:
    """The company orders list: each order's number (#N) and who placed it."""
    rows = page.locator("table.orders tbody tr")
    expect(rows.first).to_be_visible()
    return {
        rows.nth(i).get_by_role("rowheader").inner_text().strip(): rows.nth(i).locator(".placed-by").inner_text()
        for i in range(rows.count())
    }


def _number(order_id: str) -> str:
    return "#" + str(dict(COMPANY_ORDERS)[order_id]["number"])


def test_a_buyer_sees_only_their_own_orders_and_not_a_colleagues_by_its_address(open_as: OpenAs) -> None:
    page = open_as(ACME_BUYER)
    page.goto("/store/account/orders")
    expect(page.get_by_role("link", name=_number(BUYERS_OPEN))).to_be_visible()
    expect(page.get_by_role("link", name=_number(MANAGERS))).to_have_count(0)
    expect(page.get_by_role("link", name=t("Company orders"))).to_have_count(0)
    refused = page.goto("/store/account/orders?scope=company")  # asked for by its address: not for a buyer
    assert refused is not None
    assert refused.status == 403
    expect(page.get_by_text(t(order_lists.NOT_FOR_ROLE))).to_be_visible()
    answer = page.goto(f"/store/account/orders/{MANAGERS}")
    assert answer is not None
    assert answer.status == 404
    expect(page.get_by_role("heading", name=t("Page not found"))).to_be_visible()
    expect(page.get_by_text(ACME_MANAGER)).to_have_count(0)


def test_a_manager_sees_every_company_order_with_who_placed_it_and_may_cancel_a_colleagues(open_as: OpenAs) -> None:
    page = open_as(ACME_MANAGER)
    page.goto("/store/account/orders")
    _whose_orders(page).get_by_role("link", name=t("Company orders")).click()
    expect(_whose_orders(page).get_by_role("link", name=t("Company orders"))).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("columnheader", name=t("Placed by"))).to_be_visible()
    listed = _company_rows(page)
    assert {_number(order_id): email for order_id, email in PLACED_BY.items()}.items() <= listed.items()
    assert set(listed.values()) <= set(COMPANY_MEMBERS)  # only Acme's orders

    page.get_by_role("link", name=_number(BUYERS_OPEN)).click()
    expect(page.get_by_text(t("Placed by %(who)s", who=ACME_BUYER))).to_be_visible()
    expect(page.get_by_role("button", name=t("Ask to cancel this order"))).to_be_visible()
    expect(page.get_by_text(t(READ_ONLY_ROLE))).to_have_count(0)

    page.goto("/store/account/invoices")
    expect(page.get_by_role("heading", name=t("Invoices"), level=1)).to_be_visible()
    expect(page.get_by_role("link", name=t("Company invoices"))).to_have_count(0)


def test_finance_sees_every_company_order_read_only_and_the_company_invoices(open_as: OpenAs) -> None:
    page = open_as(FINANCE)
    page.goto("/store/account/orders?scope=company")
    expect(_whose_orders(page).get_by_role("link", name=t("Company orders"))).to_have_attribute("aria-current", "page")
    listed = _company_rows(page)
    assert {_number(order_id): email for order_id, email in PLACED_BY.items()}.items() <= listed.items()

    page.goto(f"/store/account/orders/{BUYERS_OPEN}")
    expect(page.get_by_text(t("Placed by %(who)s", who=ACME_BUYER))).to_be_visible()
    expect(page.get_by_text(t(READ_ONLY_ROLE)).first).to_be_visible()
    expect(page.locator("form[action$='/cancellation']")).to_have_count(0)
    expect(page.get_by_role("button", name=t("Ask to cancel this order"))).to_have_count(0)

    page.goto("/store/account/invoices")
    whose = page.get_by_role("navigation", name=t("Whose invoices"))
    whose.get_by_role("link", name=t("Company invoices")).click()
    expect(whose.get_by_role("link", name=t("Company invoices"))).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("rowheader", name=ACME_INVOICE[1]["number"])).to_be_visible()


def test_an_admin_sees_the_company_page_with_every_member_and_role(open_as: OpenAs) -> None:
    page = open_as(ADMIN)
    page.goto("/store/account/company")
    expect(page.get_by_role("heading", name="Acme Supplies", level=1)).to_be_visible()
    members = page.get_by_role("table", name=t("The company's members and their roles"))
    rows = members.locator("tbody tr")
    expect(rows).to_have_count(len(COMPANY_MEMBERS))
    cells = [rows.nth(i).locator("td") for i in range(rows.count())]
    shown = {row.nth(0).inner_text(): row.nth(1).inner_text() for row in cells}
    assert shown == {email: t(ROLE_NAMES[Role(role)]) for email, role in COMPANY_MEMBERS.items()}
    expect(page.get_by_role("link", name=t("Company orders"))).to_be_visible()
    expect(page.get_by_role("link", name=t("Company invoices"))).to_be_visible()


def test_a_manager_asks_to_cancel_a_buyers_order_and_the_page_says_who_asked(
    open_as: OpenAs, server: DevServer
) -> None:
    """On an order of its own (the seeded ones stay as seeded for the other tests)."""
    order_id = "acme-cancel-by-manager"
    put_order(server, order_id, bea_order("2099", ACME_BUYER, company_id=COMPANY_ID))
    page = open_as(ACME_MANAGER)
    page.goto(f"/store/account/orders/{order_id}")
    expect(page.get_by_text(t("Placed by %(who)s", who=ACME_BUYER))).to_be_visible()
    page.get_by_label(t("Reason (optional)")).fill("Ordered twice by mistake.")
    page.get_by_role("button", name=t("Ask to cancel this order")).click()
    expect(page.get_by_text(t("Asked by %(who)s", who=ACME_MANAGER))).to_be_visible()
    expect(page.get_by_role("button", name=t("Ask to cancel this order"))).to_have_count(0)
