"""What every HTML answer shares, whatever the store: the security headers, redirects, and the
exceptions a page route raises (a refused token, a login needed, no such page). Posted forms are read
by their models (web.forms). The store's page frame (rendering, the page resolver and its error pages,
the signed-in middleware of pages) is account.pages.
"""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Response
from aws_lambda_powertools.shared.cookies import Cookie

from access_center.aws import files
from access_center.core.errors import DomainError, NotFound
from access_center.core.i18n import N_

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


class CsrfRefused(DomainError):
    status, code = 403, "forbidden"

    def __init__(self) -> None:
        super().__init__(N_("This form has expired. Go back, reload the page and try again."))


class LoginRequired(Exception):
    """A page that needs a session, asked for without one: to the login page, coming back here after."""

    def __init__(self, location: str) -> None:
        super().__init__(location)
        self.location = location


def redirect(location: str, cookies: list[Cookie] | None = None) -> PageResponse:
    return Response(status_code=303, headers={**SECURITY_HEADERS, "Location": location}, cookies=cookies or [])


class PageNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__(N_("There is no page at this address. Check the link, or start from your orders."))
