"""Invoices (issue 17, API.md section 6): store systems push invoice headers with an ERP link or an
uploaded PDF; the customer pages through theirs, newest first (overdue marked), sees an order's on its
page, and downloads after the session check; another customer's or store's invoice is 404."""

from __future__ import annotations

import re
from html import unescape
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from access_center.invoices.models import DocumentUpload, InvoiceList, InvoiceView
from devtools import template
from devtools.emulator.gateway import LambdaContext, Reply, load_handler
from devtools.emulator.outbox import sent_emails
from tests.harness.aws import aws_client
from tests.harness.catalog import published
from tests.harness.models import answer
from tests.harness.streams import TableStream, drain_invoice_stream, drain_order_stream
from tests.harness.support import Client, Shop

ANN, BOB = "ann@example.com", "bob@example.com"
LIST = "/store/account/api/invoices"
PDF = b"%PDF-1.7\n" + b"0" * 200


def invoice(number: str = "INV-1", **extra: Any) -> dict[str, Any]:
    return {
        "number": number,
        "email": ANN,
        "issued_at": "2026-11-01T09:00:00Z",
        "due_at": "2026-12-31T00:00:00Z",
        "currency": "EUR",
        "total": 2500,
        "amount_due": 2500,
        "payment_status": "unpaid",
        "order_ids": ["o1"],
        "document_url": "https://erp.example/documents/9f3c1a7e2b/INV-1.pdf",
        **extra,
    }


def _put(shop: Shop, invoice_id: str, body: dict[str, Any], store_id: str = "s1") -> Reply:
    return shop.admin.put(f"/admin/stores/{store_id}/invoices/{invoice_id}", body)


@pytest.fixture
def ann(shop: Shop, customer: Client) -> Client:
    assert shop.put_order("o1").status == 201
    shop.login(customer, ANN)
    return customer


def test_a_pushed_invoice_is_201_then_200_and_the_same_body_changes_nothing(shop: Shop, ann: Client) -> None:
    created = _put(shop, "inv1", invoice())
    assert created.status == 201, created.body
    view = answer(InvoiceView, created)
    assert (view["invoice_id"], view["overdue"], view["has_document"]) == ("inv1", False, True)
    assert "email" not in view
    stored = aws_client("dynamodb").get_item(
        TableName="InvoicesTable", Key={"pk": {"S": "s1#invoice#inv1"}, "sk": {"S": "invoice"}}
    )["Item"]

    again = _put(shop, "inv1", invoice())

    assert again.status == 200
    after = aws_client("dynamodb").get_item(
        TableName="InvoicesTable", Key={"pk": {"S": "s1#invoice#inv1"}, "sk": {"S": "invoice"}}
    )["Item"]
    assert after["version"] == stored["version"]


def test_the_customer_pages_through_invoices_newest_first(shop: Shop, ann: Client) -> None:
    for n in range(1, 6):
        assert _put(shop, f"inv{n}", invoice(f"INV-{n}", issued_at=f"2026-11-0{n}T09:00:00Z")).status == 201

    first = answer(InvoiceList, ann.get(f"{LIST}?limit=2"))
    second = answer(InvoiceList, ann.get(f"{LIST}?limit=2&cursor={quote(first['next_cursor'])}"))
    third = answer(InvoiceList, ann.get(f"{LIST}?limit=2&cursor={quote(second['next_cursor'])}"))

    numbers = [i["number"] for page in (first, second, third) for i in page["invoices"]]
    assert numbers == ["INV-5", "INV-4", "INV-3", "INV-2", "INV-1"]
    assert third["next_cursor"] is None


def test_overdue_is_the_stores_word_or_unpaid_past_due(shop: Shop, ann: Client) -> None:
    _put(shop, "late", invoice("LATE", due_at="2026-01-31T00:00:00Z", issued_at="2026-01-01T00:00:00Z"))
    _put(shop, "told", invoice("TOLD", payment_status="overdue"))
    _put(
        shop,
        "paid",
        invoice(
            "PAID", due_at="2026-01-31T00:00:00Z", issued_at="2026-01-01T00:00:00Z", amount_due=0, payment_status="paid"
        ),
    )

    shown = {i["number"]: i["overdue"] for i in answer(InvoiceList, ann.get(LIST))["invoices"]}

    assert shown == {"LATE": True, "TOLD": True, "PAID": False}


