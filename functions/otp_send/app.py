"""POST /store/account/api/otp: email a one-time login code.

The answer is 202 whether or not the email has orders at this store (no enumeration); the code is
issued (and throttled) either way, and delivered only where the store knows the email.
"""

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from access_center.core.observability import logger, metrics
from access_center.login.delivery import send_code as deliver
from access_center.orders.models import CodeRequest
from access_center.web import apidoc
from access_center.web.resolver import JSON, client_ip, create_resolver, customer_store, json_response

app = create_resolver(customer_facing=True)


@app.post(
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
    deliver(customer_store(app), body.email, client_ip(app))
    return json_response(202, {"status": "sent"})


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@metrics.log_metrics
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)
