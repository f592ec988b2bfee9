"""An invoice as it travels inside the product, as TypedDicts: as its items keep it (`StoredInvoice`,
the `data` map of invoices.items.InvoiceItem and of its list entries and order links), as the routes
answer it (`Invoice`, invoices.models.InvoiceView) and list it (`InvoiceList`), with its orders named
for the pages (`ListedInvoice`), an upload form for its PDF (`DocumentUpload`), and the stream's image
once checked for its event and email (`Notified`, invoices.notices).

Typing only: product modules import this under `if TYPE_CHECKING:`. tests/unit/test_stored_shapes.py
keeps each TypedDict's keys its model's fields. Money is whole minor units of `currency`."""

from typing import Literal, NotRequired, TypedDict

from access_center.aws.shapes import UploadForm

PaymentStatus = Literal["paid", "unpaid", "partially_paid", "overdue"]


class InvoiceFields(TypedDict):
    """What the stored invoice and its view share (invoices.models.InvoiceIn, but the customer's email
    and the ERP's link, which the invoice's item keeps beside it)."""

    invoice_id: str
    number: str
    issued_at: str
    due_at: NotRequired[str]
    currency: str
    total: int
    amount_due: int
    payment_status: PaymentStatus
    order_ids: list[str]
    company_id: NotRequired[str]  # the company billed (API.md section 11)
    has_document: bool


class StoredInvoice(InvoiceFields):
    """The invoice's `data` map (invoices.logic.put): `uploaded` where its document is a PDF the store
    uploaded (rather than the ERP's link)."""

    uploaded: NotRequired[bool]


class Invoice(InvoiceFields):
    """invoices.models.InvoiceView: the stored invoice, whether it is overdue now."""

    overdue: bool


class InvoiceList(TypedDict):
    """invoices.models.InvoiceList: a page of the customer's invoices, newest first."""

    invoices: list[Invoice]
    next_cursor: str | None


class LinkedOrder(TypedDict):
    """An order of an invoice that its customer sees, as a page links it (invoices.logic.with_orders)."""

    order_id: str
    number: str | None  # an order without a number is left out


class ListedInvoice(Invoice):
    """An invoice as the pages show it: with its orders that the customer sees."""

    linked_orders: list[LinkedOrder]


class DocumentUpload(TypedDict):
    """invoices.models.DocumentUpload: the form the invoice's PDF goes up with."""

    upload: UploadForm
    expires_at: str


class Notified(TypedDict):
    """An invoice's stream image once checked (invoices.notices): the event's detail, and the email."""

    store_id: str
    invoice_id: str
    email: str
    number: str
    issued_at: str
    currency: str
    payment_status: str
    total: int
    amount_due: int
    due_at: str | None
    order_ids: list[str]
    company_id: NotRequired[str]  # the company billed (API.md section 11)
    has_document: bool
    version: int
