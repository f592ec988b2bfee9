"""The login pages (PagesFunction): the email form, the code form, checking the code, logging out.

Same rules as the JSON login routes; forms carry CSRF tokens bound to a pre-session cookie. The form
posts' own addresses opened in the address bar answer pages too: `GET /verify` (what the address bar
shows after a wrong code, reloaded) goes to the login page, `GET /logout` asks to confirm.
"""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query

from access_center.core.config import settings
from access_center.core.email_address import normalise_email
from access_center.core.errors import InvalidCode, RateLimited, Unauthorized
from access_center.core.observability import count
from access_center.login import codes, sessions
from access_center.login.delivery import send_code
from access_center.stores.logic import Store
from access_center.web import apidoc
from access_center.web.customer import remember, resolve_signed_in
from access_center.web.pages import Page, checked_form, login_path, page, redirect, safe_next
from access_center.web.requests import client_ip, customer_store, session_cookie, session_token

router = Router()
_CSRF_REFUSED: dict[int, str | None] = {403: "The form's CSRF token does not match its cookie."}


@router.get(
    "/login",
    summary="Page: the email form",
    responses=apidoc.page({200: apidoc.html_page("The email form.")}, {400: "A query parameter is too long."}),
)
def login_page(
    email: Annotated[str, Query(max_length=320)] = "", next: Annotated[str, Query(max_length=700)] = ""
) -> Page:
    store = customer_store(router)
    return page(router, store, "login", title="Log in", email=email, next=safe_next(store, next), error=None)


@router.post(
    "/login",
    summary="Page: send a code, show the code form",
    openapi_extensions=apidoc.form("email", "next", "csrf", "resend", required=("email", "csrf")),
    responses=apidoc.page(
        {200: apidoc.html_page("The code form.")},
        {
            400: "Not an email address (the email form again).",
            **_CSRF_REFUSED,
            429: "Codes for this email or from this address are throttled.",
        },
        form=True,
    ),
)
def request_code() -> Page:
    store, form, next_path = _posted()
    try:
        email = normalise_email(form.get("email", ""))
    except ValueError:
        error = "Enter the email address you used at checkout, like name@example.com."
        return page(
            router, store, "login", 400, title="Log in", email=form.get("email", ""), next=next_path, error=error
        )
    try:
        send_code(store, email, client_ip(router))
    except RateLimited as limited:
        return _throttled(store, email, next_path, limited)
    return _code_page(store, 200, email, next_path, notice="We sent a new code." if form.get("resend") else None)


@router.post(
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
            401: (
                "The code form again: the code is not valid. After 5 wrong tries, the lockout page instead: what "
                "happened, when a new code can be sent, the sign-in link, and how to reach the store."
            ),
            **_CSRF_REFUSED,
            429: "Too many attempts.",
        },
        form=True,
    ),
)
def verify_code() -> Page:
    store, form, next_path = _posted()
    try:
        email = normalise_email(form.get("email", ""))
    except ValueError:
        return redirect(login_path(store, next_path=next_path))
    try:
        codes.check_code(store, email, form.get("code", "")[:32], client_ip(router))
    except codes.CodeLocked as locked:
        count("CodesBurnt" if isinstance(locked, codes.CodeBurnt) else "LoginsLocked")
        return _locked_page(store, email, next_path, locked)
    except InvalidCode as invalid:
        count("LoginsFailed")
        return _code_page(store, 401, email, next_path, error=invalid.message)
    except RateLimited as limited:
        return _throttled(store, email, next_path, limited)
    token = sessions.start(store.store_id, email)
    count("Logins")
    return redirect(next_path, cookies=[session_cookie(store, token, settings().session_absolute_seconds)])


@router.get(
    "/verify",
    summary="Page: the code form's address opened again (a reload after a wrong code): to the login page",
    responses=apidoc.page({303: apidoc.no_body("To the login page.", apidoc.REDIRECT)}),
)
def verify_address() -> Page:
    return redirect(login_path(customer_store(router)))


@router.get(
    "/login/link",
    summary="Page: confirm logging in with the emailed link",
    description="A page with one button, so that mail scanners following links do not use up the link.",
    responses=apidoc.page({200: apidoc.html_page("The confirmation form.")}, {400: "A query parameter is too long."}),
)
def link_page(
    email: Annotated[str, Query(max_length=320)] = "", token: Annotated[str, Query(max_length=64)] = ""
) -> Page:
    store = customer_store(router)
    return _link_page(store, 200, email, token)


