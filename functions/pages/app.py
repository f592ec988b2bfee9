"""The customer pages (server-rendered HTML, no JavaScript needed): login, code, orders, order detail.

Same store resolution, login rules and data as the JSON routes; forms carry CSRF tokens bound to a
pre-session cookie, and every page is sent with a strict Content-Security-Policy.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.shared.cookies import Cookie, SameSite
from aws_lambda_powertools.utilities.typing import LambdaContext

from access_center.core.config import settings
from access_center.core.email_address import normalise_email
from access_center.core.errors import DomainError, InvalidCode, NotFound, RateLimited, Unauthorized
from access_center.core.observability import count, logger, metrics
from access_center.login import codes as login
from access_center.login import sessions
from access_center.login.delivery import send_code
from access_center.orders import logic as orders
from access_center.stores.logic import Store
from access_center.web import apidoc, format
from access_center.web import pages as portal
from access_center.web.resolver import (
    OrderId,
    client_ip,
    create_resolver,
    customer_store,
    request_cookie,
    session_cookie,
)

app = create_resolver(customer_facing=True, refuse_cross_site=frozenset({"POST"}))
Page = Response[str | None]  # HTML, or an empty redirect

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' https: data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
_ASSETS = {"portal.css": "text/css; charset=utf-8", "portal.js": "text/javascript; charset=utf-8"}


def _csrf_seed() -> tuple[str, list[Cookie]]:
    """The pre-session CSRF seed: the browser's, or a new one (and the cookie that carries it)."""
    seed = request_cookie(app, portal.CSRF_COOKIE)
    if seed and len(seed) <= 64:
        return seed, []
    seed = portal.new_csrf_seed()
    store = customer_store(app)
    cookie = Cookie(
        name=portal.CSRF_COOKIE,
        value=seed,
        path=store.account_path,
        secure=True,
        http_only=True,
        same_site=SameSite.LAX_MODE,
    )
    return seed, [cookie]


def _page(store: Store, page: str, status: int = 200, cookies: list[Cookie] | None = None, **context: Any) -> Page:
    seed, seed_cookies = _csrf_seed()
    html = portal.render(page, store, csrf=portal.csrf_token(seed), **context)
    return Response(
        status_code=status,
        content_type="text/html; charset=utf-8",
        body=html,
        headers=SECURITY_HEADERS,
        cookies=[*seed_cookies, *(cookies or [])],
    )


def _redirect(location: str, cookies: list[Cookie] | None = None) -> Page:
    return Response(status_code=303, headers={**SECURITY_HEADERS, "Location": location}, cookies=cookies or [])


def _form() -> dict[str, str]:
    event = app.current_event
    body = event.body or ""
    if event.is_base64_encoded:
        body = base64.b64decode(body).decode("utf-8", "replace")
    return portal.parse_form(body)


def _check_csrf(form: dict[str, str]) -> None:
    if not portal.csrf_ok(request_cookie(app, portal.CSRF_COOKIE), form.get("csrf")):
        raise CsrfRefused()


class CsrfRefused(DomainError):
    status, code = 403, "forbidden"

    def __init__(self) -> None:
        super().__init__("This form has expired. Go back, reload the page and try again.")


def _customer(store: Store) -> str:
    """The logged-in email; a page without a session redirects to login and comes back here."""
    try:
        return sessions.customer_email(store.store_id, request_cookie(app, sessions.COOKIE_NAME))
    except Unauthorized:
        event = app.current_event
        query = "&".join(f"{k}={v}" for k, v in (event.query_string_parameters or {}).items())
        here = event.path + (f"?{query}" if query else "")
        raise LoginRequired(portal.login_path(store, next_path=portal.safe_next(store, here))) from None


class LoginRequired(Exception):
    def __init__(self, location: str) -> None:
        super().__init__(location)
        self.location = location


@app.exception_handler(LoginRequired)
def _to_login(error: LoginRequired) -> Page:
    return _redirect(error.location)


