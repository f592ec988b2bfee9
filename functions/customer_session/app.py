"""GET /store/account/api/me and POST /store/account/api/logout."""

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from access_center.core.observability import logger, metrics
from access_center.login import sessions
from access_center.orders.storage import get_contact
from access_center.web import apidoc
from access_center.web.resolver import (
    JSON,
    create_resolver,
    customer_store,
    json_response,
    session_cookie,
    session_token,
)

app = create_resolver(customer_facing=True)


@app.get(
    "/api/me",
    summary="The logged-in customer",
    security=apidoc.SESSION,
    responses=apidoc.customer({200: apidoc.json_body("Customer", "Who is logged in.")}, {401: None}),
)
def me() -> Response[JSON]:
    store = customer_store(app)
    email = sessions.customer_email(store.store_id, session_token(app))
    contact = get_contact(store.store_id, email)
    return json_response(200, {"email": email, "name": contact.name if contact else ""})


@app.post(
    "/api/logout",
    summary="End the session (revoked server-side)",
    responses=apidoc.customer(
        {204: apidoc.no_body("Logged out (also without a session); the cookie is cleared.", apidoc.SET_COOKIE)}
    ),
)
def logout() -> Response[None]:
    store = customer_store(app)
    sessions.end(session_token(app))
    # No body at all: a 204 with one (JSON `null`) breaks clients that keep the connection open.
    return Response(
        status_code=204, headers={"Cache-Control": "no-store"}, cookies=[session_cookie(store, "", max_age=0)]
    )


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@metrics.log_metrics
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)
