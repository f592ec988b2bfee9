"""What the pages show, in Chromium on a phone (390 px) and a desktop (issue 27): the printed order has
nothing to click but says what was ordered, how it shipped and from which store; a refused form (a return
with no items, reversed dates) comes back with the input kept and the error beside the field; order again
says "Will be added" and shows what was paid and what it costs now; return reasons and product names are
not cut or broken mid-word on a phone."""

from __future__ import annotations

import re
from typing import Any

import playwright.sync_api as playwright_api
import pytest

from tests.harness.bodies import order_line
from tests.harness.browser import (
    bea_order,
    demo_customer,
    fits_the_screen,
    part,
    put_order,
    signed_in,
    store_format,
    t,
    tp,
)
from tests.harness.devserver import DevServer

ON_DEVICES = pytest.mark.parametrize(
    ("device", "javascript"),
    [("desktop", True), ("desktop", False), ("phone", True), ("phone", False)],
    ids=["desktop", "desktop-without-javascript", "phone", "phone-without-javascript"],
)
BOTH_SCREENS = pytest.mark.parametrize("device", ["desktop", "phone"])
# Words long enough that a narrow column would have to break them (or cut a reason) to fit.
LONG_WORDS = "Decaffeinated Colombian Espresso Beans, Extraordinarily Smooth"
# Every visible form control and button-styled link on the page (checkVisibility: display, and visibility).
VISIBLE_CONTROLS = """() => [...document.querySelectorAll('form, button, input, select, textarea, a.button')]
    .filter((el) => el.type !== 'hidden' && el.checkVisibility({checkVisibilityCSS: true}))
    .map((el) => el.outerHTML.slice(0, 80))"""
# Words (split at spaces and hyphens) of these elements' own text, not their SKUs, drawn on more than one line.
BROKEN_WORDS = """(elements) => elements.flatMap((el) => {
    const broken = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest('.sku')) continue;
        for (const word of node.data.matchAll(/[^\\s-]+/g)) {
            const range = document.createRange();
            range.setStart(node, word.index);
            range.setEnd(node, word.index + word[0].length);
            const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
            if (lines.size > 1) broken.push(word[0]);
        }
    }
    return broken;
})"""
# Options of a select whose text is wider than the box shows (its padding and the arrow's 20 px aside).
CUT_OPTIONS = """(select) => {
    const style = getComputedStyle(select);
    const context = document.createElement('canvas').getContext('2d');
    context.font = style.font;
    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
    return [...select.options].filter((o) => context.measureText(o.text).width > room).map((o) => o.text);
}"""


def _shipped(server: DevServer, order_id: str) -> None:
    parcel = {"carrier": "UPS", "tracking_number": "1ZDEVICE", "tracking_url": "https://www.ups.com/track?n=1ZDEVICE"}
    assert server.admin_put(f"/admin/stores/demo/orders/{order_id}/fulfilments/f1", parcel).status == 200


# ------------------------------------------------------------------------------------------------- print
@BOTH_SCREENS
def test_the_printed_order_shows_the_order_its_shipments_and_the_store_and_nothing_to_click(
    chromium: Any, server: DevServer, device: str
) -> None:
    """The shipped order has the return form, the message form and "Order again"; the unshipped one the
    cancellation form. On paper none of them, nor any button or field, but the order, its shipment and
    the store's name."""
    name = f"paper-{device}"
    email = demo_customer(server, name)
    _shipped(server, f"{name}-1")
    put_order(server, f"{name}-2", bea_order(f"N-{name}-2", email))  # nothing shipped: it may be cancelled
    with signed_in(chromium, server, email, f"{name}-1", device) as page:
        orders = (
            (f"{name}-1", f"N-{name}", ("#returns form", "#messages form")),
            (f"{name}-2", f"N-{name}-2", ("#cancellation form",)),
        )
        for order_id, number, forms in orders:
            page.goto(f"/store/account/orders/{order_id}")
            page.emulate_media(media="screen")
            for form in forms:
                assert page.locator(form).is_visible(), form  # on screen, the forms are there
            assert page.evaluate(VISIBLE_CONTROLS), "the screen has controls"
            page.emulate_media(media="print")
            assert page.evaluate(VISIBLE_CONTROLS) == [], order_id
            assert page.get_by_role("heading", name=t("Order #%(number)s", number=number)).is_visible()
            assert page.locator("section[aria-labelledby=items-heading] table.items").is_visible()
            assert "Espresso Beans 1 kg" in page.locator("table.items").first.inner_text()
            assert page.get_by_role("heading", name=t("Shipments"), exact=True).is_visible()
            assert "Demo Store" in page.locator("header.masthead").inner_text()
            assert "Demo Store" in page.locator("footer").inner_text()
            assert not page.locator("#reorder").is_visible()  # a section that only offers an action
        page.goto(f"/store/account/orders/{name}-1")
        page.emulate_media(media="print")
        shipment = page.locator("article.shipment").first
        assert shipment.is_visible()
        assert "1ZDEVICE" in shipment.inner_text()


