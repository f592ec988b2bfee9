"""What the login pages show: the code page, the lockout page and the sign-in link page, each saying
what is true of the code right now (login.codes.code_status), not what was true when it was sent.

The answers are the same for known and unknown emails: code state exists for every email a code was
asked for, and only its own wrong tries, sends and expiry change it.
"""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import BaseRouter

from access_center.account.languages import use_page_language
from access_center.account.pages import login_path, page
from access_center.core.config import settings
from access_center.core.i18n import N_, _, ngettext
from access_center.login import codes
from access_center.login.pending import Outcome
from access_center.stores.logic import Store
from access_center.web.pages import PageResponse


def _not_live(state: str) -> str:
    """Why a code the customer typed cannot work now, in the current language."""
    if state == "expired":
        minutes = _ttl_minutes()
        return ngettext(
            "That code expired: codes work for %(minutes)s minute. Ask for a new one.",
            "That code expired: codes work for %(minutes)s minutes. Ask for a new one.",
            minutes,
        ) % {"minutes": minutes}
    return _("That code no longer works. Ask for a new one.")  # used, or none was sent


def wait_words(seconds: int) -> str | None:
    """A wait as the page says it, in the current language: None for none, seconds under a minute and
    a half, else minutes, for sentences such as "You can ask for a new code in %(wait)s.".
    """
    if seconds <= 0:
        return None
    if seconds < 90:
        # Translators: a wait, as in "You can ask for a new code in 30 seconds."
        return ngettext("%(count)s second", "%(count)s seconds", seconds) % {"count": seconds}
    minutes = (seconds + 59) // 60
    # Translators: a wait, as in "You can ask for a new code in 5 minutes."
    return ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}


def _minutes(seconds: int) -> int:
    return (seconds + 59) // 60


def code_page(
    router: BaseRouter,
    store: Store,
    status: int,
    email: str,
    next_path: str,
    *,
    outcome: Outcome | None = None,
    retry_in: int = 0,
    wrong_code: str | None = None,
) -> PageResponse:
    """The code page as the code stands now. `outcome`: what the email form just did (a throttled
    request did not send a code; `retry_in` is the throttle's own wait, which may be the client
    address's rather than the email's). `wrong_code`: the message for a code that was just refused, a
    marked text (core.i18n.N_) translated here."""
    # A refused form's page comes before the middleware that sets the page's language: set it here.
    use_page_language(router, store)
    now = codes.code_status(store.store_id, email)
    if now.locked is not None:
        return locked_page(router, store, email, next_path, now.locked, status=status if wrong_code else 200)
    wait_seconds = max(now.new_code_in, retry_in if outcome == "throttled" else 0)
    wait = wait_words(wait_seconds)
    error = notice = None
    if wrong_code is not None:
        error = _(wrong_code) if now.state == "live" else _not_live(now.state)
    elif outcome == "throttled" and wait:
        if now.state == "live":  # the earlier code is unexpired, unused and not locked: it is the answer
            notice = _(
                "We did not send another code: the one sent earlier still works. You can ask for a new one in %(wait)s."
            ) % {"wait": wait}
        elif wait_seconds <= settings().code_resend_seconds:
            error = _("A code was sent to this email moments ago, so a new one can be sent in %(wait)s.") % {
                "wait": wait
            }
        else:
            error = _(
                "Too many codes were asked for this email or from this network. A new one can be sent in %(wait)s."
            ) % {"wait": wait}
    elif outcome == "resent" and now.state == "live":
        notice = _("We sent a new code.")
    answer = page(
        router,
        store,
        "code",
        status,
        title=N_("Enter your code") if now.state == "live" else N_("Ask for a new code"),
        email=email,
        next=next_path,
        state=now.state,
        minutes=_minutes(now.expires_in),
        code_minutes=_ttl_minutes(),
        link_minutes=_minutes(now.link_expires_in),
        wait=wait,
        login_again=login_path(store, next_path=next_path),
        error=error,
        notice=notice,
    )
    if outcome == "throttled" and wait_seconds:
        answer.headers["Retry-After"] = str(wait_seconds)  # like the JSON routes' 429
    return answer


def _ttl_minutes() -> int:
    return settings().code_ttl_seconds // 60


def locked_page(
    router: BaseRouter, store: Store, email: str, next_path: str, locked: codes.CodeLocked, *, status: int = 401
) -> PageResponse:
    """What happened after too many wrong codes, when a new code can be sent, and how to reach the
    store, instead of the code box that can no longer work."""
    use_page_language(router, store)  # the wait's words are in the page's language
    return page(
        router,
        store,
        "locked",
        status,
        title=N_("Too many wrong codes"),
        email=email,
        next=next_path,
        tries=settings().code_max_failures,
        link_minutes=settings().link_ttl_seconds // 60,
        link_only=locked.link_only,
        wait=wait_words(locked.new_code_in),
        login_again=login_path(store, next_path=next_path),
    )


def link_page(router: BaseRouter, store: Store, email: str, token: str, *, refused: bool = False) -> PageResponse:
    """The emailed link's page: its one button while the link still works; once it does not (used,
    expired, replaced by a newer email, or refused just now), what to do instead, and no button."""
    use_page_language(router, store)  # a refused form's page comes before the middleware that sets it
    live = not refused and bool(email) and bool(token) and codes.link_is_live(store.store_id, email, token)
    error = None
    if not live:
        error = _(
            "That link no longer works: it was used, it expired, or a newer email replaced it. Ask for a new code."
        )
    return page(
        router,
        store,
        "link",
        200 if live else 401,
        title=N_("Log in") if live else N_("This link no longer works"),
        email=email,
        token=token if live else "",
        live=live,
        error=error,
        login_again=login_path(store, email=email or None),
    )
