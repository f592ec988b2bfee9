"""Issue 27, invoices: asking for an upload form changes nothing until the upload is claimed (the ERP
link and `has_document` stay, no event); each invoice names and links its orders, and each order page's
invoices link back."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from access_center.invoices.models import InvoiceList, InvoiceView
from tests.harness.aws import aws_client
from tests.harness.models import answer
from tests.harness.streams import drain_invoice_stream
from tests.harness.support import Client, Shop

ANN = "ann@example.com"
LIST = "/store/account/api/invoices"
ERP = "https://erp.example/documents/9f3c1a7e2b/INV-1.pdf"
PDF = b"%PDF-1.7\n" + b"0" * 200


def _invoice(number: str = "INV-1", **extra: Any) -> dict[str, Any]:
    return {
        "number": number,
        "email": ANN,
        "issued_at": "2026-11-01T09:00:00Z",
        "currency": "EUR",
        "total": 2500,
        "amount_due": 1000,
        "payment_status": "partially_paid",
        "order_ids": ["o1"],
        "document_url": ERP,
        **extra,
    }


def _ann(shop: Shop, customer: Client) -> Client:
    assert shop.put_order("o1", number="1001").status == 201
    shop.login(customer, ANN)
    return customer


def test_asking_for_an_upload_form_changes_nothing_until_the_upload_is_claimed(shop: Shop, customer: Client) -> None:
    ann = _ann(shop, customer)
    assert shop.admin.put("/admin/stores/s1/invoices/inv1", _invoice()).status == 201
    drain_invoice_stream()

    form = shop.admin.post("/admin/stores/s1/invoices/inv1/document")
    assert form.status == 201, form.body

    (listed,) = answer(InvoiceList, ann.get(LIST))["invoices"]
    assert listed["has_document"] is True
    download = ann.get(f"{LIST}/inv1/document")
    assert (download.status, download.header("Location")) == (303, ERP)  # still the ERP's link
    assert drain_invoice_stream() == []
    unclaimed = shop.admin.put("/admin/stores/s1/invoices/inv1/document", None)
    assert unclaimed.status == 409, unclaimed.body  # nothing uploaded: nothing to claim

    key = form.json()["upload"]["fields"]["key"]
    assert key == "invoices/s1/inv1.upload.pdf"
    aws_client("s3").put_object(Bucket="filesbucket", Key=key, Body=PDF, ContentType="application/pdf")
    claimed = shop.admin.put("/admin/stores/s1/invoices/inv1/document", None)

    assert answer(InvoiceView, claimed)["has_document"] is True
    download = ann.get(f"{LIST}/inv1/document")
    assert download.status == 303
    assert download.header("Location").split("?")[0].endswith("/invoices/s1/inv1.pdf")


def test_a_form_for_an_invoice_without_a_document_leaves_it_without_one(shop: Shop, customer: Client) -> None:
    ann = _ann(shop, customer)
    assert shop.admin.put("/admin/stores/s1/invoices/inv1", _invoice(document_url=None)).status == 201

    assert shop.admin.post("/admin/stores/s1/invoices/inv1/document").status == 201

    assert answer(InvoiceList, ann.get(LIST))["invoices"][0]["has_document"] is False
    assert 'href="/store/account/api/invoices/inv1/document"' not in ann.get("/store/account/invoices").body.decode()


def test_each_invoice_links_its_orders_and_each_order_page_links_back(shop: Shop, customer: Client) -> None:
    ann = _ann(shop, customer)
    assert shop.put_order("o2", number="1002").status == 201
    assert shop.put_order("other", number="1003", email="bob@example.com").status == 201
    body = _invoice("INV-9", order_ids=["o1", "o2", "other"])
    assert shop.admin.put("/admin/stores/s1/invoices/inv9", body).status == 201

    page = unescape(ann.get("/store/account/invoices").body.decode())
    cell = re.search(r'<td class="orders-of" data-label="Orders">(.*?)</td>', page, re.S)
    assert cell, "no orders cell"
    links = re.findall(r'<a href="/store/account/orders/([^"]+)">Order #(\d+)', cell.group(1))
    assert links == [("o1", "1001"), ("o2", "1002")]  # bob's order is neither named nor linked

    order_page = unescape(ann.get("/store/account/orders/o1").body.decode())
    section = order_page[order_page.index('id="invoices"') :]
    assert "INV-9" in section
    assert "This order" in section
    assert '<a href="/store/account/orders/o2">Order #1002' in section
    assert '<a href="/store/account/invoices">All your invoices</a>' in section
