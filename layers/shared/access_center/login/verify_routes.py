"""The login JSON route that trades the emailed code for a session (OtpVerifyFunction)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Response, Router

from access_center.account.customer import session_cookie
from access_center.login.models import CodeCheck
from access_center.login.sign_in import TypedCode, sign_in
from access_center.profile.logic import shown_name
from access_center.stores.requests import customer_address, customer_store
from access_center.web import apidoc
from access_center.web.requests import JSON, json_response

router = Router()


@router.post(
    "/api/otp/verify",
    summary="Trade the emailed code for a session",
    responses=apidoc.customer(
        {200: apidoc.json_body("Verified", "Logged in: the session cookie is set.", apidoc.SET_COOKIE)},
        {
            400: None,
            401: "`invalid_code`: wrong, expired, used or no code, one answer for all (5 wrong tries burn it).",
            429: "Too many attempts from this address.",
        },
    ),
)
def verify_code(body: CodeCheck) -> Response[JSON]:
    store = customer_store(router)
    session = sign_in(store, body.email, TypedCode(body.code), customer_address(router, store))
    return json_response(
        200,
        {"customer": {"email": body.email, "name": shown_name(store.store_id, body.email)}},
        cookies=[session_cookie(store, session.token, session.max_age)],
    )
