"""HTTP edge shared by the API functions: resolver set-up, the contract's error shape, the customer's
store, session cookie and client address. Domain errors become HTTP here and nowhere else."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Mapping
from http.cookies import CookieError, SimpleCookie
from typing import Annotated, Any
from urllib.parse import urlsplit

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response
from aws_lambda_powertools.event_handler.middlewares import NextMiddleware
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.event_handler.openapi.params import Path
from aws_lambda_powertools.shared.cookies import Cookie, SameSite
from botocore.exceptions import BotoCoreError, ClientError
from pynamodb.exceptions import PynamoDBException

from access_center.aws.transient import is_transient
from access_center.core.config import settings
from access_center.core.errors import BadRequest, DomainError, Forbidden, NotFound, PayloadTooLarge, Unavailable
from access_center.core.ids import ID_PATTERN
from access_center.core.observability import logger
from access_center.login.sessions import COOKIE_NAME
from access_center.stores.logic import ACCOUNT_PATH, Store, store_for_host

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
    retry_after = getattr(error, "retry_after", None)
    headers = {"Retry-After": str(retry_after)} if retry_after else None
    return error_response(error.status, error.code, error.message, error.details, headers)


def _validation_error(error: RequestValidationError) -> Response[Any]:
    details = [
        {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
        for e in error.errors()
    ]
    return error_response(400, "bad_request", "The request is not valid.", details)


def _readable_body_type(headers: Mapping[str, str] | None) -> bool:
    """JSON (or no Content-Type), or the pages' HTML forms. Anything else (text/plain, multipart) would
    reach Powertools' body parsing, which fails on it with a 500."""
    content_type = next((v for k, v in (headers or {}).items() if k.lower() == "content-type"), "")
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type in ("", "application/json", "application/x-www-form-urlencoded")


def _is_utf8(base64_body: str) -> bool:
    """A binary body (base64 in the event) that Powertools would fail to decode with a 500."""
    try:
        base64.b64decode(base64_body, validate=True).decode("utf-8")
    except ValueError:
        return False
    return True


def is_cross_site(headers: Mapping[str, str] | None) -> bool:
    """What the browser says about where a request comes from. `Sec-Fetch-Site` decides where sent
    (our pages use `Referrer-Policy: no-referrer`, so their own form posts carry `Origin: null`);
    otherwise an `Origin` naming another host. Clients that send neither (store scripts, curl) pass."""
    lowered = {k.lower(): v for k, v in (headers or {}).items()}
    fetch_site = lowered.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site.lower() == "cross-site"
    origin = lowered.get("origin")
    if origin is None:
        return False
    return origin == "null" or urlsplit(origin).netloc.lower() != lowered.get("host", "").lower()


def _early_error(error: DomainError) -> dict[str, Any]:
    return {
        "statusCode": error.status,
        "headers": {"Content-Type": "application/json", "Cache-Control": "no-store"},
        "body": json.dumps(error_body(error.status, error.code, error.message)),
        "isBase64Encoded": False,
    }