def test_a_changed_customer_date_or_orders_leaves_nothing_behind(shop: Shop, ann: Client, gateway: Any) -> None:
    assert shop.put_order("o2", number="1002", email=BOB).status == 201
    _put(shop, "inv1", invoice(order_ids=["o1"]))
    bob = Client(gateway, shop.domain, ip="198.51.100.9")
    shop.login(bob, BOB)

    assert _put(shop, "inv1", invoice(email=BOB, issued_at="2026-11-05T00:00:00Z", order_ids=["o2"])).status == 200

    assert answer(InvoiceList, ann.get(LIST))["invoices"] == []
    assert [i["invoice_id"] for i in answer(InvoiceList, bob.get(LIST))["invoices"]] == ["inv1"]
    assert "INV-1" not in ann.get("/store/account/orders/o1").body.decode()
    assert "INV-1" in bob.get("/store/account/orders/o2").body.decode()


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"amount_due": 2501}, id="amount due over total"),
        pytest.param({"due_at": "2026-10-01T00:00:00Z"}, id="due before issued"),
        pytest.param({"payment_status": "refunded"}, id="unknown status"),
        pytest.param({"document_url": "http://erp.example/x.pdf"}, id="http link"),
        pytest.param({"document_url": "javascript:alert(1)"}, id="script link"),
        pytest.param({"order_ids": ["o1", "o1"]}, id="an order twice"),
        pytest.param({"order_ids": [f"o{n}" for n in range(41)]}, id="41 orders"),
        pytest.param({"total": 10**13}, id="an absurd total"),
        pytest.param({"total": 12.5}, id="a fraction"),
        pytest.param({"issued_at": "9999-12-31T23:59:59-23:59"}, id="past the calendar"),
        pytest.param({"number": "INV\r\n1"}, id="CR LF in the number"),
        pytest.param({"email": "ann@example.com\r\nbcc: x@example.com"}, id="CR LF in the email"),
    ],
)
def test_a_bad_invoice_is_400_and_writes_nothing(shop: Shop, ann: Client, change: dict[str, Any]) -> None:
    reply = _put(shop, "inv1", invoice(**change))

    assert reply.status == 400, reply.body
    assert answer(InvoiceList, ann.get(LIST))["invoices"] == []


def test_an_unknown_store_is_404(shop: Shop) -> None:
    assert _put(shop, "inv1", invoice(), store_id="nope").status == 404


# ------------------------------------------------------------------------------------------ documents


def test_the_document_redirects_to_the_erps_link_after_the_session_check(shop: Shop, ann: Client, gateway: Any) -> None:
    _put(shop, "inv1", invoice())

    download = ann.get(f"{LIST}/inv1/document")

    assert download.status == 303
    assert download.header("Location") == "https://erp.example/documents/9f3c1a7e2b/INV-1.pdf"
    assert Client(gateway, shop.domain).get(f"{LIST}/inv1/document").status == 401


def _upload_pdf(shop: Shop, invoice_id: str, content: bytes = PDF, status: int = 200) -> Reply:
    """The store's upload: the form, the POST to S3 (what it leaves there), then the claim."""
    form = answer(DocumentUpload, shop.admin.post(f"/admin/stores/s1/invoices/{invoice_id}/document"))
    fields = form["upload"]["fields"]
    assert fields["key"] == f"invoices/s1/{invoice_id}.upload.pdf"
    assert fields["Content-Type"] == "application/pdf"
    aws_client("s3").put_object(Bucket="filesbucket", Key=fields["key"], Body=content, ContentType="application/pdf")
    claimed = shop.admin.put(f"/admin/stores/s1/invoices/{invoice_id}/document", None)
    assert claimed.status == status, claimed.body
    return claimed


def test_an_uploaded_pdf_downloads_through_a_short_lived_link_that_forces_a_download(shop: Shop, ann: Client) -> None:
    _put(shop, "inv1", invoice(document_url=None, number="INV/2026 1"))
    assert answer(InvoiceList, ann.get(LIST))["invoices"][0]["has_document"] is False
    assert ann.get(f"{LIST}/inv1/document").status == 404

    _upload_pdf(shop, "inv1")

    assert answer(InvoiceList, ann.get(LIST))["invoices"][0]["has_document"] is True
    download = ann.get(f"{LIST}/inv1/document")
    assert download.status == 303
    link = urlsplit(download.header("Location"))
    query = parse_qs(link.query)
    assert link.path == "/invoices/s1/inv1.pdf"
    assert query["X-Amz-Expires"] == ["300"]
    assert query["response-content-disposition"][0].startswith('attachment; filename="invoice-INV-2026-1.pdf"')


