"""The customer's privacy routes, JSON (CustomerPrivacyFunction): the export of everything held about
them at this store (privacy.export). The Account page links to it: the 303 leads to the file, so the
link works without JavaScript."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Response, Router

from access_center.account.customer import customer, signed_in
from access_center.privacy import export
from access_center.web import apidoc
from access_center.web.requests import see_other

router = Router()


@router.get(
    "/api/privacy/export",
    summary="Download everything held about the customer at this store (a redirect)",
    description=(
        "Writes one JSON file of what is stored for this email at this store (profile and consent, "
        "addresses, sessions' dates, login code dates, orders with their fulfilments, returns and "
        "cancellations, their messages, invoice headers) and redirects to a link to it valid 5 minutes. "
        "At most 5 a day per customer."
    ),
    security=apidoc.SESSION,
    responses=apidoc.customer(
        {303: apidoc.no_body("To the file.", apidoc.REDIRECT)},
        {401: None, 429: "More than 5 exports in the last day (`Retry-After`)."},
    ),
    middlewares=[signed_in],
)
def export_data() -> Response[None]:
    who = customer(router)
    return see_other(export.export(who.store.store_id, who.email))