class Resolver(APIGatewayRestResolver):
    """Powertools' REST resolver with the checks that must come before anything parses the body:
    the size limit, and (where asked) refusing browsers acting for another site."""

    def __init__(self, *, refuse_cross_site: frozenset[str] = frozenset(), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.refuse_cross_site = refuse_cross_site

    def resolve(self, event: Mapping[str, Any], context: Any) -> dict[str, Any]:
        body = event.get("body") or ""
        size = len(body) * 3 // 4 if event.get("isBase64Encoded") else len(body.encode())
        if size > settings().max_body_bytes:
            return _early_error(PayloadTooLarge(f"The body is over {settings().max_body_bytes} bytes."))
        if event.get("httpMethod") in self.refuse_cross_site and is_cross_site(event.get("headers")):
            return _early_error(Forbidden("Cross-site requests are refused."))
        if body and not _readable_body_type(event.get("headers")):
            return _early_error(BadRequest("Send the body as JSON (Content-Type: application/json)."))
        if body and event.get("isBase64Encoded") and not _is_utf8(body):
            return _early_error(BadRequest("The body is not UTF-8 text."))
        return super().resolve(event, context)


ALL_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


# A store system calling with a role (or user) named `access-center-store-{store_id}` may only touch
# that store: API Gateway's IAM authorization proves who signed, this checks what they may address
# (the role's own policy should also limit execute-api:Invoke to .../admin/stores/{store_id}*).
STORE_ROLE_PREFIX = "access-center-store-"
_SCOPED_CALLER = re.compile(
    r"^arn:aws[a-z-]*:(?:sts::\d+:assumed-role|iam::\d+:(?:role|user))/(?:[^/]+/)*"
    + re.escape(STORE_ROLE_PREFIX)
    + r"([A-Za-z0-9._:-]+?)(?:/[^/]*)?$"
)


def caller_store_scope(user_arn: str | None) -> str | None:
    """The one store a store-system caller is limited to, or None for callers not scoped to a store."""
    match = _SCOPED_CALLER.match(user_arn or "")
    return match.group(1) if match else None


def _only_own_store(app: APIGatewayRestResolver, next_middleware: NextMiddleware) -> Response[Any]:
    scope = caller_store_scope(app.current_event.request_context.identity.user_arn)
    store_id = (app.current_event.path_parameters or {}).get("store_id")
    if scope is not None and store_id != scope:
        raise Forbidden("This caller may only change its own store.")
    return next_middleware(app)


def create_resolver(*, customer_facing: bool, refuse_cross_site: frozenset[str] | None = None) -> Resolver:
    """The resolver every API function uses. Customer-facing JSON routes refuse cross-site browser
    requests on every method; pages pass `refuse_cross_site={"POST"}` so links from emails still work."""
    if refuse_cross_site is None:
        refuse_cross_site = ALL_METHODS if customer_facing else frozenset()
    app = Resolver(
        enable_validation=True,
        strip_prefixes=[_ACCOUNT_BASE] if customer_facing else None,
        refuse_cross_site=refuse_cross_site,
    )
    if not customer_facing:
        app.use(middlewares=[_only_own_store])
    app.exception_handler(DomainError)(_domain_error)
    app.exception_handler(RequestValidationError)(_validation_error)

    @app.not_found
    def _not_found(_: Exception) -> Response[Any]:
        return error_response(404, "not_found", "No such route.")

    def unexpected(error: Exception) -> Response[Any]:
        logger.exception("unhandled error")
        request_id = app.current_event.request_context.request_id
        return error_response(500, "internal", f"Something went wrong on our side (request {request_id}).")

    @app.exception_handler(PynamoDBException)
    @app.exception_handler(BotoCoreError)
    @app.exception_handler(ClientError)
    def _dependency(error: Exception) -> Response[Any]:
        if not is_transient(error):
            return unexpected(error)
        logger.warning("a dependency is throttling or unavailable", extra={"error": type(error).__name__})
        return _domain_error(Unavailable("The service is busy. Retry in a moment.", retry_after=1))

    app.exception_handler(Exception)(unexpected)
    return app


def customer_store(app: APIGatewayRestResolver) -> Store:
    """The store this request is for: its Host, and the public path it came in on."""
    host = app.current_event.headers.get("host") or ""
    store = store_for_host(host)
    match = _ACCOUNT_BASE.match(app.current_event.path)
    if match and match.group("prefix") != store.path_prefix:
        raise NotFound("There is no store at this address.")
    return store


def request_cookie(app: APIGatewayRestResolver, name: str) -> str | None:
    header = app.current_event.headers.get("cookie") or ""
    try:
        jar = SimpleCookie(header)
    except CookieError:
        return None
    return jar[name].value if name in jar else None


def session_token(app: APIGatewayRestResolver) -> str | None:
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
