"""Store systems push their customers' quotes and configurations and read them back, with where the
customer's answer stands (StoreListsFunction; store-system API, IAM-signed, scoped to the caller's
store like every store-system route). Accepted whether or not customers see quotes (`quotes_enabled`)."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Response, Router
from aws_lambda_powertools.event_handler.openapi.params import Path

from access_center.core.ids import ID_PATTERN
from access_center.quotes import logic
from access_center.quotes.models import QuoteIn
from access_center.web import apidoc
from access_center.web.requests import JSON, StoreId, json_response

router = Router()
QuoteId = Annotated[str, Path(pattern=ID_PATTERN, max_length=128)]


@router.put(
    "/admin/stores/<store_id>/quotes/<quote_id>",
    summary="Create or change a quote or configuration for a customer",
    description=(
        "The customer (by `email`) sees it under Quotes, accepts it into the store's cart (the store hears"
        " `QuoteAccepted` with the quoted prices) or declines it (`QuoteDeclined`), until `valid_until`. At most"
        " 200 lines, 20 options a line. The same body again changes nothing; `email` and `number` never change,"
        " and a quote the customer has accepted or declined no longer does: push a new one."
    ),
    responses=apidoc.store_system(
        {
            201: apidoc.json_body("StoreQuoteView", "Created."),
            200: apidoc.json_body("StoreQuoteView", "Changed (or the same as stored)."),
        },
        {
            400: "A field missing or invalid, or a `line_id` twice.",
            404: "No such store.",
            409: "Another `email` or `number` than the quote's, a change to a quote the customer has accepted or"
            " declined, or the quote is being changed by another request (send it again).",
        },
    ),
)
def put_quote(store_id: StoreId, quote_id: QuoteId, body: QuoteIn) -> Response[JSON]:
    created, shown = logic.put(store_id, quote_id, body)
    return json_response(201 if created else 200, shown)


@router.get(
    "/admin/stores/<store_id>/quotes/<quote_id>",
    summary="A quote, with its status, when the customer answered it and their reason for declining",
    responses=apidoc.store_system(
        {200: apidoc.json_body("StoreQuoteView", "The quote.")}, {400: None, 404: "No such store, or no such quote."}
    ),
)
def get_quote(store_id: StoreId, quote_id: QuoteId) -> Response[JSON]:
    return json_response(200, logic.for_store(store_id, quote_id))