def test_an_upload_that_is_no_pdf_does_not_download(shop: Shop, ann: Client) -> None:
    _put(shop, "inv1", invoice(document_url=None))
    refused = _upload_pdf(shop, "inv1", b"<html>not a pdf</html>", status=422)

    assert refused.json()["error"] == "unprocessable"
    assert ann.get(f"{LIST}/inv1/document").status == 404
    assert answer(InvoiceList, ann.get(LIST))["invoices"][0]["has_document"] is False


def test_a_form_requested_but_never_used_downloads_nothing(shop: Shop, ann: Client) -> None:
    _put(shop, "inv1", invoice(document_url=None))
    assert shop.admin.post("/admin/stores/s1/invoices/inv1/document").status == 201

    assert ann.get(f"{LIST}/inv1/document").status == 404


def test_a_document_form_for_an_unknown_invoice_is_404(shop: Shop) -> None:
    assert shop.admin.post("/admin/stores/s1/invoices/nope/document").status == 404


# -------------------------------------------------------------------------------- emails and events


def _invoice_emails() -> list[dict[str, Any]]:
    return [e for e in sent_emails() if e["subject"].startswith("Invoice ")]


def _events() -> list[tuple[str, dict[str, Any]]]:
    return [(e["detail_type"], e["detail"]) for e in published() if e["detail_type"].startswith("Invoice")]


def test_a_new_invoice_emails_the_customer_a_link_to_their_invoices(shop: Shop, ann: Client) -> None:
    drain_order_stream()  # the order's confirmation: not an invoice's business
    _put(shop, "inv1", invoice(number="INV-2026-7"))

    assert drain_invoice_stream() == []

    (email,) = _invoice_emails()
    assert email["to"] == [ANN]
    assert email["subject"] == "Invoice INV-2026-7 from Shop One"
    assert "https://shop.example/store/account/invoices" in unescape(email["html"])
    assert "€25.00" in email["text"]
    assert "Amount due: €25.00, by December 31, 2026." in email["text"]


def test_each_stored_version_is_one_event_issued_then_updated(shop: Shop, ann: Client) -> None:
    _put(shop, "inv1", invoice())
    _put(shop, "inv1", invoice())  # the same again: nothing stored, nothing told
    assert drain_invoice_stream() == []
    _put(shop, "inv1", invoice(amount_due=0, payment_status="paid"))
    assert drain_invoice_stream() == []

    events = _events()
    assert [kind for kind, _ in events] == ["InvoiceIssued", "InvoiceUpdated"]
    assert events[1][1] == {
        "store_id": "s1",
        "invoice_id": "inv1",
        "number": "INV-1",
        "order_ids": ["o1"],
        "issued_at": "2026-11-01T09:00:00Z",
        "due_at": "2026-12-31T00:00:00Z",
        "currency": "EUR",
        "total": 2500,
        "amount_due": 0,
        "payment_status": "paid",
        "has_document": True,
        "version": 2,
    }
    assert "email" not in events[0][1]  # the store knows its customer by the invoice
    assert len(_invoice_emails()) == 1  # a change is the store's news, not the customer's


def test_a_stream_record_delivered_twice_is_told_once(shop: Shop, ann: Client) -> None:
    _put(shop, "inv1", invoice())
    assert drain_invoice_stream() == []
    records = [r for r in TableStream("InvoicesTable").take() if r["dynamodb"]["Keys"]["sk"]["S"] == "invoice"]
    handler = load_handler(template.functions()["ChangeNoticesFunction"])

    assert handler({"Records": records}, LambdaContext("ChangeNoticesFunction"))["batchItemFailures"] == []

    assert len(_events()) == 1
    assert len(_invoice_emails()) == 1


def test_the_store_can_switch_the_invoice_email_off_and_still_hears_of_it(shop: Shop, ann: Client) -> None:
    shop.settings(invoice_email=False)
    _put(shop, "inv1", invoice())

    assert drain_invoice_stream() == []

    assert _invoice_emails() == []
    assert [kind for kind, _ in _events()] == ["InvoiceIssued"]


