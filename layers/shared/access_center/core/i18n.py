"""The customer's language: which languages ship, the one catalog per language, and the current one.

Every text a customer can read is English in the source and goes through this module:
- `_("...")` / `ngettext(...)` / `pgettext(...)` translate now, into the current language;
- `N_("...")` only marks a text for extraction (a constant, an error's message): it is translated where
  it is shown (web.errors for JSON `message`s, the templates for labels); `NP_(context, "...")` the same
  with a context, for words other languages inflect by what they describe (status badges);
- placeholders are `%(name)s`, in Python and in templates alike (jinja2's newstyle gettext), so one
  rule checks that no translation drops or adds one (tests/contract/test_catalogs.py).

Catalogs: access_center/locale/<language>/LC_MESSAGES/messages.mo, compiled by `make messages` from
the .po files beside them (devtools/messages.py), read once per container and language. English is the
source: it has no catalog. PSEUDO is the pseudo-locale the browser suite runs in (every catalogued text
accented and 40 % longer, so a text outside the catalogs stays plain and a layout that clips a longer
language shows): a store offers it only where the deployment allows it (PSEUDO_LOCALE).

The current language lives in a ContextVar: a request or an email sets it (`speaking(language)`), and a
new thread starts in English.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

# The languages the product ships, each complete; the first is the fallback of everything.
LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "es", "nl")
DEFAULT_LANGUAGE = "en"
PSEUDO = "en-XA"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"

_current: ContextVar[str] = ContextVar("language", default=DEFAULT_LANGUAGE)


def N_(message: str) -> str:  # noqa: N802 - gettext's own name for "mark only"
    """Mark `message` for the catalogs without translating it here (it is translated where shown)."""
    return message


def NP_(context: str, message: str) -> tuple[str, str]:  # noqa: N802 - as N_, with pgettext's context
    """Mark `message` in `context` (a badge's word that other badges share in English, like "Shipped" for
    an order, a line or a parcel, which other languages inflect apart); translated where shown with
    `pgettext(*marked)`."""
    return (context, message)


def offered(language: object) -> bool:
    """Whether a store may offer `language`: a shipped one, or the pseudo-locale where it is allowed."""
    from access_center.core.config import settings

    return language in LANGUAGES or (language == PSEUDO and settings().pseudo_locale)


def current_language() -> str:
    return _current.get()


@contextmanager
def speaking(language: str) -> Iterator[str]:
    """Everything translated inside the block is in `language` (a shipped one, or PSEUDO)."""
    token = _current.set(language if language in LANGUAGES or language == PSEUDO else DEFAULT_LANGUAGE)
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def set_language(language: str) -> None:
    """For a whole request (the resolvers' middleware): a Lambda container serves one request at a time,
    and the local server gives each request its own thread, which starts in English."""
    _current.set(language if language in LANGUAGES or language == PSEUDO else DEFAULT_LANGUAGE)


@cache
def translations(language: str) -> _gettext.NullTranslations:
    """The catalog of `language`, read once per container: English (the source) has none."""
    if language == DEFAULT_LANGUAGE or (language not in LANGUAGES and language != PSEUDO):
        return _gettext.NullTranslations()
    with catalog_path(language, ".mo").open("rb") as handle:
        return _gettext.GNUTranslations(handle)


def catalog_path(language: str, suffix: str) -> Path:
    """locale/de/LC_MESSAGES/messages.po (or .mo); the pseudo-locale's directory is en_XA."""
    return LOCALE_DIR / language.replace("-", "_") / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def _(message: str) -> str:
    return translations(_current.get()).gettext(message)


gettext = _


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_current.get()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return translations(_current.get()).pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return translations(_current.get()).npgettext(context, singular, plural, n)


def translate(message: str, language: str, **params: object) -> str:
    """`message` (a marked source text) in `language`, its `%(name)s` placeholders filled from `params`."""
    text = translations(language).gettext(message)
    return text % params if params else text
