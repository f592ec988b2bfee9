"""What a customer-facing request says: its cookies (the session's among them); and the JSON answer every
API route gives. Path parameter types shared by the routes. The viewer's host and address are web.edge's;
the store a request is for is stores.requests.customer_store; its signed-in customer, account.customer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from aws_lambda_powertools.event_handler.api_gateway import BaseRouter, Response
from aws_lambda_powertools.event_handler.openapi.params import Path
from aws_lambda_powertools.shared.cookies import Cookie

from access_center.core.ids import ID_PATTERN

# The customer's session token (account.sessions); account.customer.session_cookie sets it.
SESSION_COOKIE = "cac_session"


def request_cookie(app: BaseRouter, name: str) -> str | None:
    # Powertools' parse of the Cookie header: a malformed cookie beside ours does not hide ours.
    return app.current_event.resolved_cookies_field.get(name)


def session_token(app: BaseRouter) -> str | None:
    return request_cookie(app, SESSION_COOKIE)


JSON = Mapping[str, Any]  # a JSON object: a dict, or a TypedDict of the stored shapes (orders.shapes)


def json_response(status: int, body: JSON | None, cookies: list[Cookie] | None = None) -> Response[JSON]:
    """A JSON answer; personal data, so never cached."""
    return Response(
        status_code=status,
        content_type="application/json",
        body=body,
        headers={"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"},
        cookies=cookies,
    )


def see_other(location: str) -> Response[None]:
    """303 to a short-lived link (a download): never cached, and the link is not passed on as a referrer."""
    return Response(
        status_code=303,
        content_type="application/json",
        body=None,
        headers={"Location": location, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer"},
    )


StoreId = Annotated[str, Path(pattern=ID_PATTERN, max_length=128)]
OrderId = Annotated[str, Path(pattern=ID_PATTERN, max_length=128)]
FulfilmentId = Annotated[str, Path(pattern=ID_PATTERN, max_length=128)]
AttachmentId = Annotated[str, Path(pattern=ID_PATTERN, max_length=128)]
InvoiceId = Annotated[str, Path(pattern=ID_PATTERN, max_length=128)]
CompanyId = Annotated[str, Path(pattern=ID_PATTERN, max_length=128)]
