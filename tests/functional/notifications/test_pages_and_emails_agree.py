"""Pages and emails write an order the same way: one order, shown on the customer's order page (PagesFunction
over the emulated gateway) and in its confirmation email (ChangeNoticesFunction fed by the Orders table's
stream, as the dev server delivers it), prints the same address lines, dates and amounts in both."""

from __future__ import annotations

import re
import threading
import time
from html import unescape
from typing import Any

from devtools import template
from devtools.emulator import streams
from devtools.emulator.outbox import sent_emails
from tests.harness.clock import Clock
from tests.harness.support import Client, Shop, order_body

NBSP = "\u00a0"
BASE = "/store/account"


def _order() -> dict[str, Any]:
    body = order_body(placed_at="2026-12-01T02:30:00Z")  # 21:30 on 30 November in New York
    body["totals"] = {"subtotal": 3300, "discount": 500, "shipping": 0, "tax": 627, "total": 3427}
    body["shipping_address"] = {
        "name": "Ann Example",
        "company": "Acme",
        "line1": "1 Main St",
        "city": "Springfield",
        "region": "OR",
        "postal_code": "97403",
        "country_code": "US",
    }
    return body


def _confirmation_email(to: str) -> dict[str, Any]:
    """Deliver the Orders stream to ChangeNoticesFunction until the confirmation for `to` is sent."""
    function = template.functions()["ChangeNoticesFunction"]
    (mapping,) = [m for m in streams.mappings({function.name: function}) if m.table == "OrdersTable"]
    poller = streams.Poller(mapping, "us-east-1", threading.Event(), streams.invoke_function)
    poller.open()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        poller.step()
        found = [e for e in sent_emails() if e["to"] == [to] and "confirmed" in e["subject"]]
        if found:
            return found[0]
    raise AssertionError(f"no confirmation email to {to}")


def _text(html: str) -> str:
    """Visible text with markup whitespace collapsed (no-break spaces are part of what is printed)."""
    return re.sub(r"[ \t\r\n]+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def _page_prints(html: str) -> dict[str, Any]:
    address = re.search(r"<h2>Shipping address</h2>\s*<address>(.*?)</address>", html, re.DOTALL)
    placed = re.search(r'Placed <time datetime="[^"]+">([^<]+)</time>', html)
    assert address, html
    assert placed, html
    rows = re.findall(
        r'<tr>\s*<th scope="row">(.*?)<span.*?</th>.*?</td>.*?</td>(.*?)</td>\s*(.*?)</td>', html, re.DOTALL
    )
    return {
        "address": [_text(line) for line in address.group(1).split("<br>")],
        "placed": placed.group(1),
        "totals": {_text(dt): _text(dd) for dt, dd in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", html)},
        "lines": {_text(name): (_text(price), _text(amount)) for name, price, amount in rows},
    }


def _email_prints(text: str) -> dict[str, Any]:
    placed = re.search(r"placed on (.+)\.$", text, re.MULTILINE)
    address = re.search(r"^SHIPPING TO\n(.*?)\n\n", text, re.MULTILINE | re.DOTALL)
    assert placed, text
    assert address, text
    totals = dict(re.findall(r"^(Subtotal|Discount|Shipping|Tax|Total): (.+)$", text, re.MULTILINE))
    lines = re.findall(r"^- (.+?) \(SKU [^)]*\)\n\s+Qty \d+ x (.+) = (.+)$", text, re.MULTILINE)
    return {
        "address": address.group(1).splitlines(),
        "placed": placed.group(1),
        "totals": totals,
        "lines": {name: (price, amount) for name, price, amount in lines},
    }


def test_the_order_page_and_the_confirmation_email_print_the_same_order(
    admin: Client, gateway: object, clock: Clock
) -> None:
    clock.now = 1_796_095_800  # 2026-12-01T03:30:00Z: the order arrives an hour after it was placed (no import)
    shop = Shop.create(admin, "agree", "third.example", locale="de-DE", timezone="America/New_York")
    assert shop.put_order("o1", _order()).status == 201
    email = _confirmation_email("ann@example.com")
    browser = Client(gateway, "third.example")  # type: ignore[arg-type]
    shop.login(browser, "ann@example.com")
    page = browser.get(f"{BASE}/orders/o1")
    assert page.status == 200, page.body

    on_page, in_email = _page_prints(page.body.decode()), _email_prints(email["text"])

    expected = {
        # English (the pages' and emails' language) as the store's region (DE) writes it: en-DE.
        "address": ["Ann Example", "Acme", "1 Main St", "Springfield, OR 97403", "United States"],
        "placed": "30 November 2026",  # the store's day (New York), not UTC's 1 December
        "totals": {
            "Subtotal": f"33,00{NBSP}€",
            "Discount": f"-5,00{NBSP}€",
            "Shipping": f"0,00{NBSP}€",
            "Tax": f"6,27{NBSP}€",
            "Total": f"34,27{NBSP}€",
        },
        "lines": {"Mug": (f"12,50{NBSP}€", f"25,00{NBSP}€"), "Tea": (f"8,00{NBSP}€", f"8,00{NBSP}€")},
    }
    assert on_page == expected
    assert in_email == expected
    shown = _text(email["html"])  # the HTML part prints what its plain-text twin does
    assert " ".join(expected["address"]) in shown
    assert f"placed on {expected['placed']}" in shown
    for label, amount in expected["totals"].items():
        assert f"{label} {amount}" in shown, label
