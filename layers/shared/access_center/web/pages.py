"""What every HTML answer shares, whatever the store: the security headers, redirects, a posted form and
its CSRF check, and the exceptions a page route raises (a refused token, a login needed, no such page).
The store's page frame (rendering, the page resolver and its error pages, the signed-in middleware of
pages) is account.pages.
"""

from __future__ import annotations

import base64
from urllib.parse import parse_qs

from aws_lambda_powertools.event_handler.api_gateway import BaseRouter, Response
from aws_lambda_powertools.shared.cookies import Cookie

from access_center.aws import files
from access_center.core.errors import BadRequest, DomainError, NotFound
from access_center.web import csrf
from access_center.web.requests import request_cookie, session_token

PageResponse = Response[str | None]  # HTML, or an empty redirect

SECURITY_HEADERS = {
    # connect-src: the order page's script uploads message files straight to the files bucket.
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' https: data:; "
        f"connect-src 'self' {files.browser_origin()}; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
    # Pages are only ever served over https in AWS (browsers ignore this on the local server's http).
    "Strict-Transport-Security": "max-age=31536000",
}

MAX_FORM_FIELDS = 10


def parse_form(body: str | None, max_fields: int = MAX_FORM_FIELDS) -> dict[str, str]:
    """application/x-www-form-urlencoded -> first value per field (a handful of fields at most, unless
    the form says how many it has: the return form has two per order line)."""
    try:
        fields = parse_qs(body or "", keep_blank_values=True, max_num_fields=max_fields)
    except ValueError:  # more fields than any of our forms has
        raise BadRequest("The form has too many fields.") from None
    return {key: values[0] for key, values in fields.items()}


class CsrfRefused(DomainError):
    status, code = 403, "forbidden"

    def __init__(self) -> None:
        super().__init__("This form has expired. Go back, reload the page and try again.")


class LoginRequired(Exception):
    """A page that needs a session, asked for without one: to the login page, coming back here after."""

    def __init__(self, location: str) -> None:
        super().__init__(location)
        self.location = location


def redirect(location: str, cookies: list[Cookie] | None = None) -> PageResponse:
    return Response(status_code=303, headers={**SECURITY_HEADERS, "Location": location}, cookies=cookies or [])


def checked_form(router: BaseRouter, max_fields: int = MAX_FORM_FIELDS) -> dict[str, str]:
    """The posted form, once its CSRF token matches the browser's seed cookie (CsrfRefused otherwise)."""
    event = router.current_event
    body = event.body or ""
    if event.is_base64_encoded:
        body = base64.b64decode(body).decode("utf-8", "replace")
    form = parse_form(body, max_fields)
    if not csrf.csrf_ok(request_cookie(router, csrf.CSRF_COOKIE), form.get("csrf"), session_token(router)):
        raise CsrfRefused()
    return form


class PageNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("There is no page at this address. Check the link, or start from your orders.")
