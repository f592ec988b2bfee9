"""What a page form's route does around its model (web.forms): check the form's CSRF token, and, when
the model refused the form, the checks the route would have made (the session, the token) before its
page is shown again. Powertools validates a route's parameters before any middleware runs, so the
answer to a refusal cannot rely on the route's own middlewares (signed_in_page) having run.
"""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import BaseRouter
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError

from access_center.account.customer import remember, resolve_signed_in
from access_center.account.pages import login_path, safe_next
from access_center.core.errors import Unauthorized
from access_center.stores.requests import customer_store
from access_center.web import csrf
from access_center.web.forms import posted_values
from access_center.web.pages import CsrfRefused, LoginRequired
from access_center.web.requests import request_cookie, session_token


def check_token(router: BaseRouter, token: str | None) -> None:
    """The form's CSRF token matches the browser's seed cookie (or session); CsrfRefused otherwise."""
    if not csrf.csrf_ok(request_cookie(router, csrf.CSRF_COOKIE), token, session_token(router)):
        raise CsrfRefused()


def refused_post(router: BaseRouter, *, signed_in: bool) -> dict[str, str]:
    """Before a refused form's page is shown again: a page that needs a session goes to login without
    one (LoginRequired), a stale or forged token is refused (CsrfRefused), as for the route itself.
    Returns the form as posted."""
    if signed_in:
        try:
            remember(router, resolve_signed_in(router))
        except Unauthorized:
            store = customer_store(router)
            here = safe_next(store, router.current_event.path)
            raise LoginRequired(login_path(store, next_path=here)) from None
    values = posted_values(router)
    check_token(router, values.get("csrf"))
    return values


def refused_fields(error: RequestValidationError) -> list[tuple[str, ...]]:
    """Where the model refused the form: each error's place in the body (`("comment",)`,
    `("items", "0", "quantity")`), the first error first."""
    return [tuple(str(part) for part in tuple(e.get("loc", ()))[1:]) for e in error.errors()]
