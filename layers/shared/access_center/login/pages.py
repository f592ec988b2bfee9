"""The login pages (PagesFunction): the email form, the code form, checking the code, logging out.

Same rules as the JSON login routes; forms carry CSRF tokens (web.csrf). The email form answers with a
303 to the code page (`GET /login/code`, which knows the email from the pending-login cookie,
login.pending), so Back and reload never ask to resubmit it; the code page says what is true of the
code now (login.screens). The form posts' own addresses opened in the address bar answer pages too:
`GET /verify` (what the address bar shows after a wrong code, reloaded) goes to the code page or the
login page, `GET /logout` asks to confirm.
"""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.shared.cookies import Cookie

from access_center.account import sessions
from access_center.account.customer import remember, resolve_signed_in, session_cookie
from access_center.account.form_pages import check_token
from access_center.account.pages import login_path, page, safe_next
from access_center.core import clock
from access_center.core.email_address import normalise_email
from access_center.core.errors import InvalidCode, RateLimited, Unauthorized
from access_center.core.i18n import N_
from access_center.login import codes, screens
from access_center.login.delivery import send_code
from access_center.login.forms import (
    CodeForm,
    EmailForm,
    LinkForm,
    LogoutForm,
    code_form_refused,
    email_form_refused,
    link_form_refused,
    token_form_refused,
)
from access_center.login.pending import PENDING_COOKIE, PendingLogin, cleared_cookie, pending_cookie, read_pending
from access_center.login.sign_in import EmailedLink, NewSession, TypedCode, sign_in
from access_center.stores.logic import Store
from access_center.stores.requests import customer_address, customer_store
from access_center.web import apidoc
from access_center.web.forms import posted, shown_again_by
from access_center.web.pages import PageResponse, redirect
from access_center.web.requests import request_cookie, session_token

router = Router()
_CSRF_REFUSED: dict[int, str | None] = {403: "The form's CSRF token does not match its cookie."}


@router.get(
    "/login",
    summary="Page: the email form",
    responses=apidoc.page({200: apidoc.html_page("The email form.")}, {400: "A query parameter is too long."}),
)
def login_page(
    email: Annotated[str, Query(max_length=320)] = "", next: Annotated[str, Query(max_length=700)] = ""
) -> PageResponse:
    store = customer_store(router)
    return page(router, store, "login", title=N_("Log in"), email=email, next=safe_next(store, next), error=None)


@router.post(
    "/login",
    summary="Page: send a code, then to the code page",
    description=(
        "Sends a code (same rules as the JSON route) and answers with a 303 to the code page, also when "
        "no code could be sent yet (the code page says why and when); the email travels in a short-lived "
        "signed cookie, never in the address."
    ),
    responses=apidoc.page(
        {303: apidoc.no_body("To the code page (`/login/code`), with the pending-login cookie.", apidoc.REDIRECT)},
        {400: "Not an email address: the email form again, the email as typed.", **_CSRF_REFUSED},
        form=True,
    ),
)
@shown_again_by(email_form_refused)
def request_code(form: Annotated[EmailForm, posted()]) -> PageResponse:
    store = customer_store(router)
    check_token(router, form.csrf)
    email, next_path, now = form.email, safe_next(store, form.next), clock.now()
    pending = PendingLogin(store.store_id, email, next_path, "resent" if form.resend else "sent", now)
    try:
        send_code(store, email, customer_address(router, store))
    except RateLimited as limited:
        pending = PendingLogin(store.store_id, email, next_path, "throttled", now, now + limited.retry_after)
    return redirect(f"{store.account_path}/login/code", cookies=[pending_cookie(store, pending)])


@router.get(
    "/login/code",
    summary="Page: the code form, for the email the email form was just posted with",
    description=(
        "What is true of the code now: the code box while the code is live (how long it still works), "
        "that it expired or no longer works (and a button for a new one), when a new code can be sent, "
        "or the lockout page. Without a pending login (none, or logged in since): to the login page."
    ),
    responses=apidoc.page(
        {
            200: apidoc.html_page("The code page."),
            303: apidoc.no_body("No pending login: to the login page.", apidoc.REDIRECT),
        }
    ),
)
def code_form() -> PageResponse:
    store = customer_store(router)
    pending = read_pending(store, request_cookie(router, PENDING_COOKIE))
    if pending is None:
        return redirect(login_path(store))
    retry_in = max(0, int(pending.retry_at - clock.now() + 0.999))
    return screens.code_page(
        router, store, 200, pending.email, pending.next, outcome=pending.outcome, retry_in=retry_in
    )


