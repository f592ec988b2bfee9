"""No text clipped or overflowing on a 390 px phone, on every page type, in the run's language.

Meaningful above all in the pseudo-locale (`make suite-languages` runs it with BROWSER_LANGUAGE=en-XA):
there every catalogued text is accented and 40 % longer, as German and French often are, so a button, a
badge or a table cell sized for English shows here first. An element with text whose content is wider
than its box (scrollWidth > clientWidth, a pixel allowed for rounding) fails, unless it is itself a
deliberate scroll container (overflow-x auto or scroll: the wide tables scroll sideways by design); and the
document itself never scrolls sideways.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import playwright.sync_api as playwright_api
import pytest

from tests.harness.browser import LANGUAGE, PHONE, accepting, bea_order, demo_customer, log_in, put_order, t
from tests.harness.devserver import DevServer

NAME = f"fits-{LANGUAGE.lower()}"
# Each element with text that sticks out of its own box: its tag, id and classes, and its text's start.
OVERFLOWING = """() => {
    const skipped = new Set(["SCRIPT", "STYLE", "TEMPLATE", "INPUT", "SELECT", "TEXTAREA", "OPTION", "svg"]);
    const found = [];
    for (const el of document.body.querySelectorAll("*")) {
        if (skipped.has(el.tagName) || !el.textContent.trim() || el.closest(".visually-hidden")) continue;
        const style = getComputedStyle(el);
        // An inline box has no width of its own (clientWidth 0): its line box, a block, is checked.
        if (style.display === "inline" || style.display === "none" || el.clientWidth === 0) continue;
        if (style.overflowX === "auto" || style.overflowX === "scroll") continue;
        if (el.scrollWidth > el.clientWidth + 1) {
            const classes = [...el.classList].map((c) => "." + c).join("");
            found.push(`${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${classes}`
                + ` (${el.scrollWidth} > ${el.clientWidth} px): "${el.textContent.trim().slice(0, 40)}"`);
        }
    }
    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth) found.push(`the page (${doc.scrollWidth} > ${window.innerWidth} px)`);
    return found;
}"""


@pytest.fixture(scope="module")
def phone(chromium: Any, server: DevServer) -> Iterator[Any]:
    """One phone, logged in once (codes for one email go out 30 s apart), on a customer whose order has
    a parcel with tracking, so the order page shows its longest parts. The customer is their company's
    admin, with a colleague whose long email the company's orders and the colleague's order show."""
    colleague = f"{NAME}-a-colleague-with-a-long-address@purchasing.example.com"
    members = [{"email": f"{NAME}@example.com", "role": "admin"}, {"email": colleague, "role": "buyer"}]
    company = server.admin_put(f"/admin/stores/demo/companies/{NAME}", {"name": "Fits Supplies", "members": members})
    assert company.status == 200, company.body
    put_order(server, f"{NAME}-colleague", bea_order(f"N-{NAME}-2", colleague, company_id=NAME))
    email = demo_customer(server, NAME, company_id=NAME)
    parcel = {
        "carrier": "UPS",
        "tracking_number": "1Z999AA10123456784",
        "tracking_url": "https://www.ups.com/track?tracknum=1Z999AA10123456784",
        "items": [{"line_id": "l1", "quantity": 1}],
    }
    assert server.admin_put(f"/admin/stores/demo/orders/{NAME}-1/fulfilments/f1", parcel).status == 200
    _lists(server, email)
    context = _phone_context(chromium, server)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto("/store/account/login")
    log_in(page, server, email)
    playwright_api.expect(page.get_by_role("heading", name=t("Orders"))).to_be_visible()
    registry = {"title": "Our wedding in the old town hall, with everyone", "event_date": "2099-06-01",
                "message": "Thank you for celebrating with us!"}  # fmt: skip
    origin = {"Origin": f"http://localhost:{server.port}"}
    assert page.request.post("/store/account/api/registries", data=registry, headers=origin).status == 201
    page.goto("/store/account/wishlists/add?sku=GRN-HAND")  # a wish list, through its page's one button
    page.get_by_role("button", name=t("Add to wish list")).click()
    playwright_api.expect(page.get_by_role("heading", name=t("Wish list"))).to_be_visible()
    yield page
    context.close()


def _lists(server: DevServer, email: str) -> None:
    """A saved cart and a configuration quote of the customer's, with long names and options (API.md section 12)."""
    cart = {
        "email": email,
        "name": "Everything for the new office kitchen, second floor",
        "items": [{"sku": "GRN-HAND", "quantity": 1}, {"sku": "SCL-DIG", "quantity": 2}],
        "saved_at": "2026-11-30T09:00:00Z",
    }
    assert server.admin_put(f"/admin/stores/demo/carts/{NAME}-cart", cart).status in (200, 201)
    line = {"line_id": "l1", "sku": "GRN-HAND", "name": "Hand Grinder, Steel Burr", "quantity": 12, "unit_price": 6900}
    options = [
        {"name": "Burr", "value": "Stainless steel, conical"},
        {"name": "Engraving", "value": "Purchasing dept."},
    ]
    quote = {
        "number": f"Q-{NAME}-2026-000123",
        "email": email,
        "kind": "configuration",
        "valid_until": "2099-12-31T23:59:59Z",
        "currency": "USD",
        "lines": [{**line, "options": options}],
        "totals": {"subtotal": 82800, "discount": 0, "shipping": 0, "tax": 0, "total": 82800},
    }
    assert server.admin_put(f"/admin/stores/demo/quotes/{NAME}-quote", quote).status in (200, 201)
    points = {"email": email, "points": 1250, "reason": "Earned on a long order number", "occurred_at": "2026-11-30T09:00:00Z",
              "expires_at": "2099-12-31T00:00:00Z", "order_id": f"{NAME}-1"}  # fmt: skip
    assert server.admin_put(f"/admin/stores/demo/points/{NAME}-points", points).status in (200, 201)