@app.exception_handler(DomainError)
def _error_page(error: DomainError) -> Page:
    titles = {403: "Please try again", 404: "Not found", 429: "Please wait a moment"}
    try:
        store = customer_store(app)
    except NotFound:
        return Response(
            status_code=404, content_type="text/plain; charset=utf-8", body="Not found", headers=SECURITY_HEADERS
        )
    headers = {"Retry-After": str(error.retry_after)} if isinstance(error, RateLimited) else {}
    response = _page(
        store, "error", error.status, title=titles.get(error.status, "Something is not right"), message=error.message
    )
    response.headers.update(headers)
    return response


@app.exception_handler(RequestValidationError)
def _invalid_page(_: RequestValidationError) -> Page:
    return _error_page(DomainError("That link is not valid."))


@app.get(
    "/login",
    summary="Page: the email form",
    responses=apidoc.page({200: apidoc.html_page("The email form.")}, {400: "A query parameter is too long."}),
)
def login_page(
    email: Annotated[str, Query(max_length=320)] = "", next: Annotated[str, Query(max_length=700)] = ""
) -> Page:
    store = customer_store(app)
    return _page(store, "login", title="Log in", email=email, next=portal.safe_next(store, next), error=None)


@app.post(
    "/login",
    summary="Page: send a code, show the code form",
    openapi_extensions=apidoc.form("email", "next", "csrf", "resend", required=("email", "csrf")),
    responses=apidoc.page(
        {200: apidoc.html_page("The code form.")},
        {
            400: "Not an email address (the email form again).",
            403: "The form's CSRF token does not match its cookie.",
            429: "Codes for this email or from this address are throttled.",
        },
        form=True,
    ),
)
def request_code() -> Page:
    store = customer_store(app)
    form = _form()
    _check_csrf(form)
    next_path = portal.safe_next(store, form.get("next"))
    try:
        email = normalise_email(form.get("email", ""))
    except ValueError:
        return _page(
            store,
            "login",
            400,
            title="Log in",
            email=form.get("email", ""),
            next=next_path,
            error="Enter the email address you used at checkout, like name@example.com.",
        )
    try:
        send_code(store, email, client_ip(app))
    except RateLimited as limited:
        return _throttled(_code_page(store, 429, email, next_path, error=_wait_message(limited.retry_after)), limited)
    return _code_page(store, 200, email, next_path, notice="We sent a new code." if form.get("resend") else None)


def _code_page(
    store: Store, status: int, email: str, next_path: str, *, error: str | None = None, notice: str | None = None
) -> Page:
    return _page(
        store,
        "code",
        status,
        title="Enter your code",
        email=email,
        next=next_path,
        minutes=settings().code_ttl_seconds // 60,
        login_again=portal.login_path(store, next_path=next_path),
        error=error,
        notice=notice,
    )


def _throttled(page: Page, limited: RateLimited) -> Page:
    """A 429 page says when to come back in `Retry-After` too, like the JSON routes."""
    page.headers["Retry-After"] = str(limited.retry_after)
    return page


def _wait_message(seconds: int) -> str:
    if seconds < 90:
        return f"A code was sent moments ago. You can ask for a new one in {seconds} seconds."
    return f"Too many codes or attempts for this email. Try again in {(seconds + 59) // 60} minutes."


@app.post(
    "/verify",
    summary="Page: check the code, start the session",
    openapi_extensions=apidoc.form("email", "code", "next", "csrf", required=("email", "code", "csrf")),
    responses=apidoc.page(
        {
            303: apidoc.no_body(
                "Logged in (cookie set): to `next` or the orders page; or back to login.", apidoc.REDIRECT
            )
        },
        {
            401: "The code form again: the code is not valid.",
            403: "The form's CSRF token does not match its cookie.",
            429: "Too many attempts.",
        },
        form=True,
    ),
)
def verify_code() -> Page:
    store = customer_store(app)
    form = _form()
    _check_csrf(form)
    next_path = portal.safe_next(store, form.get("next"))
    try:
        email = normalise_email(form.get("email", ""))
    except ValueError:
        return _redirect(portal.login_path(store, next_path=next_path))
    try:
        login.check_code(store, email, form.get("code", "")[:32], client_ip(app))
    except login.LockedOut:
        count("Lockouts")
        return _code_page(store, 401, email, next_path, error=InvalidCode().message)
    except InvalidCode as invalid:
        count("LoginsFailed")
        return _code_page(store, 401, email, next_path, error=invalid.message)
    except RateLimited as limited:
        return _throttled(_code_page(store, 429, email, next_path, error=_wait_message(limited.retry_after)), limited)
    token = sessions.start(store.store_id, email)
    count("Logins")
    return _redirect(next_path, cookies=[session_cookie(store, token, settings().session_absolute_seconds)])


