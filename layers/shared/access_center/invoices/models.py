"""Invoices at the edge (API.md section 6): what a store system (its ERP) pushes, and an invoice as the
customer's list answers it. Amounts are minor units of `currency`, as everywhere."""

from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from access_center.core.fields import Answer, Email, HttpsUrl, Identifier, Money, Strict, Timestamp
from access_center.web.models import UploadForm

Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
PaymentStatus = Literal["paid", "unpaid", "partially_paid", "overdue"]
MAX_LINKED_ORDERS = 40  # one transaction writes the invoice, its list entry and a link per order (and drops old ones)


class InvoiceIn(Strict):
    number: Annotated[str, Field(min_length=1, max_length=64)]
    email: Email
    issued_at: Timestamp
    due_at: Timestamp | None = None
    currency: Currency
    total: Money
    amount_due: Money
    payment_status: PaymentStatus
    order_ids: Annotated[list[Identifier], Field(max_length=MAX_LINKED_ORDERS)] = Field(default_factory=list)
    company_id: Identifier | None = Field(
        default=None, description="The company billed: its `finance` and `admin` members see it."
    )
    document_url: (
        Annotated[
            HttpsUrl, Field(description="The ERP's own (non-guessable) link to the document; or upload a PDF instead.")
        ]
        | None
    ) = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.amount_due > self.total:
            raise ValueError("amount_due must not be more than total")
        if self.due_at is not None and self.due_at < self.issued_at:
            raise ValueError("due_at must not be before issued_at")
        if len(set(self.order_ids)) != len(self.order_ids):
            raise ValueError("order_ids must be unique")
        return self


class InvoiceView(Answer):
    invoice_id: Identifier
    number: str
    issued_at: Timestamp
    due_at: Timestamp | None = None
    currency: str
    total: Money
    amount_due: Money
    payment_status: PaymentStatus
    overdue: bool = Field(description="`overdue`, or unpaid past `due_at`.")
    order_ids: list[Identifier]
    company_id: Identifier | None = Field(default=None, description="The company billed, if any.")
    has_document: bool = Field(description="`GET .../invoices/{invoice_id}/document` downloads it.")


class InvoiceList(Answer):
    invoices: list[InvoiceView] = Field(description="Newest `issued_at` first.")
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last.")


class DocumentUpload(Answer):
    upload: UploadForm
    expires_at: Timestamp
