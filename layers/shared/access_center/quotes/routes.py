"""The customer's quotes and configurations, JSON (CustomerListsFunction; API.md section 12): the list,
one quote, accepting (the store's cart link) and declining. The Quotes pages do the same without
JavaScript (quotes.pages). 404 while the store has `quotes_enabled` off."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Response, Router
from aws_lambda_powertools.event_handler.openapi.params import Path, Query

from access_center.account.customer import customer, signed_in
from access_center.core.ids import ID_PATTERN
from access_center.quotes import logic
from access_center.quotes.models import DeclineIn
from access_center.web import apidoc
from access_center.web.requests import JSON, json_response

router = Router()
QuoteId = Annotated[str, Path(pattern=ID_PATTERN, max_length=128)]
OFF = "The store does not offer quotes (`quotes_enabled` off)."
NOT_YOURS = "No such quote of this customer's (another customer's or store's ids included), or quotes are off."
ANSWERED = "The quote has expired, or is already accepted or declined: `message` says which."


@router.get(
    "/api/quotes",
    summary="The customer's quotes and configurations, newest first",
    description="Each with its `status` at the time of the request: `expired` is an open quote past `valid_until`.",
    security=apidoc.SESSION,
    responses=apidoc.customer(
        {200: apidoc.json_body("QuoteList", "A page of quotes, and the cursor of the next page.")},
        {400: "A `limit` out of 1..50, or a cursor not from this list.", 401: None, 404: OFF},
    ),
    middlewares=[signed_in],
)
def list_quotes(
    limit: Annotated[int, Query(ge=1, le=logic.MAX_PAGE)] = 20,
    cursor: Annotated[str | None, Query(max_length=512)] = None,
) -> Response[JSON]:
    who = customer(router)
    return json_response(200, logic.list_for_customer(who.store, who.email, limit, cursor))


@router.get(
    "/api/quotes/<quote_id>",
    summary="One quote: its lines with their options, totals, validity and status",
    security=apidoc.SESSION,
    responses=apidoc.customer(
        {200: apidoc.json_body("QuoteView", "The quote.")}, {400: None, 401: None, 404: NOT_YOURS}
    ),
    middlewares=[signed_in],
)
def get_quote(quote_id: QuoteId) -> Response[JSON]:
    who = customer(router)
    return json_response(200, logic.one(who.store, who.email, quote_id))


@router.post(
    "/api/quotes/<quote_id>/accept",
    summary="Accept a quote: the store's cart link with its lines",
    description=(
        "Once: of racing accepts one wins. The store hears `QuoteAccepted` with the lines at the quoted prices,"
        " the currency and the totals, and honours them; `cart_url` is null where the store has no cart link."
        " No body needed."
    ),
    security=apidoc.SESSION,
    responses=apidoc.customer(
        {200: apidoc.json_body("QuoteCart", "Accepted: send the customer to `cart_url`.")},
        {400: None, 401: None, 404: NOT_YOURS, 409: ANSWERED},
    ),
    middlewares=[signed_in],
)
def accept_quote(quote_id: QuoteId) -> Response[JSON]:
    who = customer(router)
    return json_response(200, logic.accept(who.store, who.email, quote_id))


@router.post(
    "/api/quotes/<quote_id>/decline",
    summary="Decline a quote, optionally saying why",
    description="Once, as accepting. The store hears `QuoteDeclined` with the reason.",
    security=apidoc.SESSION,
    responses=apidoc.customer(
        {200: apidoc.json_body("QuoteView", "Declined: the quote as it now stands.")},
        {400: "A reason over 1,000 characters, or with control characters.", 401: None, 404: NOT_YOURS, 409: ANSWERED},
    ),
    middlewares=[signed_in],
)
def decline_quote(quote_id: QuoteId, body: DeclineIn | None = None) -> Response[JSON]:
    who = customer(router)
    reason = body.reason if body is not None else None
    return json_response(200, logic.decline(who.store, who.email, quote_id, reason))