@app.get(
    "/orders",
    summary="Page: the customer's orders, newest first",
    security=apidoc.SESSION,
    responses=apidoc.page(
        {
            200: apidoc.html_page("The orders page."),
            303: apidoc.no_body("No session: to the login page, with `next` coming back here.", apidoc.REDIRECT),
        },
        {400: "A cursor not from this customer's list."},
    ),
)
def orders_page(
    cursor: Annotated[str | None, Query(max_length=512)] = None,
    before: Annotated[str | None, Query(max_length=512)] = None,
) -> Page:
    store = customer_store(app)
    email = _customer(store)
    page = orders.page_for_customer(store.store_id, email, 20, after=cursor, before=before)
    return _page(
        store,
        "orders",
        title="Orders",
        nav="orders",
        logged_in=True,
        email=email,
        orders=page["orders"],
        older=page["next_cursor"],
        newer=page["prev_cursor"],
    )


@app.get(
    "/orders/<order_id>",
    summary="Page: one order, with fulfilments and tracking links",
    security=apidoc.SESSION,
    responses=apidoc.page(
        {
            200: apidoc.html_page("The order page."),
            303: apidoc.no_body("No session: to the login page, with `next` coming back here.", apidoc.REDIRECT),
        },
        {400: None, 404: "No such order for this customer."},
    ),
)
def order_page(order_id: OrderId) -> Page:
    store = customer_store(app)
    email = _customer(store)
    order = orders.get_for_customer(store.store_id, email, order_id)
    names = {item["line_id"]: item["name"] for item in order["items"]}
    return _page(
        store, "order", title=f"Order #{order['number']}", nav="orders", logged_in=True, order=order, names=names
    )


@app.post(
    "/logout",
    summary="Page: log out",
    openapi_extensions=apidoc.form("csrf", required=("csrf",)),
    responses=apidoc.page(
        {303: apidoc.no_body("Logged out: to the login page.", apidoc.REDIRECT)},
        {403: "The form's CSRF token does not match its cookie."},
        form=True,
    ),
)
def logout() -> Page:
    store = customer_store(app)
    _check_csrf(_form())
    sessions.end(request_cookie(app, sessions.COOKIE_NAME))
    return _redirect(portal.login_path(store), cookies=[session_cookie(store, "", max_age=0)])


@app.get(
    "/assets/brand.css",
    summary="Page asset: the store's brand colours",
    responses=apidoc.page({200: {"description": "CSS.", "content": {"text/css": {"schema": {"type": "string"}}}}}),
)
def brand_css() -> Page:
    store = customer_store(app)
    brand = store.settings.get("brand_color") or "#1f2937"
    css = f":root {{ --brand: {brand}; --on-brand: {format.text_colour_on(brand)}; }}\n"
    return Response(
        200, "text/css; charset=utf-8", css, headers={**SECURITY_HEADERS, "Cache-Control": "public, max-age=300"}
    )


@app.get(
    "/assets/<name>",
    summary="Page asset: the pages' stylesheet and script",
    responses=apidoc.page(
        {
            200: {
                "description": "portal.css or portal.js.",
                "content": {
                    "text/css": {"schema": {"type": "string"}},
                    "text/javascript": {"schema": {"type": "string"}},
                },
            }
        },
        {404: "No such file."},
    ),
)
def asset(name: str) -> Page:
    if name not in _ASSETS:
        raise NotFound("No such file.")
    body = (Path(settings().templates_dir) / "portal" / "assets" / name).read_text()
    return Response(200, _ASSETS[name], body, headers={**SECURITY_HEADERS, "Cache-Control": "public, max-age=3600"})


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@metrics.log_metrics
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)
