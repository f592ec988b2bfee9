"""What the browser tests share: Chromium's flags, the two screen sizes, and the steps a customer takes
through the forms (log in, open an order on a device) against a running `make dev` (DevServer)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from tests.harness.bodies import address, order_body, order_line, recent
from tests.harness.devserver import DevServer, wait_for

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# Bea's order, which the screenshots in docs/screenshots/ show.
BEA_ORDER = {
    "customer_name": "Bea Browser",
    "placed_at": recent(hours_ago=3),  # a fresh order: one placed over 7 days before arriving is an import
    "currency": "USD",
    "items": [
        order_line("l1", "BEAN-1KG", "Espresso Beans 1 kg", 2, 2400),
        order_line("l2", "FLT-100", "Paper Filters (100)", 1, 650),
    ],
    "totals": {"subtotal": 5450, "discount": 500, "shipping": 0, "tax": 396, "total": 5346},
    "shipping_address": address("Bea Browser", "1 Test Way", "Portland", "97201"),
}


def bea_order(number: str, email: str, **extra: Any) -> dict[str, Any]:
    return order_body(email, number, **{**BEA_ORDER, **extra})


def put_order(server: DevServer, order_id: str, body: dict[str, Any]) -> None:
    answer = server.admin_put(f"/admin/stores/demo/orders/{order_id}", body)
    assert answer.status in (200, 201), answer.body


def demo_customer(server: DevServer, name: str, **order: Any) -> str:
    """A customer of the demo store with one order (`{name}-1`, number N-{name}): each test logs in
    as its own customer, since codes for one email are throttled to one per 30 seconds."""
    email = f"{name}@example.com"
    put_order(server, f"{name}-1", bea_order(f"N-{name}", email, **order))
    return email


def log_in(page: Any, server: DevServer, email: str) -> None:
    """From the login page (already open) to logged in, through the forms."""
    sent = len(server.outbox())
    page.get_by_label("Email").fill(email)
    page.get_by_role("button", name="Email me a code").click()
    page.get_by_label("6-digit code").fill(server.code_for(email, sent))
    page.get_by_role("button", name="Log in").click()


def view_order_link(server: DevServer, email: str, number: str) -> str:
    def find() -> str | None:
        for message in server.outbox():
            if email in message["to"] and number in message["subject"]:
                found = re.search(r'href="(http://[^"]+/store/account/orders/[^"]+)"', message["html"])
                if found:
                    return found.group(1)
        return None

    return wait_for(find, what="the confirmation email")


def device_context(chromium: Any, server: DevServer, device: str, javascript: bool = True) -> Any:
    """A browser context as a phone (390 px, touch) or a desktop, with or without JavaScript."""
    return chromium.new_context(
        viewport=PHONE if device == "phone" else DESKTOP,
        is_mobile=device == "phone",
        has_touch=device == "phone",
        java_script_enabled=javascript,
        base_url=f"http://localhost:{server.port}",
    )


@contextmanager
def signed_in(
    chromium: Any, server: DevServer, email: str, order_id: str, device: str, javascript: bool = True
) -> Iterator[Any]:
    """A page on the device, logged in through the forms as `email`, on the order's page."""
    context = device_context(chromium, server, device, javascript)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(f"/store/account/login?next=/store/account/orders/{order_id}")
        log_in(page, server, email)
        yield page
    finally:
        context.close()


# The three ways a customer meets a flow: a desktop, a phone, and a phone without JavaScript.
DEVICES = pytest.mark.parametrize(
    ("device", "javascript"),
    [("desktop", True), ("phone", True), ("phone", False)],
    ids=["desktop", "phone", "phone-without-javascript"],
)


def dev_events(server: DevServer, detail_type: str) -> list[dict[str, Any]]:
    answer = server.request("GET", "/_dev/events", host="localhost")
    assert answer.status == 200, answer.body
    return [event["detail"] for event in answer.json() if event["detail_type"] == detail_type]


def fits_the_screen(page: Any) -> bool:
    """Nothing sticks out sideways: the page is no wider than its viewport."""
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
