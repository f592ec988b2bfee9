"""The login JSON route that emails a one-time code (OtpSendFunction); trading it for a session is
login.verify_routes (OtpVerifyFunction), a function of its own."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Response, Router

from access_center.login import delivery
from access_center.login.models import CodeRequest
from access_center.stores.requests import customer_address, customer_store
from access_center.web import apidoc
from access_center.web.requests import JSON, json_response

router = Router()


@router.post(
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
    store = customer_store(router)
    delivery.send_code(store, body.email, customer_address(router, store))
    return json_response(202, {"status": "sent"})