# ---------------------------------------------------------------------------------------- refused forms
def _described_error(page: Any, field: Any) -> Any:
    """The element the field's aria-describedby points at: it must exist and be shown."""
    assert field.get_attribute("aria-invalid") == "true"
    described = field.get_attribute("aria-describedby")
    assert described
    error = page.locator(f"#{described}")
    playwright_api.expect(error).to_be_visible()
    return error


def _near(error: Any, field: Any, most: float = 120) -> bool:
    """The message is next to the field (above or below it by at most `most` px, overlapping sideways
    or within the same form), not somewhere else on the page."""
    a, b = error.bounding_box(), field.bounding_box()
    assert a
    assert b
    vertical = max(0.0, max(a["y"], b["y"]) - min(a["y"] + a["height"], b["y"] + b["height"]))
    return vertical <= most


@ON_DEVICES
def test_a_return_with_no_items_comes_back_with_the_comment_and_the_error_beside_the_items(
    chromium: Any, server: DevServer, device: str, javascript: bool
) -> None:
    name = f"noitems-{device}-{'js' if javascript else 'nojs'}"
    email = demo_customer(server, name)
    _shipped(server, f"{name}-1")
    with signed_in(chromium, server, email, f"{name}-1", device, javascript) as page:
        page.get_by_label(t("Why return %(name)s", name="Espresso Beans 1 kg")).select_option(
            label=t("Wrong item sent")
        )
        page.get_by_label(t("Comment (optional)")).fill("Two bags, both the wrong roast")
        page.get_by_role("button", name=t("Ask to return these items")).click()

        playwright_api.expect(
            page.get_by_role("heading", name=t("Order #%(number)s", number=f"N-{name}"))
        ).to_be_visible()
        assert page.title().startswith(part("Error: %(title)s"))
        quantity = page.get_by_label(t("How many of %(name)s", name="Espresso Beans 1 kg"))
        error = _described_error(page, quantity)
        playwright_api.expect(error).to_have_text(t("Choose how many of at least one item to return."))
        assert "`" not in error.inner_text()
        assert _near(error, quantity)
        assert page.locator("#returns form").locator(f"#{error.get_attribute('id')}").count() == 1
        # What was typed is still there, to change and send again.
        playwright_api.expect(page.get_by_label(t("Comment (optional)"))).to_have_value(
            "Two bags, both the wrong roast"
        )
        playwright_api.expect(page.get_by_label(t("Why return %(name)s", name="Espresso Beans 1 kg"))).to_have_value(
            "wrong_item"
        )
        # The summary at the top says so too and leads to the field.
        summary = page.get_by_role("alert")
        playwright_api.expect(summary).to_contain_text(t("Choose how many of at least one item to return."))
        assert fits_the_screen(page)

        quantity.fill("1")  # and the fixed form goes through
        page.get_by_role("button", name=t("Ask to return these items")).click()
        playwright_api.expect(page.locator("#returns")).to_contain_text(
            f"{t('Return %(number)s', number=f'R-N-{name}-1')} · {tp('return status', 'Requested')}"
        )
        assert not page.title().startswith(part("Error: %(title)s"))
        assert page.locator("[aria-invalid=true]").count() == 0