def _phone_context(chromium: Any, server: DevServer) -> Any:
    return chromium.new_context(
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
        base_url=f"http://localhost:{server.port}",
        **accepting(),
    )


def _fits(page: Any, state: str) -> None:
    page.wait_for_load_state("load")
    found = page.evaluate(OVERFLOWING)
    assert not found, f"{state} in {LANGUAGE} on a 390 px phone: text clipped or overflowing at\n" + "\n".join(found)


def test_the_login_pages_fit_a_phone(chromium: Any, server: DevServer) -> None:
    context = _phone_context(chromium, server)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto("/store/account/login")
        _fits(page, "login")
        page.get_by_label(t("Email")).fill(f"{NAME}-nobody@example.com")  # the same page as for a customer
        page.get_by_role("button", name=t("Email me a code")).click()
        playwright_api.expect(page.get_by_label(t("6-digit code"))).to_be_visible()
        _fits(page, "code entry")
    finally:
        context.close()


@pytest.mark.parametrize(
    ("path", "state"),
    [
        ("/store/account/orders", "orders"),
        (f"/store/account/orders/{NAME}-1", "an order with a parcel"),
        (f"/store/account/orders/{NAME}-1/reorder", "order again"),
        ("/store/account/invoices", "invoices"),
        ("/store/account/profile", "account"),
        ("/store/account/addresses", "address book"),
        ("/store/account/addresses/new", "address form"),
        ("/store/account/company", "company"),
        ("/store/account/orders?scope=company", "company orders"),
        (f"/store/account/orders/{NAME}-colleague", "a colleague's order"),
        ("/store/account/orders?from=2026-12-01&to=2026-11-01", "a refused search"),
        ("/store/account/wishlists", "wish lists"),
        ("/store/account/wishlists/add?sku=MUG-STONE", "add to wish list"),
        ("/store/account/carts", "saved carts"),
        ("/store/account/quotes", "quotes"),
        (f"/store/account/quotes/{NAME}-quote", "a configuration quote"),
        ("/store/account/points", "points"),
        ("/store/account/registries", "gift registries"),
        ("/store/account/contact", "contact form"),
        ("/store/account/no/such/page", "page not found"),
        ("/store/account/logout", "logout page"),
    ],
)
def test_no_text_is_clipped_or_overflows_on_a_phone(phone: Any, path: str, state: str) -> None:
    phone.goto(path)
    _fits(phone, state)


def test_the_check_finds_clipped_text(phone: Any) -> None:
    """The check above can fail: a word wider than its fixed-width box is named."""
    phone.set_content('<html lang="en"><body><p id="narrow">Unbreakablewordthatiswide</p></body>')
    phone.evaluate("document.getElementById('narrow').style.width = '40px'")  # the pages' CSP refuses style=""
    with pytest.raises(AssertionError, match=r"p#narrow \(\d+ > 40 px\)"):
        _fits(phone, "bad page")
