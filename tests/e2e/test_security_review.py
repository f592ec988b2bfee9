"""Issue 27's security review, again as a black-box tool runs it: over `make dev` (DevServer), only HTTP,
Host headers and the outbox. Each finding is refused with a 4xx in the contract's error shape and leaves
stored data as it was: disguised files, odd digits on a page form, hostile characters in free text,
order-again floods, upload forms where a store takes no messages, an invoice form that dropped the link."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from tests.e2e.test_local_s3 import PDF, _multipart
from tests.harness.bodies import order_body, store_settings
from tests.harness.devserver import Answer, Browser, DevServer, connect_store

STORE, HOST = "sec-review", "sec-review.localhost"
EMAIL = "sec@example.com"


def _admin(server: DevServer, method: str, path: str, body: Any = None) -> Answer:
    return server.request(method, f"/admin/stores/{STORE}{path}", body, host="localhost")


def _settings(server: DevServer, **extra: Any) -> None:
    answer = server.admin_put(f"/admin/stores/{STORE}", store_settings("Review Shop", HOST, **extra))
    assert answer.status == 200, answer.body


@pytest.fixture(scope="module")
def customer(server: DevServer) -> Browser:
    connect_store(server, STORE, HOST)
    _settings(
        server,
        messages_enabled=True,
        returns_enabled=True,
        cancellations_enabled=True,
        cart_url_template="https://sec-review.localhost/cart?add={items}",
    )
    for sku, name in (("MUG-1", "Mug"), ("TEA-9", "Tea")):
        product = {"name": name, "unit_price": 1250, "currency": "EUR", "available": True, "in_stock": True}
        assert _admin(server, "PUT", f"/products/{sku}", product).status == 200
    for order_id in ("o-open", "o-shipped"):
        assert _admin(server, "PUT", f"/orders/{order_id}", order_body(EMAIL, order_id.upper())).status == 201
    shipped = {"carrier": "UPS", "tracking_number": "1Z999AA10123456784"}
    assert _admin(server, "PUT", "/orders/o-shipped/fulfilments/f1", shipped).status == 200
    browser = Browser(server, HOST)
    browser.login(EMAIL)
    return browser


def _refused(answer: Answer, status: int) -> dict[str, Any]:
    assert answer.status == status, answer.body
    body: dict[str, Any] = answer.json()
    assert isinstance(body.get("error"), str)
    assert isinstance(body.get("message"), str)
    return body


@pytest.mark.parametrize(
    "text",
    ["NUL\x00here", "ESC\x1b[31mred", "line\u2028separator", "invoice\u202egpj.exe"],
    ids=["NUL", "ESC", "U+2028", "U+202E"],
)
def test_hostile_characters_in_a_cancellation_reason_or_return_comment_are_refused(
    customer: Browser, text: str
) -> None:
    before = customer.request("GET", "/api/orders/o-shipped").json()
    _refused(customer.request("POST", "/api/orders/o-open/cancellation", {"reason": text}), 400)
    line = {"line_id": "l1", "quantity": 1, "reason": "damaged"}
    _refused(customer.request("POST", "/api/orders/o-shipped/returns", {"items": [line], "comment": text}), 400)
    assert customer.request("GET", "/api/orders/o-shipped").json() == before
    assert "cancellation" not in customer.request("GET", "/api/orders/o-open").json()


@pytest.mark.parametrize("name", ["Shop\u202eevil", "\ufeff"], ids=["U+202E", "lone BOM"])
def test_a_store_name_with_a_direction_override_or_a_lone_bom_is_refused(server: DevServer, name: str) -> None:
    body = store_settings(name, HOST)
    _refused(server.admin_put("/admin/stores/sec-review-names", body), 400)
    assert server.request("GET", "/store/account/login", host="sec-review-names.localhost").status == 404


@pytest.mark.parametrize("digits", ["²", "①", "٣"])
def test_odd_digits_on_the_return_page_form_are_a_400_page_not_a_500(customer: Browser, digits: str) -> None:
    page = customer.request("GET", "/orders/o-shipped")
    assert page.status == 200
    token = re.search(rb'name="csrf" value="([^"]+)"', page.body)
    assert token, "the order page has a form token"
    form = f"csrf={token.group(1).decode()}&quantity%3Al1={digits}&reason%3Al1=damaged".encode()
    answer = customer.server.request(
        "POST",
        "/store/account/orders/o-shipped/returns",
        host=HOST,
        raw=form,
        headers=[
            ("Cookie", "; ".join(f"{k}={v}" for k, v in customer.cookies.items())),
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Sec-Fetch-Site", "same-origin"),
        ],
    )
    assert answer.status == 400, answer.body
    assert answer.header("Content-Type").startswith("text/html")
    assert customer.request("GET", "/api/orders/o-shipped/returns").json() == {"returns": []}


def test_order_again_is_limited_per_customer_and_hour(server: DevServer, customer: Browser) -> None:
    answers = [customer.request("POST", "/api/orders/o-open/reorder").status for _ in range(12)]
    assert answers[:10] == [200] * 10
    assert answers[10:] == [429, 429]
    limited = customer.request("POST", "/api/orders/o-open/reorder")
    _refused(limited, 429)
    assert int(limited.header("Retry-After")) > 0
    started = server.request("GET", "/_dev/events", host="localhost").json()
    assert sum(1 for e in started if e["detail_type"] == "ReorderStarted" and e["detail"]["store_id"] == STORE) == 10


def test_a_disguised_file_is_saved_under_its_checked_types_extension_without_bidi_characters(
    server: DevServer, customer: Browser
) -> None:
    started = customer.request(
        "POST",
        "/api/attachments",
        {"filename": "label\u202efdp.hta", "content_type": "application/pdf", "size": len(PDF)},
    )
    assert started.status == 201, started.body
    upload = started.json()["upload"]
    url = urlsplit(upload["url"])
    content_type, body = _multipart(dict(upload["fields"]), PDF)
    posted = server.request("POST", url.path, host=url.netloc, raw=body, headers=[("Content-Type", content_type)])
    assert posted.status == 204, posted.body
    attachment_id = started.json()["attachment_id"]
    sent = customer.request("POST", "/api/orders/o-open/messages", {"body": "Label", "attachment_ids": [attachment_id]})
    assert sent.status == 201, sent.body
    link = urlsplit(customer.request("GET", f"/api/attachments/{attachment_id}").header("Location"))
    download = server.request("GET", f"{link.path}?{link.query}", host=link.netloc)
    assert download.status == 200
    disposition = unquote(download.header("Content-Disposition"))
    assert "\u202e" not in disposition
    assert re.search(r'\.pdf"?$', disposition), disposition
    assert ".hta" not in disposition


def test_no_upload_form_where_the_store_takes_no_messages(server: DevServer, customer: Browser) -> None:
    _settings(server, messages_enabled=False, returns_enabled=True, cancellations_enabled=True)
    try:
        request = {"filename": "a.pdf", "content_type": "application/pdf", "size": 10}
        _refused(customer.request("POST", "/api/attachments", request), 409)
    finally:
        _settings(
            server,
            messages_enabled=True,
            returns_enabled=True,
            cancellations_enabled=True,
            cart_url_template="https://sec-review.localhost/cart?add={items}",
        )


def test_asking_for_an_invoice_upload_form_keeps_the_erp_link_until_an_upload_is_claimed(
    server: DevServer, customer: Browser
) -> None:
    invoice = {
        "number": "INV-SEC-1",
        "email": EMAIL,
        "issued_at": "2026-12-01T10:00:00Z",
        "currency": "EUR",
        "total": 4422,
        "amount_due": 0,
        "payment_status": "paid",
        "order_ids": ["o-open"],
        "document_url": "https://erp.example/invoices/INV-SEC-1.pdf",
    }
    assert _admin(server, "PUT", "/invoices/inv-sec-1", invoice).status == 201
    assert _admin(server, "POST", "/invoices/inv-sec-1/document").status == 201  # a form, never used
    download = customer.request("GET", "/api/invoices/inv-sec-1/document")
    assert download.status == 303, download.body
    assert download.header("Location") == invoice["document_url"]
    listed = customer.request("GET", "/api/invoices").json()["invoices"]
    assert [entry["has_document"] for entry in listed if entry["invoice_id"] == "inv-sec-1"] == [True]
