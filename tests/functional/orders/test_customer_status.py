"""Honest states: one status per order (orders.rules.customer_status), the same on the orders page, the
order page and the confirmation email, and never two that contradict each other."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest

from devtools.emulator.outbox import sent_emails
from tests.harness.bodies import order_body
from tests.harness.streams import drain_order_stream
from tests.harness.support import Client, Shop

BASE = "/store/account"
ANN = "ann@example.com"
MUG = {"items": [{"line_id": "l1", "quantity": 1}], "carrier": "DHL", "tracking_number": "JD1"}  # 1 of 2 mugs
ALL = {"carrier": "DHL", "tracking_number": "JD2"}  # everything that remains
PROMISE = "We will email you"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _confirmation(to: str = ANN) -> dict[str, Any]:
    assert drain_order_stream() == []
    (found,) = [m for m in sent_emails() if m["to"] == [to] and "confirmed" in m["subject"]]
    return found


def _pages(shop: Shop, browser: Client, order_id: str) -> tuple[str, str]:
    """(the orders page's row of this order, the order page), as text."""
    if "cac_session" not in browser.cookies:
        shop.login(browser, ANN)
    listing = browser.get(f"{BASE}/orders").body.decode()
    row = re.search(rf'<tr>\s*<th scope="row"><a href="{BASE}/orders/{order_id}">.*?</tr>', listing, re.DOTALL)
    assert row, listing
    page = browser.get(f"{BASE}/orders/{order_id}")
    assert page.status == 200, page.body
    return _text(row.group(0)), _text(page.body.decode())


@pytest.mark.parametrize(
    ("status", "shipments", "shown", "outlook", "never"),
    [
        ("processing", [], "Processing", "Nothing has shipped yet. We will email you when it does.", ["Partly shipped", "Delivered"]),
        ("awaiting_stock", [], "Awaiting stock", "Nothing has shipped yet.", ["Not shipped yet"]),
        ("processing", [MUG], "Partly shipped", "Part of this order has shipped. We will email you when the rest", []),
        ("processing", [MUG, ALL], "Shipped", "Everything in this order has shipped.", ["Partly shipped", PROMISE]),
        # Shipments, where the store posted any, decide: a store's "shipped" does not hide the lines still to come.
        ("shipped", [MUG], "Partly shipped", "Part of this order has shipped.", ["Status: Shipped", "The store has marked"]),
        # With none, the store's word counts every line as shipped, said as the store's.
        ("delivered", [], "Delivered", "The store has marked this order as delivered.", ["Not shipped yet", "Nothing has shipped", "0 of 2", PROMISE]),
        ("cancelled", [], "Cancelled", "This order was cancelled, so nothing will ship.", ["Nothing has shipped yet", PROMISE]),
        ("cancelled", [MUG], "Cancelled", "This order was cancelled: nothing more will ship.", [PROMISE, "Partly shipped"]),
        # Refunded with no shipment posted: its lines count as shipped (orders.rules, rule B), then refunded.
        ("refunded", [], "Refunded", "This order was refunded: nothing more will ship.", [PROMISE, "Not shipped yet"]),
        ("returned", [MUG, ALL], "Returned", "This order was returned.", [PROMISE, "Everything in this order"]),
    ],
)  # fmt: skip
def test_each_order_shows_one_status_and_what_is_true_next(
    shop: Shop,
    customer: Client,
    status: str,
    shipments: list[dict[str, Any]],
    shown: str,
    outlook: str,
    never: list[str],
) -> None:
    shop.put_order("o1", order_body(status=status))
    for n, shipment in enumerate(shipments):
        assert shop.fulfil("o1", f"f{n}", shipment).status == 200
    row, page = _pages(shop, customer, "o1")
    assert shown in row
    assert f"Status: {shown}" in page
    assert outlook in page
    for contradiction in never:
        assert contradiction not in row
        assert contradiction not in page.replace(f"Status: {shown}", "")


@pytest.mark.parametrize(
    ("status", "says", "never"),
    [
        ("processing", "Nothing has shipped yet. We will email you when it does.", []),
        ("cancelled", "This order was cancelled, so nothing will ship.", ["We will email you again when it ships", PROMISE]),
        ("delivered", "The store has marked this order as delivered.", [PROMISE]),
    ],
)  # fmt: skip
def test_the_confirmation_says_what_the_order_page_says(
    shop: Shop, customer: Client, status: str, says: str, never: list[str]
) -> None:
    shop.put_order("o1", order_body(status=status))
    email = _confirmation()
    _, page = _pages(shop, customer, "o1")
    for part in (email["text"], _text(email["html"]), page):
        assert says in " ".join(part.split())
        for contradiction in never:
            assert contradiction not in part


def test_no_shipping_email_is_promised_where_the_store_sends_none(admin: Client, gateway: object) -> None:
    shop = Shop.create(admin, "quiet", "third.example", shipping_update_email=False)
    shop.put_order("o1", order_body())
    email = _confirmation()
    browser = Client(gateway, "third.example")  # type: ignore[arg-type]
    _, page = _pages(shop, browser, "o1")
    for part in (email["text"], page):
        assert "Nothing has shipped yet." in part
        assert PROMISE not in part


def test_a_cancelled_shipment_shows_as_cancelled_without_tracking(shop: Shop, customer: Client) -> None:
    shop.put_order("o1", order_body())
    parcel = {**MUG, "tracking_url": "https://dhl.example/t/JD1"}
    shop.fulfil("o1", "f1", parcel)
    assert shop.fulfil("o1", "f1", {**parcel, "status": "cancelled"}).status == 200
    shop.login(customer, ANN)
    html = customer.get(f"{BASE}/orders/o1").body.decode()
    text = _text(html)
    assert "Shipment 1 · Cancelled" in text
    assert "This shipment was cancelled" in text
    assert "Track this parcel" not in text
    assert "https://dhl.example/t/JD1" not in html
    assert "with DHL" not in text  # no "Shipped <date> with DHL"
    assert "Status: Processing" in text  # its mug counts as not shipped again
    assert "Nothing has shipped yet" in text
