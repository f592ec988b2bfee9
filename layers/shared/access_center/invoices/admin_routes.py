"""Store systems push invoices (InvoicesFunction; store-system API, IAM-signed, scoped to the caller's
store like every store-system route)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Response, Router

from access_center.invoices import logic
from access_center.invoices.models import InvoiceIn
from access_center.web import apidoc
from access_center.web.requests import JSON, InvoiceId, StoreId, json_response

router = Router()


@router.put(
    "/admin/stores/<store_id>/invoices/<invoice_id>",
    summary="Create or replace an invoice",
    description=(
        "The header as the ERP has it: number, the customer's email, issued and due dates, currency, total, amount"
        " due, payment status, linked orders (at most 40) and either `document_url` (https, the ERP's"
        " non-guessable link) or, uploaded afterwards, a PDF (`POST .../document`). The customer sees it on the"
        " Invoices page and on each linked order, and is emailed a new one (unless the store's `invoice_email` is"
        " off); store systems get `InvoiceIssued`, then `InvoiceUpdated` for each change. The same body again"
        " changes nothing and tells nothing."
    ),
    responses=apidoc.store_system(
        {
            201: apidoc.json_body("InvoiceView", "Created."),
            200: apidoc.json_body("InvoiceView", "Replaced (or the same as stored)."),
        },
        {
            400: "A field missing or invalid, `amount_due` over `total`, `due_at` before `issued_at`, or repeated orders.",
            404: "No such store.",
            409: "The invoice is being changed by another request (send it again).",
        },
    ),
)
def put_invoice(store_id: StoreId, invoice_id: InvoiceId, body: InvoiceIn) -> Response[JSON]:
    created, view = logic.put(store_id, invoice_id, body)
    return json_response(201 if created else 200, view)


@router.post(
    "/admin/stores/<store_id>/invoices/<invoice_id>/document",
    summary="Upload the invoice's PDF: an upload form (S3 presigned POST)",
    description=(
        "POST the PDF (at most 10 MiB) to `upload.url` with `upload.fields`, the file last, within 10 minutes. It"
        " becomes the invoice's document, instead of any `document_url`, once claimed with `PUT .../document`;"
        " until then nothing changes. Customers download it through the access center, after the session"
        " check, with a link valid 5 minutes."
    ),
    responses=apidoc.store_system(
        {201: apidoc.json_body("DocumentUpload", "The upload form.")},
        {400: None, 404: "No such invoice at this store.", 409: "The invoice is being changed (send it again)."},
    ),
)
def upload_document(store_id: StoreId, invoice_id: InvoiceId) -> Response[JSON]:
    return json_response(201, logic.document_upload(store_id, invoice_id))


@router.put(
    "/admin/stores/<store_id>/invoices/<invoice_id>/document",
    summary="Claim the uploaded PDF: it becomes the invoice's document",
    description=(
        "After the PDF is posted with the form of `POST .../document`: it is checked (a PDF, at most 10 MiB) and"
        " becomes the invoice's document instead of any `document_url`; store systems get `InvoiceUpdated`."
    ),
    responses=apidoc.store_system(
        {200: apidoc.json_body("InvoiceView", "The invoice, with its document.")},
        {
            400: None,
            404: "No such invoice at this store.",
            409: "No PDF has been uploaded (or the invoice is being changed: send it again).",
            422: "The upload is not a PDF of at most 10 MiB (it is deleted).",
        },
    ),
)
def claim_document(store_id: StoreId, invoice_id: InvoiceId) -> Response[JSON]:
    return json_response(200, logic.claim_document(store_id, invoice_id))
