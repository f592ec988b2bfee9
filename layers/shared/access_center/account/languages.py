"""A page's language (API.md section 9): the signed-in customer's profile, else the picker's cookie
(account.language_routes), else the best match of Accept-Language among the store's languages, else the
store's default."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import BaseRouter
from aws_lambda_powertools.shared.cookies import Cookie

from access_center.account import storage
from access_center.account.customer import account_cookie, signed_in_or_none
from access_center.core import i18n
from access_center.stores.logic import Store
from access_center.web.languages import LANGUAGE_COOKIE, best_match, cookie_language
from access_center.web.requests import request_cookie

_CONTEXT_KEY = "page_language"
COOKIE_DAYS = 365

# Each language named in itself, as a picker lists them (never translated).
AUTONYMS = {
    "en": "English",
    "de": "Deutsch",
    "fr": "Français",
    "es": "Español",
    "nl": "Nederlands",
    i18n.PSEUDO: "Ƥšéûđö",
}


def page_language(router: BaseRouter, store: Store) -> str:
    """The language this request's page is in (worked out once per request)."""
    chosen = router.context.get(_CONTEXT_KEY)
    if isinstance(chosen, str):
        return chosen
    offered = store.settings.languages
    who = signed_in_or_none(router)
    profile = storage.profile_language(store.store_id, who.email) if who is not None else None
    picked = cookie_language(request_cookie(router, LANGUAGE_COOKIE), offered)
    if who is not None and profile is None and picked is not None:
        # Chosen before logging in: from now on the profile keeps it (the first signed-in page writes it).
        storage.keep_profile_language(store.store_id, who.email, picked)
        profile = picked
    header = router.current_event.headers.get("accept-language")
    chosen = (
        (profile if profile in offered else None)
        or picked
        or best_match(header, offered)
        or store.settings.default_language
    )
    router.context[_CONTEXT_KEY] = chosen
    return chosen


def use_page_language(router: BaseRouter, store: Store, *, signed_in_now: bool = False) -> str:
    """Set this request's language to its page's (before the route runs, so that whatever the route
    writes is in it); `signed_in_now`: a customer was just resolved, whose profile may choose."""
    if signed_in_now:
        router.context.pop(_CONTEXT_KEY, None)
    language = page_language(router, store)
    i18n.set_language(language)
    return language


def language_cookie(store: Store, language: str) -> Cookie:
    return account_cookie(store, LANGUAGE_COOKIE, language, COOKIE_DAYS * 86400)
