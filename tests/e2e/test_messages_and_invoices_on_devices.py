"""Issue 27 in a browser: a refused attachment comes back on the same form, the reason (which file, and
why) beside the file picker and tied to it with aria-describedby, the typed message kept; a refused
message without JavaScript is the order page again, the reason beside the field; the Invoices page is a
card per invoice on a phone (nothing off screen sideways: amount due, status, the download and the
order link all visible) and a table on a desktop, and each invoice links its order. axe-core finds
nothing in any of these states."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.test_accessibility import AXE, Audit
from tests.harness.browser import (
    DESKTOP,
    PHONE,
    accepting,
    demo_customer,
    fits_the_screen,
    log_in,
    named,
    store_format,
    t,
)
from tests.harness.devserver import DevServer

PDF_HEAD = b"%PDF-1.7\n"


@contextmanager
def _signed_in(chromium: Any, server: DevServer, email: str, device: str, javascript: bool = True) -> Iterator[Any]:
    """Logged in through the forms on a phone or a desktop; the CSP bypassed only so axe can be injected."""
    context = chromium.new_context(
        viewport=PHONE if device == "phone" else DESKTOP,
        is_mobile=device == "phone",
        has_touch=device == "phone",
        java_script_enabled=javascript,
        bypass_csp=True,
        base_url=f"http://localhost:{server.port}",
        **accepting(),
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto("/store/account/login")
        log_in(page, server, email)
        expect(page.get_by_role("heading", name=t("Orders"))).to_be_visible()
        yield page
    finally:
        context.close()


def test_a_refused_attachment_is_explained_beside_the_picker_and_the_message_is_kept(
    chromium: Any, server: DevServer
) -> None:
    email = demo_customer(server, "attacher")
    audit = Audit(str(AXE))
    with _signed_in(chromium, server, email, "phone") as page:
        page.goto("/store/account/orders/attacher-1")
        page.get_by_label(t("A question about this order? Write to %(store_name)s", store_name="Demo Store")).fill(
            "The label photo is attached."
        )
        picker = page.get_by_label(t("Attach files (PDF, PNG, JPEG or text, up to 10 MB each, at most 5)"))
        picker.set_input_files([{"name": "notes.png", "mimeType": "image/png", "buffer": b"only some notes"}])
        page.get_by_role("button", name=t("Send message")).click()

        reason = page.locator("#message-files-error")
        expect(reason).to_have_text(
            t(
                "%(filename)s is not a PNG image: its content is something else. Attach it as the kind of file it really is.",
                filename="notes.png",
            )
        )
        expect(picker).to_have_attribute("aria-describedby", "message-files-error")
        expect(picker).to_have_attribute("aria-invalid", "true")
        expect(
            page.get_by_label(t("A question about this order? Write to %(store_name)s", store_name="Demo Store"))
        ).to_have_value("The label photo is attached.")
        assert fits_the_screen(page)
        audit.check(page, "a file refused by its content")

        big = PDF_HEAD + b"0" * (11 * 1024 * 1024 - len(PDF_HEAD))
        picker.set_input_files([{"name": "scan.pdf", "mimeType": "application/pdf", "buffer": big}])
        page.get_by_role("button", name=t("Send message")).click()
        expect(reason).to_have_text(
            t(
                "%(filename)s is %(size)s: a file can be at most %(most)s.",
                filename="scan.pdf",
                size="11 MB",
                most="10 MB",
            )
        )
        audit.check(page, "a file refused by its size")

        picker.set_input_files([{"name": "label.pdf", "mimeType": "application/pdf", "buffer": PDF_HEAD + b"1 0 obj"}])
        page.get_by_role("button", name=t("Send message")).click()
        expect(page.locator(".thread .message").last).to_contain_text("The label photo is attached.")
        expect(page.get_by_role("link", name="label.pdf")).to_be_visible()
    audit.assert_clean()


@pytest.mark.parametrize("javascript", [False, True], ids=["without-javascript", "with-javascript"])
def test_a_refused_message_is_the_order_page_again_with_the_reason_beside_it(
    chromium: Any, server: DevServer, javascript: bool
) -> None:
    """Without files the form is a plain post either way; axe needs JavaScript, so it audits the second run."""
    email = demo_customer(server, f"blank{int(javascript)}")
    audit = Audit(str(AXE))
    with _signed_in(chromium, server, email, "phone", javascript=javascript) as page:
        page.goto(f"/store/account/orders/blank{int(javascript)}-1")
        field = page.get_by_label(t("A question about this order? Write to %(store_name)s", store_name="Demo Store"))
        field.fill("   ")
        page.get_by_role("button", name=t("Send message")).click()

        expect(
            page.get_by_role("heading", name=t("Order #%(number)s", number=f"N-blank{int(javascript)}"))
        ).to_be_visible()
        error = page.locator("#messages-error")
        expect(error).to_have_text(t("The message must not be empty."))
        expect(field).to_have_attribute("aria-describedby", "messages-error")
        assert fits_the_screen(page)
        if javascript:
            audit.check(page, "a refused message")
            audit.assert_clean()


def _invoice(server: DevServer, invoice_id: str, email: str, order_id: str, number: str) -> None:
    answer = server.admin_put(
        f"/admin/stores/demo/invoices/{invoice_id}",
        {
            "number": number,
            "email": email,
            "issued_at": "2026-11-01T09:00:00Z",
            "due_at": "2099-12-01T09:00:00Z",  # not overdue whatever the date
            "currency": "USD",
            "total": 5346,
            "amount_due": 2000,
            "payment_status": "partially_paid",
            "order_ids": [order_id],
            "document_url": "https://erp.example/documents/8d2f4c1a9b/invoice.pdf",
        },
    )
    assert answer.status in (200, 201), answer.body


def _on_screen(page: Any, locator: Any) -> bool:
    box = locator.bounding_box()
    width = page.viewport_size["width"]
    return bool(box) and box["x"] >= 0 and box["x"] + box["width"] <= width


def test_invoices_are_cards_on_a_phone_and_a_table_on_a_desktop_each_linking_its_order(
    chromium: Any, server: DevServer
) -> None:
    audit = Audit(str(AXE))
    for device in ("phone", "desktop"):  # a customer each: codes for one email go out 30 s apart
        email = demo_customer(server, f"invoicer-{device}")
        _invoice(server, f"inv-{device}", email, f"invoicer-{device}-1", "INV-INVOICER-7")
        with _signed_in(chromium, server, email, device) as page:
            page.goto("/store/account/invoices")
            row = page.get_by_role("row").filter(has_text="INV-INVOICER-7")
            expect(row).to_be_visible()
            assert fits_the_screen(page), f"the invoices page scrolls sideways on a {device}"
            due = row.locator("td.due")
            status = row.locator("td.status")
            download = row.get_by_role(
                "link",
                name=named('Download<span class="visually-hidden"> invoice %(number)s</span>', number="INV-INVOICER-7"),
            )
            order_link = row.get_by_role(
                "link",
                name=named(
                    'Order #%(number)s<span class="visually-hidden"> (invoice %(invoice)s)</span>',
                    number=f"N-invoicer-{device}",
                    invoice="INV-INVOICER-7",
                ),
            )
            for what in (due, status, download, order_link):
                expect(what).to_be_visible()
                assert _on_screen(page, what), f"{what} is off screen on a {device}"
            expect(due).to_contain_text(store_format().money(2000, "USD"))
            expect(status).to_contain_text(t("Partly paid"))
            header_shown = page.locator("table.invoices thead").is_visible()
            assert header_shown is (device == "desktop")  # a phone shows cards, their labels in each row
            if device == "phone":  # each value labelled in its card
                label = due.evaluate("(cell) => getComputedStyle(cell, '::before').content")
                assert label == f'"{t("Amount due")}"', label
            audit.check(page, f"invoices on a {device}")

            order_link.click()
            expect(
                page.get_by_role("heading", name=t("Order #%(number)s", number=f"N-invoicer-{device}"))
            ).to_be_visible()
            invoices = page.locator("#invoices")
            expect(invoices).to_contain_text("INV-INVOICER-7")
            expect(invoices).to_contain_text(t("This order"))
            assert fits_the_screen(page)
            audit.check(page, f"an order's invoices on a {device}")
    audit.assert_clean()