@router.post(
    "/verify",
    summary="Page: check the code, start the session",
    responses=apidoc.page(
        {
            303: apidoc.no_body(
                "Logged in (cookie set): to `next` or the orders page; or back to login.", apidoc.REDIRECT
            )
        },
        {
            401: (
                "The code page again, saying what is true now: the code is not valid (and how long the live one "
                "still works), or it expired or was used (and a button for a new one, with when it can be sent). "
                "After 5 wrong tries, the lockout page instead: what happened, when a new code can be sent, the "
                "sign-in link, and how to reach the store."
            ),
            400: "No code, or over 32 characters: the code page again. Not an email address: the email form "
            "again, the email as typed.",
            **_CSRF_REFUSED,
            429: "Too many attempts.",
        },
        form=True,
    ),
)
@shown_again_by(code_form_refused)
def verify_code(form: Annotated[CodeForm, posted()]) -> PageResponse:
    store = customer_store(router)
    check_token(router, form.csrf)
    email, next_path = form.email, safe_next(store, form.next)
    try:
        session = sign_in(store, email, TypedCode(form.code), customer_address(router, store))
    except codes.CodeLocked as locked:
        return screens.locked_page(router, store, email, next_path, locked)
    except InvalidCode as invalid:
        return screens.code_page(router, store, 401, email, next_path, wrong_code=invalid.text)
    except RateLimited as limited:
        raise _too_many_attempts(limited) from None
    return redirect(next_path, cookies=_signed_in_cookies(store, session))


@router.get(
    "/verify",
    summary="Page: the code form's address opened again (a reload after a wrong code): to the login page",
    responses=apidoc.page({303: apidoc.no_body("To the login page.", apidoc.REDIRECT)}),
)
def verify_address() -> PageResponse:
    return redirect(login_path(customer_store(router)))


@router.get(
    "/login/link",
    summary="Page: confirm logging in with the emailed link",
    description=(
        "A page with one button, so that mail scanners following links do not use up the link; the button "
        "only while the link still works."
    ),
    responses=apidoc.page(
        {200: apidoc.html_page("The confirmation form.")},
        {
            400: "A query parameter is too long.",
            401: "The link no longer works (used, expired or replaced by a newer email): what to do instead.",
        },
    ),
)
def link_page(
    email: Annotated[str, Query(max_length=320)] = "", token: Annotated[str, Query(max_length=64)] = ""
) -> PageResponse:
    store = customer_store(router)
    try:
        email = normalise_email(email) if email else ""
    except ValueError:
        return screens.link_page(router, store, email, token, refused=True)
    return screens.link_page(router, store, email, token)


@router.post(
    "/login/link",
    summary="Page: log in with the emailed link, start the session",
    responses=apidoc.page(
        {303: apidoc.no_body("Logged in (cookie set): to the orders page.", apidoc.REDIRECT)},
        {
            401: "The link is not the live one (used, expired or replaced by a newer email), or its email or "
            "token is none (the form changed).",
            **_CSRF_REFUSED,
            429: "Too many attempts.",
        },
        form=True,
    ),
)
@shown_again_by(link_form_refused)
def use_link(form: Annotated[LinkForm, posted()]) -> PageResponse:
    store = customer_store(router)
    check_token(router, form.csrf)
    try:
        session = sign_in(store, form.email, EmailedLink(form.token), customer_address(router, store))
    except InvalidCode:
        return screens.link_page(router, store, form.email, "", refused=True)
    except RateLimited as limited:
        raise _too_many_attempts(limited) from None
    return redirect(safe_next(store, None), cookies=_signed_in_cookies(store, session))


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
def logout_page() -> PageResponse:
    """A link cannot log out (a GET must not change anything, and another site could link here):
    it shows the button that posts the form."""
    store = customer_store(router)
    try:
        remember(router, resolve_signed_in(router))
    except Unauthorized:
        return redirect(login_path(store))
    return page(router, store, "logout", title=N_("Log out"))


@router.post(
    "/logout",
    summary="Page: log out",
    responses=apidoc.page(
        {303: apidoc.no_body("Logged out: to the login page.", apidoc.REDIRECT)},
        _CSRF_REFUSED,
        form=True,
    ),
)
@shown_again_by(token_form_refused)
def logout(form: Annotated[LogoutForm, posted()]) -> PageResponse:
    store = customer_store(router)
    check_token(router, form.csrf)
    sessions.end(session_token(router))
    return redirect(login_path(store), cookies=[session_cookie(store, "", max_age=0)])


def _signed_in_cookies(store: Store, session: NewSession) -> list[Cookie]:
    """The new session's cookie, and the pending login's cleared (it is done)."""
    return [session_cookie(store, session.token, session.max_age), cleared_cookie(store)]


def _too_many_attempts(limited: RateLimited) -> RateLimited:
    """The error page (429, `Retry-After`) for a client address over its hourly verifications."""
    wait = screens.wait_words(limited.retry_after)
    return RateLimited(
        limited.retry_after, N_("Too many login attempts from this network. Try again in %(wait)s."), wait=wait
    )