def test_an_uploaded_document_is_an_update_for_store_systems(shop: Shop, ann: Client) -> None:
    _put(shop, "inv1", invoice(document_url=None))
    _upload_pdf(shop, "inv1")

    assert drain_invoice_stream() == []

    assert [(kind, detail["has_document"]) for kind, detail in _events()] == [
        ("InvoiceIssued", False),
        ("InvoiceUpdated", True),
    ]


def test_a_hand_written_invoice_with_a_line_break_in_its_number_fails_alone_and_sends_nothing(
    shop: Shop, ann: Client
) -> None:
    _put(shop, "inv1", invoice())
    # The API refuses CR/LF in a number (400, above); written by hand, the consumer refuses it too.
    dynamodb = aws_client("dynamodb")
    item = dynamodb.get_item(TableName="InvoicesTable", Key={"pk": {"S": "s1#invoice#inv1"}, "sk": {"S": "invoice"}})
    bad = item["Item"]
    bad["pk"] = {"S": "s1#invoice#byhand"}
    bad["invoice_id"] = {"S": "byhand"}
    bad["data"]["M"]["number"] = {"S": "INV\r\nBcc: everyone@example.com"}
    dynamodb.put_item(TableName="InvoicesTable", Item=bad)

    failed = drain_invoice_stream()

    assert len(failed) == 1
    assert [detail["invoice_id"] for _, detail in _events()] == ["inv1"]
    assert [e["subject"] for e in _invoice_emails()] == ["Invoice INV-1 from Shop One"]


# ---------------------------------------------------------------------------------------- who sees it


def test_another_customer_of_the_order_and_of_the_store_get_404(shop: Shop, ann: Client, gateway: Any) -> None:
    _put(shop, "inv1", invoice())
    assert shop.put_order("o2", number="1002", email=BOB).status == 201
    bob = Client(gateway, shop.domain, ip="198.51.100.9")
    shop.login(bob, BOB)

    assert answer(InvoiceList, bob.get(LIST))["invoices"] == []
    assert bob.get(f"{LIST}/inv1/document").status == 404
    assert ann.get(f"{LIST}/inv2/document").status == 404


def test_another_stores_customer_with_the_same_email_sees_none(
    shop: Shop, ann: Client, admin: Client, gateway: Any
) -> None:
    _put(shop, "inv1", invoice())
    other = Shop.create(admin, "s2", "other.example", name="Shop Two")
    assert other.put_order("o1").status == 201
    ann_there = Client(gateway, other.domain)
    other.login(ann_there, ANN)

    assert answer(InvoiceList, ann_there.get(LIST))["invoices"] == []
    assert ann_there.get(f"{LIST}/inv1/document").status == 404


def test_a_cursor_of_another_customer_is_400(shop: Shop, ann: Client, gateway: Any) -> None:
    for n in range(1, 4):
        _put(shop, f"inv{n}", invoice(f"INV-{n}", issued_at=f"2026-11-0{n}T09:00:00Z"))
    cursor = answer(InvoiceList, ann.get(f"{LIST}?limit=1"))["next_cursor"]
    assert shop.put_order("o2", number="1002", email=BOB).status == 201
    bob = Client(gateway, shop.domain, ip="198.51.100.9")
    shop.login(bob, BOB)

    assert bob.get(f"{LIST}?limit=1&cursor={quote(cursor)}").status == 400


# ------------------------------------------------------------------------------------------- pages


def test_the_invoices_page_lists_them_marks_overdue_and_links_each_document(shop: Shop, ann: Client) -> None:
    _put(shop, "late", invoice("LATE-1", due_at="2026-01-31T00:00:00Z", issued_at="2026-01-01T00:00:00Z"))
    _put(shop, "new", invoice("NEW-1", document_url=None))

    html = ann.get("/store/account/invoices").body.decode()

    assert html.index("NEW-1") < html.index("LATE-1")
    assert re.search(r'<tr class="overdue">\s*<th scope="row" data-label="Invoice">LATE-1', html)
    assert 'href="/store/account/api/invoices/late/document"' in html
    assert 'href="/store/account/api/invoices/new/document"' not in html


def test_the_order_page_shows_its_invoices(shop: Shop, ann: Client) -> None:
    _put(shop, "inv1", invoice("INV-77"))

    html = ann.get("/store/account/orders/o1").body.decode()

    assert 'id="invoices"' in html
    assert "INV-77" in html


def test_without_invoices_the_page_says_so(shop: Shop, ann: Client) -> None:
    page = ann.get("/store/account/invoices")

    assert page.status == 200
    assert "No invoices yet." in page.body.decode()
