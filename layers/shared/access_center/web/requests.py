"""What a customer-facing request says: its store (Host and path prefix), cookies, client address;
and the JSON answer every API route gives. Path parameter types shared by the routes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Any, cast

from aws_lambda_powertools.event_handler.api_gateway import BaseRouter, Response
from aws_lambda_powertools.event_handler.openapi.params import Path
from aws_lambda_powertools.shared.cookies import Cookie, SameSite
from aws_lambda_powertools.utilities.data_classes import APIGatewayProxyEvent

from access_center.core.errors import NotFound
from access_center.core.ids import ID_PATTERN
from access_center.login.sessions import COOKIE_NAME
from access_center.stores.logic import ACCOUNT_PATH, Store, store_for_host

# API Gateway custom domains keep the mapping's base path (`{prefix}/store/account`) in `event.path`;
# the routes are written relative to it (the base path alone is the API's root, `/`).
ACCOUNT_BASE = re.compile(r"^(?P<prefix>(?:/[^/]+)*?)" + re.escape(ACCOUNT_PATH) + r"(?=/|$)")


def customer_store(app: BaseRouter) -> Store:
    """The store this request is for: its Host, and the public path it came in on."""
    host = app.current_event.headers.get("host") or ""
    store = store_for_host(host)
    match = ACCOUNT_BASE.match(app.current_event.path)
    if match and match.group("prefix") != store.path_prefix:
        raise NotFound("There is no store at this address.")
    return store


def request_cookie(app: BaseRouter, name: str) -> str | None:
    # Powertools' parse of the Cookie header: a malformed cookie beside ours does not hide ours.
    return app.current_event.resolved_cookies_field.get(name)


def session_token(app: BaseRouter) -> str | None:
    return request_cookie(app, COOKIE_NAME)


def session_cookie(store: Store, token: str, max_age: int) -> Cookie:
    """HttpOnly, Secure, SameSite=Lax, and only sent to this store's access center."""
    return Cookie(
        name=COOKIE_NAME,
        value=token,
        path=store.account_path,
        secure=True,
        http_only=True,
        same_site=SameSite.LAX_MODE,
        max_age=max_age,
    )


def client_ip(app: BaseRouter) -> str:
    event = cast(APIGatewayProxyEvent, app.current_event)
    return str(event.request_context.identity.source_ip or "unknown")


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
