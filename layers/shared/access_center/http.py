"""HTTP edge shared by the API functions: resolver set-up, the contract's error shape, the customer's
store, session cookie and client address. Domain errors become HTTP here and nowhere else."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from http.cookies import CookieError, SimpleCookie
from typing import Annotated, Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.event_handler.openapi.params import Path
from aws_lambda_powertools.shared.cookies import Cookie, SameSite

from access_center.config import settings
from access_center.errors import DomainError, NotFound, PayloadTooLarge, RateLimited
from access_center.observability import logger
from access_center.schemas import ID_PATTERN
from access_center.sessions import COOKIE_NAME
from access_center.stores import ACCOUNT_PATH, Store, store_for_host

# API Gateway custom domains keep the mapping's base path (`{prefix}/store/account`) in `event.path`;
# the routes are written relative to it.
_ACCOUNT_BASE = re.compile(r"^(?P<prefix>(?:/[^/]+)*?)" + re.escape(ACCOUNT_PATH) + r"(?=/)")


def error_body(status: int, code: str, message: str, details: list[Any] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"error": code, "message": message}
    if details is not None:
        body["details"] = details
    return body


def error_response(
    status: int, code: str, message: str, details: list[Any] | None = None, headers: dict[str, str] | None = None
) -> Response[Any]:
    return Response(
        status_code=status,
        content_type="application/json",
        body=json.dumps(error_body(status, code, message, details)),
        headers={"Cache-Control": "no-store", **(headers or {})},
    )


def _domain_error(error: DomainError) -> Response[Any]:
    headers = {"Retry-After": str(error.retry_after)} if isinstance(error, RateLimited) else None
    return error_response(error.status, error.code, error.message, error.details, headers)


def _validation_error(error: RequestValidationError) -> Response[Any]:
    details = [
        {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
        for e in error.errors()
    ]
    return error_response(400, "bad_request", "The request is not valid.", details)


class Resolver(APIGatewayRestResolver):
    """Powertools' REST resolver that refuses oversize bodies before anything parses them."""

    def resolve(self, event: Mapping[str, Any], context: Any) -> dict[str, Any]:
        body = event.get("body") or ""
        size = len(body) * 3 // 4 if event.get("isBase64Encoded") else len(body.encode())
        if size > settings().max_body_bytes:
            error = PayloadTooLarge(f"The body is over {settings().max_body_bytes} bytes.")
            return {
                "statusCode": error.status,
                "headers": {"Content-Type": "application/json", "Cache-Control": "no-store"},
                "body": json.dumps(error_body(error.status, error.code, error.message)),
                "isBase64Encoded": False,
            }
        return super().resolve(event, context)


def create_resolver(*, customer_facing: bool) -> Resolver:
    app = Resolver(
        enable_validation=True,
        strip_prefixes=[_ACCOUNT_BASE] if customer_facing else None,
    )
    app.exception_handler(DomainError)(_domain_error)
    app.exception_handler(RequestValidationError)(_validation_error)

    @app.not_found
    def _not_found(_: Exception) -> Response[Any]:
        return error_response(404, "not_found", "No such route.")

    @app.exception_handler(Exception)
    def _unexpected(error: Exception) -> Response[Any]:
        logger.exception("unhandled error")
        request_id = app.current_event.request_context.request_id
        return error_response(500, "internal", f"Something went wrong on our side (request {request_id}).")

    return app


def customer_store(app: APIGatewayRestResolver) -> Store:
    """The store this request is for: its Host, and the public path it came in on."""
    host = app.current_event.headers.get("host") or ""
    store = store_for_host(host)
    match = _ACCOUNT_BASE.match(app.current_event.path)
    if match and match.group("prefix") != store.path_prefix:
        raise NotFound("There is no store at this address.")
    return store


def session_token(app: APIGatewayRestResolver) -> str | None:
    header = app.current_event.headers.get("cookie") or ""
    try:
        jar = SimpleCookie(header)
    except CookieError:
        return None
    return jar[COOKIE_NAME].value if COOKIE_NAME in jar else None


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


def client_ip(app: APIGatewayRestResolver) -> str:
    return str(app.current_event.request_context.identity.source_ip or "unknown")


JSON = dict[str, Any]


def json_response(status: int, body: JSON | None, cookies: list[Cookie] | None = None) -> Response[JSON]:
    """A JSON answer; personal data, so never cached."""
    return Response(
        status_code=status,
        content_type="application/json",
        body=body,
        headers={"Cache-Control": "no-store"},
        cookies=cookies,
    )


StoreId = Annotated[str, Path(pattern=ID_PATTERN, max_length=128)]
OrderId = Annotated[str, Path(pattern=ID_PATTERN, max_length=128)]
FulfilmentId = Annotated[str, Path(pattern=ID_PATTERN, max_length=128)]
