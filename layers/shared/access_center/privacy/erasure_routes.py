"""The erasure's JSON route (CustomerPrivacyFunction): the signed-in customer asks; the emailed link's
page (privacy.pages) confirms."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Response, Router

from access_center.account.customer import customer, signed_in
from access_center.privacy import erasure
from access_center.web import apidoc
from access_center.web.requests import JSON, json_response

router = Router()


@router.post(
    "/api/privacy/erasure",
    summary="Ask to delete the customer's account here: a confirmation link is emailed",
    description=(
        "The link (single use, 24 hours) opens a page with one button that confirms; then the profile, "
        "consents, addresses and sessions are deleted and the store hears `CustomerErasureRequested`, "
        "which names what it keeps (orders, invoices, ...). A newer request's link replaces the older one."
    ),
    security=apidoc.SESSION,
    responses=apidoc.customer(
        {202: apidoc.json_body("ErasureRequested", "The confirmation link is on its way.")},
        {401: None},
    ),
    middlewares=[signed_in],
)
def request_erasure() -> Response[JSON]:
    who = customer(router)
    erasure.request(who.store, who.email)
    return json_response(202, {"status": "confirmation_sent", "expires_in": erasure.LINK_SECONDS})
