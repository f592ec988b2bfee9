"""The login JSON routes: email a one-time code (OtpSendFunction), trade it for a session (OtpVerifyFunction)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Response, Router

from access_center.login import delivery
from access_center.login.models import CodeCheck, CodeRequest
from access_center.login.sign_in import TypedCode, sign_in
from access_center.orders.storage import get_contact
from access_center.web import apidoc
from access_center.web.requests import JSON, client_ip, customer_store, json_response, session_cookie

send_router = Router()
verify_router = Router()


@send_router.post(
    "/api/otp",
    summary="Email a one-time login code",
    description="The answer is the same whether or not the store knows the email (no enumeration).",
    responses=apidoc.customer(
        {202: apidoc.json_body("CodeSent", "Accepted: a code is on its way where the store knows the email.")},
        {
            400: "Not an email address.",
            429: "Codes for this email (30 s apart, 5 an hour) or from this address, or the email is locked.",
        },
    ),
)
def send_code(body: CodeRequest) -> Response[JSON]:
    # The same answer, and the same work, whether or not the store knows the email (no enumeration).
    delivery.send_code(customer_store(send_router), body.email, client_ip(send_router))
    return json_response(202, {"status": "sent"})


@verify_router.post(
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
    store = customer_store(verify_router)
    session = sign_in(store, body.email, TypedCode(body.code), client_ip(verify_router))
    contact = get_contact(store.store_id, body.email)
    return json_response(
        200,
        {"customer": {"email": body.email, "name": contact.name if contact else ""}},
        cookies=[session_cookie(store, session.token, session.max_age)],
    )
