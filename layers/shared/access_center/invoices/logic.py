"""Invoices: store systems (their ERP) push each invoice's header; customers page through theirs,
see those of an order on its page, and download the document after the session check, either from
the ERP's own link or as the PDF the store uploaded into the files bucket (a link valid minutes).
An invoice is its customer's, and its company's `finance` and `admin` members' where it bills a company
(API.md section 11): anyone else, the order's other customers included, gets 404."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any, cast

from access_center.aws import files
from access_center.companies.rules import Action
from access_center.companies.storage import company_key
from access_center.core import clock, cursor
from access_center.core.errors import Conflict, Forbidden, NotFound, Unprocessable
from access_center.core.i18n import N_
from access_center.core.observability import count, logger
from access_center.db.retry import retry_on_conflict
from access_center.invoices import storage as db
from access_center.orders import logic as orders
from access_center.stores.logic import Store, get_store

if TYPE_CHECKING:
    from collections.abc import Mapping

    from access_center.invoices.models import InvoiceIn
    from access_center.invoices.shapes import DocumentUpload, Invoice, InvoiceList, ListedInvoice, StoredInvoice
    from access_center.orders.acting import Viewer

MAX_PAGE = 50
PDF = "application/pdf"
MAX_PDF_BYTES = 10 * 1024 * 1024


def document_key(store_id: str, invoice_id: str) -> str:
    return f"invoices/{store_id}/{invoice_id}.pdf"


def answered(stored: StoredInvoice, now: float | None = None) -> Invoice:
    """An invoice as answered (InvoiceView): `overdue` is decided when it is read, not when it was pushed."""
    moment = clock.iso(clock.now() if now is None else now)
    due = stored.get("due_at")
    late = stored["amount_due"] > 0 and due is not None and due < moment
    view = cast("Invoice", {k: v for k, v in stored.items() if k != "uploaded"})  # `overdue` added below
    view["total"], view["amount_due"] = int(stored["total"]), int(stored["amount_due"])
    view["overdue"] = stored["payment_status"] == "overdue" or (late and stored["payment_status"] != "paid")
    view["has_document"] = bool(stored.get("has_document"))
    return view


def put(store_id: str, invoice_id: str, body: InvoiceIn) -> tuple[bool, Invoice]:
    """Create or replace the invoice (True: created). The same body again writes nothing."""
    get_store(store_id)  # NotFound for a store that does not exist

    def attempt() -> tuple[bool, Invoice]:
        previous = db.get_invoice(store_id, invoice_id)
        stored: Mapping[str, object] = {}
        if previous:
            stored = db.data_of(previous)
        written: dict[str, Any] = {"invoice_id": invoice_id, **body.stored()}
        written.pop("email")
        written.pop("document_url", None)
        data = cast("StoredInvoice", written)  # InvoiceIn as validated (no nulls), less what the item keeps beside
        data["order_ids"] = list(body.order_ids)
        # An uploaded PDF stays the document until the ERP gives a link instead.
        data["has_document"] = bool(body.document_url) or bool(stored.get("uploaded"))
        if stored.get("uploaded") and not body.document_url:
            data["uploaded"] = True
        if previous and stored == data and previous.email == body.email and previous.document_url == body.document_url:
            return False, answered(data)
        db.save_invoice(store_id, invoice_id, body.email, data, body.document_url, previous)
        return previous is None, answered(data)

    created, view = retry_on_conflict(attempt, lambda: Conflict(N_("The invoice is being changed. Send it again.")))
    count("InvoicesCreated" if created else "InvoicesUpdated")
    return created, view


def upload_key(store_id: str, invoice_id: str) -> str:
    """Where an uploaded PDF waits until the store claims it (the document itself is not touched before)."""
    return f"invoices/{store_id}/{invoice_id}.upload.pdf"


def document_upload(store_id: str, invoice_id: str) -> DocumentUpload:
    """An upload form for the invoice's PDF. Asking for one changes nothing: the invoice keeps its
    document (the ERP's link, or an earlier PDF) until the upload is claimed (`claim_document`)."""
    if db.get_invoice(store_id, invoice_id) is None:
        raise NotFound(
            N_("No invoice %(invoice_id)s at store %(store_id)s."), invoice_id=repr(invoice_id), store_id=repr(store_id)
        )
    form = files.upload_form(upload_key(store_id, invoice_id), PDF, MAX_PDF_BYTES)
    return {"upload": form, "expires_at": clock.iso(clock.now() + files.UPLOAD_SECONDS)}


def claim_document(store_id: str, invoice_id: str) -> Invoice:
    """The uploaded PDF becomes the invoice's document, instead of any ERP link (InvoiceView).
    Conflict when nothing is uploaded; Unprocessable (and the upload deleted) when it is not a PDF."""
    if db.get_invoice(store_id, invoice_id) is None:
        raise NotFound(
            N_("No invoice %(invoice_id)s at store %(store_id)s."), invoice_id=repr(invoice_id), store_id=repr(store_id)
        )
    pending = upload_key(store_id, invoice_id)
    sampled = files.sample(pending, 5)
    if sampled is None:
        raise Conflict(N_("No PDF is uploaded for this invoice: upload it with the form of POST .../document first."))
    if sampled.size > MAX_PDF_BYTES or not sampled.head.startswith(b"%PDF-"):
        files.delete(pending)
        raise Unprocessable(N_("The uploaded document is not a PDF of at most 10 MiB; it was deleted."))
    files.copy(pending, document_key(store_id, invoice_id))

    def attempt() -> Invoice:
        previous = db.get_invoice(store_id, invoice_id)
        if previous is None:
            raise NotFound(
                N_("No invoice %(invoice_id)s at store %(store_id)s."),
                invoice_id=repr(invoice_id),
                store_id=repr(store_id),
            )
        data: StoredInvoice = {**db.data_of(previous), "has_document": True, "uploaded": True}
        if data != db.data_of(previous) or previous.document_url:
            db.save_invoice(store_id, invoice_id, str(previous.email), data, None, previous)
        return answered(data)

    view = retry_on_conflict(attempt, lambda: Conflict(N_("The invoice is being changed. Send it again.")))
    files.delete(pending)
    return view


class Scope(StrEnum):
    """Whose invoices a list shows: the customer's own, or their company's (API.md section 11)."""

    MINE = "mine"
    COMPANY = "company"


NOT_FOR_ROLE = N_("Your role in your company does not let you see its invoices.")
NO_COMPANY = N_("You do not belong to a company at this store.")


def list_key(viewer: Viewer, scope: Scope = Scope.MINE) -> str:
    """The partition of the list `scope` names: NotFound outside any company, Forbidden for a role that
    may not see the company's invoices (buyer, manager)."""
    if scope is Scope.MINE:
        return db.customer_key(viewer.store_id, viewer.email)
    member = viewer.membership
    if member is None:
        raise NotFound(NO_COMPANY)
    if not member.may(Action.VIEW_INVOICES):
        raise Forbidden(NOT_FOR_ROLE)
    return company_key(viewer.store_id, member.company_id)


def list_for_customer(viewer: Viewer, limit: int, after: str | None, scope: Scope = Scope.MINE) -> InvoiceList:
    """A page of the customer's invoices (or, `scope` company, their company's), newest first. A cursor
    answers only for its list: one from another list is a 400."""
    pk = list_key(viewer, scope)
    partition = f"invoices#{pk}"
    start = cursor.decode(partition, after) if after else None
    found = db.list_page(pk, min(max(limit, 1), MAX_PAGE), start)
    now = clock.now()
    return {
        "invoices": [answered(i, now) for i in found.invoices],
        "next_cursor": cursor.encode(partition, found.last) if found.more and found.last else None,
    }


def _sees(viewer: Viewer, owner: str, data: Mapping[str, object]) -> bool:
    """Whether the viewer may see an invoice of `owner`'s: their own, or their company's for a role that
    sees the company's invoices (the membership read only for another's invoice of a company)."""
    if owner == viewer.email:
        return True
    company_id = data.get("company_id")
    member = viewer.membership if company_id else None
    return member is not None and member.company_id == company_id and member.may(Action.VIEW_INVOICES)


def for_order(viewer: Viewer, order_id: str) -> list[Invoice]:
    """The order's invoices that the viewer sees, newest first."""
    now = clock.now()
    found = db.order_invoices(viewer.store_id, order_id)
    shown = [answered(data, now) for owner, data in found if _sees(viewer, owner, data)]
    return sorted(shown, key=lambda i: (i["issued_at"], i["invoice_id"]), reverse=True)


MAX_LINKS_SHOWN = 60  # order reads for one page of invoices; more linked orders are shown unnamed


def with_orders(viewer: Viewer, invoices: list[Invoice]) -> list[ListedInvoice]:
    """Each invoice with `linked_orders`: [{order_id, number}] of its orders this customer sees (an
    order they do not see is left out, never named), so a page links an invoice to its orders."""
    numbers: dict[str, str | None] = {}
    for invoice in invoices:
        for order_id in invoice.get("order_ids", []):
            if order_id not in numbers and len(numbers) < MAX_LINKS_SHOWN:
                try:
                    numbers[order_id] = str(orders.get_for_customer(viewer, order_id)["number"])
                except NotFound:
                    numbers[order_id] = None
    return [
        {
            **invoice,
            "linked_orders": [
                {"order_id": order_id, "number": numbers[order_id]}
                for order_id in invoice.get("order_ids", [])
                if numbers.get(order_id)
            ],
        }
        for invoice in invoices
    ]


def document_for_customer(store: Store, viewer: Viewer, invoice_id: str) -> str:
    """Where an invoice document the viewer sees is (theirs, or their company's for finance and admin):
    the ERP's link, or a short-lived link to the PDF. Any other invoice: NotFound, as one that does not exist."""
    item = db.get_invoice(store.store_id, invoice_id)
    if item is None or not _sees(viewer, str(item.email), db.data_of(item)):
        raise NotFound(N_("No such invoice."))
    if item.document_url:
        return str(item.document_url)
    data = db.data_of(item)
    key = document_key(store.store_id, invoice_id)
    head = files.first_bytes(key, 5) if data.get("uploaded") else None
    if head is None:
        raise NotFound(N_("This invoice has no document yet."))
    if not head.startswith(b"%PDF-"):
        logger.error("An invoice document is not a PDF", extra={"store_id": store.store_id, "invoice_id": invoice_id})
        raise NotFound(N_("This invoice has no document yet."))
    logger.info("Invoice download link issued", extra={"store_id": store.store_id, "invoice_id": invoice_id})
    return files.download_url(key, f"invoice-{_safe(data['number'])}.pdf", PDF)


def _safe(number: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in number)[:64] or "document"
