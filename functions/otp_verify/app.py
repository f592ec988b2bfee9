"""POST /store/account/api/otp/verify: trade a valid code for a session cookie."""

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from access_center.core.config import settings
from access_center.core.observability import count, logger, metrics
from access_center.login import codes as login
from access_center.login import sessions
from access_center.orders.models import CodeCheck
from access_center.orders.storage import get_contact
from access_center.web import apidoc
from access_center.web.resolver import JSON, client_ip, create_resolver, customer_store, json_response, session_cookie

app = create_resolver(customer_facing=True)


@app.post(
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
    store = customer_store(app)
    try:
        login.check_code(store, body.email, body.code, client_ip(app))
    except login.LockedOut:
        count("Lockouts")
        raise
    except login.InvalidCode:
        count("LoginsFailed")
        raise
    token = sessions.start(store.store_id, body.email)
    contact = get_contact(store.store_id, body.email)
    count("Logins")
    return json_response(
        200,
        {"customer": {"email": body.email, "name": contact.name if contact else ""}},
        cookies=[session_cookie(store, token, settings().session_absolute_seconds)],
    )


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@metrics.log_metrics
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)
