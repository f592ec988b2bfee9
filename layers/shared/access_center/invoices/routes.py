"""The customer's invoices, JSON (CustomerInvoicesFunction): the list and each document's download.
The Invoices page and the order page show the same (invoices.pages)."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Response, Router
from aws_lambda_powertools.event_handler.openapi.params import Query

from access_center.account.customer import customer, signed_in
from access_center.invoices import logic
from access_center.invoices.params import InvoiceScope
from access_center.orders.acting import Viewer
from access_center.web import apidoc
from access_center.web.requests import JSON, InvoiceId, json_response, see_other

router = Router()


@router.get(
    "/api/invoices",
    summary="The customer's invoices at this store (or their company's), newest first",
    security=apidoc.SESSION,
    responses=apidoc.customer(
        {200: apidoc.json_body("InvoiceList", "A page of invoices, and the cursor of the next page.")},
        {
            400: "A `limit` out of 1..50, or a cursor not from this list.",
            401: None,
            403: "`scope=company` for a role that may not see the company's invoices (buyer, manager).",
            404: "`scope=company` for a customer in no company.",
        },
    ),
    middlewares=[signed_in],
)
def list_invoices(
    limit: Annotated[int, Query(ge=1, le=logic.MAX_PAGE)] = 20,
    cursor: Annotated[str | None, Query(max_length=512)] = None,
    scope: InvoiceScope = None,
) -> Response[JSON]:
    who = customer(router)
    listed = logic.list_for_customer(Viewer.of(who), limit, cursor, logic.Scope(scope or "mine"))
    return json_response(200, listed)


@router.get(
    "/api/invoices/<invoice_id>/document",
    summary="Download an invoice's document (a redirect)",
    description="To the ERP's own link, or to a link to the uploaded PDF valid 5 minutes, after the session check.",
    security=apidoc.SESSION,
    responses=apidoc.customer(
        {303: apidoc.no_body("To the document.", apidoc.REDIRECT)},
        {
            400: None,
            401: None,
            404: "No such invoice of this customer (or of their company, for finance and admin), or it has no document yet.",
        },
    ),
    middlewares=[signed_in],
)
def download_document(invoice_id: InvoiceId) -> Response[None]:
    who = customer(router)
    return see_other(logic.document_for_customer(who.store, Viewer.of(who), invoice_id))
