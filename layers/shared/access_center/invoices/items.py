"""The Invoices table, three kinds of item per invoice, written together (invoices.storage):
- the invoice (`{store_id}#invoice#{invoice_id}`, sk `invoice`): what the store pushed, its document
  (the ERP's link, or the key of the PDF in the files bucket) and a version;
- the customer's list entry (`{store_id}#{email}`, sk `invoice#{issued_at}#{invoice_id}`): the invoice
  as answered, so the Invoices page is one Query, newest first;
- a link per order (`{store_id}#order#{order_id}`, sk `invoice#{invoice_id}`): the same answer and the
  customer's email, so the order page lists its invoices with one Query."""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import MapAttribute, UnicodeAttribute, VersionAttribute
from pynamodb.models import Model

from access_center.core.config import settings
from access_center.db.connection import ItemMeta

INVOICE_SK = "invoice"
ENTRY_PREFIX = "invoice#"


class _InvoicesTable(ItemMeta):
    table_name = settings().invoices_table


class InvoiceItem(Model):
    class Meta(_InvoicesTable):
        pass

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True, default=INVOICE_SK)
    store_id = UnicodeAttribute()
    invoice_id = UnicodeAttribute()
    email = UnicodeAttribute()
    entry_sk = UnicodeAttribute()  # where its list entry is (it moves when issued_at does)
    data = MapAttribute[str, Any]()  # the invoice as answered (InvoiceView)
    document_url = UnicodeAttribute(null=True)
    version = VersionAttribute()


class InvoiceEntryItem(Model):
    """A customer's list entry, or an order's link (the same answer, keyed for each reader)."""

    class Meta(_InvoicesTable):
        pass

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    email = UnicodeAttribute()
    data = MapAttribute[str, Any]()
