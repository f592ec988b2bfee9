"""The session JSON routes (CustomerSessionFunction): who is logged in, and logging out."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Response, Router

from access_center.account import sessions
from access_center.account.customer import customer, session_cookie, signed_in
from access_center.profile.logic import shown_name
from access_center.stores.requests import customer_store
from access_center.web import apidoc
from access_center.web.requests import JSON, json_response, session_token

router = Router()


@router.get(
    "/api/me",
    summary="The logged-in customer",
    security=apidoc.SESSION,
    responses=apidoc.customer({200: apidoc.json_body("Customer", "Who is logged in.")}, {401: None}),
    middlewares=[signed_in],
)
def me() -> Response[JSON]:
    who = customer(router)
    return json_response(200, {"email": who.email, "name": shown_name(who.store.store_id, who.email)})


@router.post(
    "/api/logout",
    summary="End the session (revoked server-side)",
    responses=apidoc.customer(
        {204: apidoc.no_body("Logged out (also without a session); the cookie is cleared.", apidoc.SET_COOKIE)}
    ),
)
def logout() -> Response[None]:
    store = customer_store(router)
    sessions.end(session_token(router))
    # No body at all: a 204 with one (JSON `null`) breaks clients that keep the connection open.
    return Response(
        status_code=204, headers={"Cache-Control": "no-store"}, cookies=[session_cookie(store, "", max_age=0)]
    )