@ON_DEVICES
def test_reversed_dates_come_back_as_typed_with_the_error_beside_them(
    chromium: Any, server: DevServer, device: str, javascript: bool
) -> None:
    name = f"dates-{device}-{'js' if javascript else 'nojs'}"
    email = demo_customer(server, name)
    with signed_in(chromium, server, email, f"{name}-1", device, javascript) as page:
        page.goto("/store/account/orders")
        page.get_by_label(tp("orders search", "Search"), exact=True).fill("espresso")
        page.get_by_label(t("Placed from")).fill("2026-12-01")
        page.get_by_label(tp("orders filter, end date", "to"), exact=True).fill("2026-11-01")
        page.get_by_role("button", name=tp("orders search button", "Search")).click()

        playwright_api.expect(page.get_by_role("heading", name=t("Orders"))).to_be_visible()
        for label, day in ((t("Placed from"), "2026-12-01"), (tp("orders filter, end date", "to"), "2026-11-01")):
            field = page.get_by_label(label, exact=True)
            playwright_api.expect(field).to_have_value(day)
            error = _described_error(page, field)
            assert _near(error, field)
        text = error.inner_text()
        assert text == t("“Placed from” is after “to”: choose a start date on or before the end date.")
        assert "`" not in text
        playwright_api.expect(page.get_by_label(tp("orders search", "Search"), exact=True)).to_have_value("espresso")
        assert fits_the_screen(page)


# ------------------------------------------------------------------------------------------ order again
@BOTH_SCREENS
def test_order_again_says_will_be_added_and_shows_what_was_paid_and_what_it_costs_now(
    chromium: Any, server: DevServer, device: str
) -> None:
    name = f"again-prices-{device}"
    items = [order_line("l1", "MUG-STONE", "Stoneware Mug, 350 ml", 2, 1500)]  # the catalog has it at $18.00
    email = demo_customer(server, name, items=items, totals={"subtotal": 3000, "total": 3000})
    with signed_in(chromium, server, email, f"{name}-1", device) as page:
        page.get_by_role("link", name=t("Order again")).click()
        row = page.locator("table.reorder tbody tr").first
        paid = row.locator(f'td[data-label="{t("You paid")}"]')
        now = row.locator(f'td[data-label="{t("Price now")}"]')
        playwright_api.expect(paid).to_have_text(store_format().money(1500, "USD"))
        playwright_api.expect(now).to_have_text(store_format().money(1800, "USD"))
        playwright_api.expect(paid).to_be_visible()  # was hidden on a phone: a price rise went unseen
        playwright_api.expect(now).to_be_visible()
        playwright_api.expect(row.get_by_text(t("Will be added"))).to_be_visible()
        assert "Added" not in row.inner_text().replace(t("Will be added"), "")
        # Each figure says what it is: the column headings on a desktop, the cell's own label on a phone.
        for cell, label in ((paid, t("You paid")), (now, t("Price now"))):
            if device == "phone":
                assert cell.evaluate("el => getComputedStyle(el, '::before').content") == f'"{label}"'
            else:
                assert page.get_by_role("columnheader", name=label).is_visible()
        assert fits_the_screen(page)


# -------------------------------------------------------------------------------------- a phone's width
def test_return_reasons_and_product_names_are_whole_on_a_phone(chromium: Any, server: DevServer) -> None:
    name = "whole-words"
    items = [order_line("l1", "DECAF-1", LONG_WORDS, 2, 2400)]
    email = demo_customer(server, name, items=items, totals={"subtotal": 4800, "total": 4800})
    _shipped(server, f"{name}-1")
    with signed_in(chromium, server, email, f"{name}-1", "phone") as page:
        reason = page.get_by_label(t("Why return %(name)s", name=LONG_WORDS))
        playwright_api.expect(reason).to_be_visible()
        assert reason.evaluate(CUT_OPTIONS) == []  # "Damaged or defective", not "Damage"
        names = page.locator("table.items th[scope=row]")
        assert names.count() >= 2  # the order's lines and the return form's
        assert page.evaluate(BROKEN_WORDS, names.element_handles()) == []
        assert re.sub(r"\s+", " ", names.first.inner_text()).startswith(LONG_WORDS)
        assert fits_the_screen(page)
        page.goto("/store/account/orders")
        listed = page.locator("table.orders td.bought")
        assert page.evaluate(BROKEN_WORDS, listed.element_handles()) == []
        assert fits_the_screen(page)