@router.post(
    "/login/link",
    summary="Page: log in with the emailed link, start the session",
    openapi_extensions=apidoc.form("email", "token", "csrf", required=("email", "token", "csrf")),
    responses=apidoc.page(
        {303: apidoc.no_body("Logged in (cookie set): to the orders page.", apidoc.REDIRECT)},
        {
            401: "The link is not the live one (used, expired or replaced by a newer email).",
            **_CSRF_REFUSED,
            429: "Too many attempts.",
        },
        form=True,
    ),
)
def use_link() -> Page:
    store = customer_store(router)
    form = checked_form(router)
    try:
        email = normalise_email(form.get("email", ""))
        codes.check_link(store, email, form.get("token", "")[:64], client_ip(router))
    except (ValueError, InvalidCode):
        count("LinkLoginsFailed")
        expired = (
            "That link no longer works: it was used, it expired, or a newer email replaced it. Ask for a new code."
        )
        return _link_page(store, 401, form.get("email", ""), "", error=expired)
    except RateLimited as limited:
        return _throttled(store, email, safe_next(store, None), limited)
    token = sessions.start(store.store_id, email)
    count("Logins")
    cookie = session_cookie(store, token, settings().session_absolute_seconds)
    return redirect(safe_next(store, None), cookies=[cookie])


def _link_page(store: Store, status: int, email: str, token: str, error: str | None = None) -> Page:
    title = "Log in"
    login_again = login_path(store, email=email or None)
    return page(
        router, store, "link", status, title=title, email=email, token=token, error=error, login_again=login_again
    )


@router.get(
    "/logout",
    summary="Page: the logout address opened as a link: a button to log out",
    security=apidoc.SESSION,
    responses=apidoc.page(
        {
            200: apidoc.html_page("Logged in: the page with the Log out button."),
            303: apidoc.no_body("Not logged in: to the login page.", apidoc.REDIRECT),
        }
    ),
)
def logout_page() -> Page:
    """A link cannot log out (a GET must not change anything, and another site could link here):
    it shows the button that posts the form."""
    store = customer_store(router)
    try:
        remember(router, resolve_signed_in(router))
    except Unauthorized:
        return redirect(login_path(store))
    return page(router, store, "logout", title="Log out")


@router.post(
    "/logout",
    summary="Page: log out",
    openapi_extensions=apidoc.form("csrf", required=("csrf",)),
    responses=apidoc.page(
        {303: apidoc.no_body("Logged out: to the login page.", apidoc.REDIRECT)},
        _CSRF_REFUSED,
        form=True,
    ),
)
def logout() -> Page:
    store = customer_store(router)
    checked_form(router)
    sessions.end(session_token(router))
    return redirect(login_path(store), cookies=[session_cookie(store, "", max_age=0)])


def _posted() -> tuple[Store, dict[str, str], str]:
    """A login form post: its store, its fields once the CSRF token checks out, and where to go next."""
    store = customer_store(router)
    form = checked_form(router)
    return store, form, safe_next(store, form.get("next"))


def _code_page(
    store: Store, status: int, email: str, next_path: str, *, error: str | None = None, notice: str | None = None
) -> Page:
    return page(
        router,
        store,
        "code",
        status,
        title="Enter your code",
        email=email,
        next=next_path,
        minutes=settings().code_ttl_seconds // 60,
        login_again=login_path(store, next_path=next_path),
        error=error,
        notice=notice,
    )


def _locked_page(store: Store, email: str, next_path: str, locked: codes.CodeLocked) -> Page:
    """What happened after too many wrong codes, when a new code can be sent, and how to reach the
    store, instead of the code box that can no longer work."""
    seconds = locked.new_code_in
    if seconds == 0:
        wait = None
    elif seconds < 90:
        wait = f"{seconds} seconds"
    else:
        minutes = (seconds + 59) // 60
        wait = f"{minutes} minute{'s' if minutes != 1 else ''}"
    return page(
        router,
        store,
        "locked",
        401,
        title="Too many wrong codes",
        email=email,
        next=next_path,
        tries=settings().code_max_failures,
        link_minutes=settings().link_ttl_seconds // 60,
        link_only=locked.link_only,
        wait=wait,
        login_again=login_path(store, next_path=next_path),
    )


def _throttled(store: Store, email: str, next_path: str, limited: RateLimited) -> Page:
    """The code form again, saying when to come back (also in `Retry-After`, like the JSON routes)."""
    seconds = limited.retry_after
    if seconds < 90:
        message = f"A code was sent moments ago. You can ask for a new one in {seconds} seconds."
    else:
        message = f"Too many codes or attempts for this email. Try again in {(seconds + 59) // 60} minutes."
    answer = _code_page(store, 429, email, next_path, error=message)
    answer.headers["Retry-After"] = str(seconds)
    return answer
