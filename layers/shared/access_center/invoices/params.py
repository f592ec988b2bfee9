"""The invoice list's `scope` parameter, shared by its JSON route and its page (API.md section 11)."""

from __future__ import annotations

from typing import Annotated, Literal

from aws_lambda_powertools.event_handler.openapi.params import Query

InvoiceScope = Annotated[
    Literal["mine", "company", ""] | None,
    Query(
        description="`mine` (default): the customer's own invoices; `company`: every invoice of their company"
        " (`finance` and `admin` only: 403 for other roles, 404 outside any company)."
    ),
]
