"""A co-viewer in a browser (Chromium against `make dev`), on a phone and a desktop: first@ shares a browser
session with later@ at a store with sticky contact, so first@ sees later@'s order; its page offers no
cancel, return or order-again form and says why; over HTTP the same actions are 403 (black box)."""

from __future__ import annotations

from typing import Any

import pytest

from access_center.orders.acting import CO_VIEWER
from tests.harness.bodies import order_body
from tests.harness.browser import LANGUAGE, device_context, fits_the_screen, log_in, t
from tests.harness.devserver import Browser, DevServer, connect_store

HOST = "coview.localhost"


def _store(server: DevServer, suffix: str) -> tuple[str, str]:
    """A sticky-contact store taking returns, cancellations and order again, with first@'s order and
    later@'s two (one open, one shipped) from one browser session. (first@, later@ shipped order's id)."""
    store_id, domain = f"coview-{suffix}", f"{suffix}.{HOST}"
    connect_store(server, store_id, domain)
    settings = {
        "name": "Co-view Store",
        "from_email": f"orders@{domain}",
        "sticky_contact": True,
        "returns_enabled": True,
        "cancellations_enabled": True,
        "cart_url_template": f"https://{domain}/cart/{{items}}",
        # English its default, and the run's language offered: the browser asks for it (BROWSER_LANGUAGE).
        "languages": list(dict.fromkeys(["en", LANGUAGE])),
    }
    assert server.admin_put(f"/admin/stores/{store_id}", settings).status == 200
    first, later = f"first-{suffix}@example.com", f"later-{suffix}@example.com"
    orders = {"mine": (first, "1"), "open": (later, "2"), "sent": (later, "3")}
    for order_id, (email, number) in orders.items():
        body = order_body(email, number, browser_session_id=f"b-{suffix}")
        assert server.admin_put(f"/admin/stores/{store_id}/orders/{order_id}", body).status == 201
    parcel = {"items": [{"line_id": "l1", "quantity": 2}], "carrier": "UPS", "tracking_number": "1Z"}
    assert server.admin_put(f"/admin/stores/{store_id}/orders/sent/fulfilments/f1", parcel).status == 200
    return first, domain


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_the_co_viewers_order_page_offers_no_action_and_says_why(chromium: Any, server: DevServer, device: str) -> None:
    first, domain = _store(server, device)
    context = device_context(chromium, server, device)
    page = context.new_page()
    page.set_default_timeout(10_000)
    base = f"http://{domain}:{server.port}/store/account"
    try:
        page.goto(f"{base}/login?next=/store/account/orders/sent")
        log_in(page, server, first)
        for order_id in ("sent", "open"):
            page.goto(f"{base}/orders/{order_id}")
            assert page.get_by_role("heading", name=t("Order again")).is_visible()
            assert page.get_by_text(t(CO_VIEWER)).first.is_visible()
            assert page.locator("form[action$='/cancellation'], form[action$='/returns']").count() == 0
            assert page.get_by_role("link", name=t("Order again")).count() == 0
            assert fits_the_screen(page)
        page.goto(f"{base}/orders/mine")  # their own order: the actions are there
        assert page.get_by_role("button", name=t("Ask to cancel this order")).is_visible()
        assert page.get_by_role("link", name=t("Order again")).is_visible()
    finally:
        context.close()


def test_over_http_the_co_viewers_actions_are_403_and_change_nothing(server: DevServer) -> None:
    first, domain = _store(server, "http")
    browser = Browser(server, domain)
    browser.login(first)
    before = browser.request("GET", "/api/orders/sent").json()
    body = {"items": [{"line_id": "l1", "quantity": 1, "reason": "other"}]}
    for path, sent in (
        ("/api/orders/sent/returns", body),
        ("/api/orders/open/cancellation", {}),
        ("/api/orders/sent/reorder", None),
    ):
        refused = browser.request("POST", path, sent)
        assert refused.status == 403, (path, refused.body)
        assert refused.json() == {"error": "forbidden", "message": CO_VIEWER}
    assert browser.request("GET", "/api/orders/sent").json() == before
    assert "cancellation" not in browser.request("GET", "/api/orders/open").json()
