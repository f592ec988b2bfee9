"""The Invoices table (invoices.items): an invoice, its customer's list entry and its order links are
written in one transaction guarded by the invoice's version, so a list, an order page and a download
never disagree about an invoice, and an invoice that changes customer, date or orders leaves nothing
behind where it was."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from access_center.companies.storage import company_key
from access_center.db.transactions import transaction
from access_center.invoices.items import ENTRY_PREFIX, INVOICE_SK, InvoiceEntryItem, InvoiceItem

if TYPE_CHECKING:
    from access_center.invoices.shapes import StoredInvoice


def invoice_key(store_id: str, invoice_id: str) -> str:
    return f"{store_id}#invoice#{invoice_id}"


def customer_key(store_id: str, email: str) -> str:
    return f"{store_id}#{email}"


def order_key(store_id: str, order_id: str) -> str:
    return f"{store_id}#order#{order_id}"


def entry_sk(issued_at: str, invoice_id: str) -> str:
    return f"{ENTRY_PREFIX}{issued_at}#{invoice_id}"


def get_invoice(store_id: str, invoice_id: str) -> InvoiceItem | None:
    try:
        return InvoiceItem.get(invoice_key(store_id, invoice_id), INVOICE_SK, consistent_read=True)
    except InvoiceItem.DoesNotExist:
        return None


def data_of(item: InvoiceItem) -> StoredInvoice:
    """The invoice as answered, as stored on its item."""
    return _stored(item.data.as_dict())


def _stored(data: object) -> StoredInvoice:
    return cast("StoredInvoice", data)  # as save_invoice wrote it


def save_invoice(
    store_id: str,
    invoice_id: str,
    email: str,
    data: StoredInvoice,
    document_url: str | None,
    previous: InvoiceItem | None,
) -> None:
    """Write the invoice as `data` says (WriteConflict when `previous` is no longer what is stored)."""
    sk = entry_sk(data["issued_at"], invoice_id)
    item = previous or InvoiceItem(
        invoice_key(store_id, invoice_id), INVOICE_SK, store_id=store_id, invoice_id=invoice_id
    )
    old_email, old_sk = (previous.email, previous.entry_sk) if previous else (None, None)
    old_data = previous.data.as_dict() if previous else {}
    old_orders = set(old_data.get("order_ids", []))
    old_company = company_key(store_id, old_data["company_id"]) if old_data.get("company_id") else None
    company = company_key(store_id, data["company_id"]) if data.get("company_id") else None
    item.email, item.entry_sk, item.data, item.document_url = email, sk, data, document_url
    with transaction() as tx:
        tx.save(item)  # the version condition: a racing writer's version makes this fail
        tx.save(InvoiceEntryItem(customer_key(store_id, email), sk, email=email, data=data))
        if old_email is not None and (old_email, old_sk) != (email, sk):
            tx.delete(InvoiceEntryItem(customer_key(store_id, old_email), str(old_sk)))
        if company is not None:  # the company's list (its finance and admin members)
            tx.save(InvoiceEntryItem(company, sk, email=email, data=data))
        if old_company is not None and (old_company, old_sk) != (company, sk):
            tx.delete(InvoiceEntryItem(old_company, str(old_sk)))
        for order_id in data["order_ids"]:
            tx.save(
                InvoiceEntryItem(order_key(store_id, order_id), f"{ENTRY_PREFIX}{invoice_id}", email=email, data=data)
            )
        for order_id in old_orders - set(data["order_ids"]):
            tx.delete(InvoiceEntryItem(order_key(store_id, order_id), f"{ENTRY_PREFIX}{invoice_id}"))


@dataclass
class InvoiceEntryPage:
    invoices: list[StoredInvoice]
    last: str | None  # the sort key of the oldest invoice shown
    more: bool


def list_page(pk: str, limit: int, after: str | None) -> InvoiceEntryPage:
    """The invoices listed under `pk` (a customer's, or a company's), newest first, older than `after` (a
    sort key): one Query, `limit + 1` items."""
    start = {"pk": {"S": pk}, "sk": {"S": after}} if after else None
    found = list(
        InvoiceEntryItem.query(
            pk,
            InvoiceEntryItem.sk.startswith(ENTRY_PREFIX),
            scan_index_forward=False,
            limit=limit + 1,
            last_evaluated_key=start,
        )
    )
    shown = found[:limit]
    return InvoiceEntryPage(
        [_stored(i.data.as_dict()) for i in shown], shown[-1].sk if shown else None, len(found) > limit
    )


def order_invoices(store_id: str, order_id: str) -> list[tuple[str, StoredInvoice]]:
    """(email, invoice) of each invoice linked to the order (one Query; at most what links exist)."""
    found = InvoiceEntryItem.query(order_key(store_id, order_id), InvoiceEntryItem.sk.startswith(ENTRY_PREFIX))
    return [(str(i.email), _stored(i.data.as_dict())) for i in found]
