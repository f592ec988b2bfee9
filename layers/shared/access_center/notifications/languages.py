"""An email's language (API.md section 9), decided here for every email.

The customer's profile language (chosen with the picker), else the order's `language` (the checkout's,
order emails), else the language of the page that asked for it (code emails: recorded with the code
request, since the mailer runs later from a queue), else the store's default. Each candidate counts only
where the store offers it, matched as Accept-Language is (`de-AT` -> `de`): a store that stopped
offering a language never sends it. Emails to the store itself are in the store's default language.
"""

from __future__ import annotations

from collections.abc import Sequence

from access_center.account.storage import profile_for_email, profile_language
from access_center.core.email_address import normalise_email
from access_center.stores.logic import Store
from access_center.web.languages import best_match


def choose(offered: Sequence[str], *, profile: str | None, order: str | None, page: str | None) -> str:
    """The first of the candidates the store offers (`offered`, its default first), else its default."""
    for wanted in (profile, order, page):
        found = best_match(wanted, offered) if wanted else None
        if found is not None:
            return found
    return offered[0]


def email_language(
    store: Store, email: str | None, *, order_language: str | None = None, page_language: str | None = None
) -> str:
    """The language of an email to the customer `email` at `store` (see the module)."""
    return choose(
        store.settings.languages,
        profile=_profile(store.store_id, email),
        order=order_language,
        page=page_language,
    )


def _profile(store_id: str, email: str | None) -> str | None:
    try:
        return profile_language(store_id, normalise_email(email)) if email else None
    except ValueError:  # not an address a customer could sign in with: no profile either
        return None


def profile_name(store_id: str, email: str | None) -> str | None:
    """The name the customer set in their profile at this store, which wins over the order's and the
    first contact's in every email (API.md section 8); None where they set none. One more key read per
    email (the language's read above takes only the language)."""
    try:
        found = profile_for_email(store_id, normalise_email(email)) if email else None
    except ValueError:
        return None
    return found.name if found is not None and found.name else None
