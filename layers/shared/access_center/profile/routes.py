"""The customer's profile, JSON (CustomerAccountFunction): read it, change any of its fields. The
account page's form posts to the same logic (profile.pages)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Response, Router

from access_center.account.customer import customer, signed_in
from access_center.profile import logic
from access_center.profile.models import ProfileChanges
from access_center.web import apidoc
from access_center.web.requests import JSON, json_response

router = Router()


@router.get(
    "/api/profile",
    summary="The customer's profile at this store",
    security=apidoc.SESSION,
    responses=apidoc.customer({200: apidoc.json_body("Profile", "The profile.")}, {401: None}),
    middlewares=[signed_in],
)
def get_profile() -> Response[JSON]:
    who = customer(router)
    return json_response(200, logic.read(who.store, who.email))


@router.patch(
    "/api/profile",
    summary="Change the name, phone, language or newsletter consent",
    description=(
        "Only the fields sent change. The store hears `ProfileUpdated` (and `NewsletterConsentChanged` when "
        "the consent changes: the code login already proved the address, so no confirmation email is sent)."
    ),
    security=apidoc.SESSION,
    responses=apidoc.customer(
        {200: apidoc.json_body("Profile", "The profile as it now stands.")},
        {
            400: None,
            401: None,
            422: "A phone number that is not a valid number, or a language the store does not offer (`details`).",
        },
    ),
    middlewares=[signed_in],
)
def change_profile(body: ProfileChanges) -> Response[JSON]:
    who = customer(router)
    return json_response(200, logic.change(who.store, who.email, body))
