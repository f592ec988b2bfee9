"""The account in a real browser, as a customer meets it in `make dev` (API.md section 8): from the
navigation to the profile (name, phone, newsletter), then the address book (add, edit, remove), on a
desktop, a phone and a phone without JavaScript. `make test` runs these again in German and in the
pseudo-locale (Makefile: suite-languages)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import playwright.sync_api as playwright_api

from tests.harness.browser import DEVICES, demo_customer, dev_events, fits_the_screen, signed_in, t
from tests.harness.devserver import DevServer, wait_for


@DEVICES
def test_a_customer_keeps_their_profile_and_address_book(
    chromium: Any, server: DevServer, device: str, javascript: bool
) -> None:
    name = f"account-{device}-{'js' if javascript else 'nojs'}"
    email = demo_customer(server, name)
    with signed_in(chromium, server, email, f"{name}-1", device, javascript) as page:
        expect = playwright_api.expect
        page.get_by_role("navigation", name=t("Account")).get_by_role("link", name=t("Account")).click()
        expect(page.get_by_role("heading", name=t("Your account"), level=1)).to_be_visible()
        page.get_by_label(t("Name"), exact=True).fill("Bea Beispiel")
        page.get_by_label(t("Phone (optional)")).fill("+49 30 1234567")
        page.get_by_label(t("Send me %(store_name)s's newsletter", store_name="Demo Store")).check()
        page.get_by_role("button", name=t("Save"), exact=True).click()
        expect(page.get_by_role("status")).to_have_text(t("Your details are saved."))
        expect(page.get_by_label(t("Name"), exact=True)).to_have_value("Bea Beispiel")
        expect(page.get_by_label(t("Phone (optional)"))).to_have_value("+49 30 1234567")
        consent = wait_for(
            lambda: [e for e in dev_events(server, "NewsletterConsentChanged") if e["email"] == email] or None,
            what="the consent event",
        )
        assert consent[0]["subscribed"] is True
        assert fits_the_screen(page)

        page.get_by_role("link", name=t("Address book")).first.click()
        expect(page.get_by_text(t("No saved addresses yet."))).to_be_visible()
        page.get_by_role("link", name=t("Add an address")).click()
        page.get_by_label(t("Full name")).fill("Bea Beispiel")
        page.get_by_label(t("Street address")).fill("Unter den Linden 1")
        page.get_by_label(t("Postal code")).fill("1011")  # four digits: not a German postal code
        page.get_by_label(t("Town or city")).fill("Berlin")
        page.get_by_label(t("Country"), exact=True).select_option("DE")
        page.get_by_role("button", name=t("Save the address")).click()
        expect(page.get_by_label(t("Postal code"))).to_have_attribute("aria-invalid", "true")
        expect(page.get_by_label(t("Street address"))).to_have_value("Unter den Linden 1")  # kept as typed
        page.get_by_label(t("Postal code")).fill("10117")
        page.get_by_role("button", name=t("Save the address")).click()
        card = page.locator(".address-book .card")
        expect(card).to_have_count(1)
        expect(card.locator("address")).to_contain_text("10117 Berlin")
        expect(card).to_contain_text(t("Default shipping address"))
        assert fits_the_screen(page)

        page.get_by_role("link", name=t("Edit the address of %(name)s", name="Bea Beispiel")).click()
        page.get_by_label(t("Street address")).fill("Friedrichstraße 43")
        page.get_by_role("button", name=t("Save the address")).click()
        expect(card.locator("address")).to_contain_text("Friedrichstraße 43")

        page.get_by_role("button", name=t("Remove the address of %(name)s", name="Bea Beispiel")).click()
        expect(page.get_by_text(t("No saved addresses yet."))).to_be_visible()
        kinds = [kind for kind in ("AddressAdded", "AddressUpdated", "AddressRemoved") if dev_events(server, kind)]
        assert kinds == ["AddressAdded", "AddressUpdated", "AddressRemoved"]


@DEVICES
def test_a_customer_downloads_their_data_then_erases_their_account_through_the_emailed_link(
    chromium: Any, server: DevServer, device: str, javascript: bool
) -> None:
    name = f"erase-{device}-{'js' if javascript else 'nojs'}"
    email = demo_customer(server, name)
    with signed_in(chromium, server, email, f"{name}-1", device, javascript) as page:
        expect = playwright_api.expect
        page.goto("/store/account/profile")
        page.get_by_label(t("Name"), exact=True).fill("Erin Erase")
        page.get_by_role("button", name=t("Save"), exact=True).click()
        # The export first: one JSON file of what is held for her here, downloaded through the link.
        with page.expect_download() as download:
            page.get_by_role("link", name=t("Download your data")).click()
        exported = json.loads(Path(download.value.path()).read_text())
        assert exported["email"] == email
        assert exported["profile"]["name"] == "Erin Erase"
        assert [order["order_id"] for order in exported["orders"]] == [f"{name}-1"]
        sent = len(server.outbox())
        page.get_by_role("button", name=t("Delete my account")).click()
        expect(page.get_by_role("status")).to_contain_text(email)
        mail = wait_for(
            lambda: [m for m in server.outbox(sent) if m["to"] == [email] and "/privacy/erasure?" in m["text"]] or None,
            what="the erasure email",
        )[-1]
        link = re.search(r"https?://\S+/privacy/erasure\?\S+", mail["text"])
        assert link is not None
        page.goto(link.group(0))
        expect(page.get_by_role("heading", name=t("Delete your account"))).to_be_visible()
        expect(page.get_by_text(t("Your invoices"))).to_be_visible()  # what the store keeps is said
        assert fits_the_screen(page)
        page.get_by_role("button", name=t("Delete my account")).click()
        expect(page.get_by_label(t("Email"))).to_be_visible()  # the login page: every session ended
        erased = wait_for(
            lambda: [e for e in dev_events(server, "CustomerErasureRequested") if e["email"] == email] or None,
            what="the erasure event",
        )
        assert "orders" in erased[0]["kept"]
        page.goto("/store/account/profile")
        expect(page.get_by_label(t("Email"))).to_be_visible()  # still signed out
