"""A store's locale and time zone as the formatting needs them, with sane fallbacks (never an error page
or a failed email because a setting is odd): an unknown locale falls back to its language, then en-US;
an unknown time zone to UTC. Babel and zoneinfo are imported on first use, not at import."""

from __future__ import annotations

from datetime import UTC, tzinfo
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel.core import Locale

DEFAULT_LOCALE = "en-US"
DEFAULT_ZONE = "UTC"


@lru_cache(maxsize=64)
def babel_locale(tag: str) -> Locale:
    """`de-DE` as Babel's Locale; an unknown one falls back to its language, then to en-US."""
    from babel.core import Locale, UnknownLocaleError

    language = tag.replace("_", "-").split("-")[0]
    for candidate in (tag, language, DEFAULT_LOCALE):
        try:
            return Locale.parse(candidate.replace("-", "_"))
        except (UnknownLocaleError, ValueError, TypeError):
            continue
    raise AssertionError("unreachable: en-US is always known")  # pragma: no cover


@lru_cache(maxsize=64)
def time_zone(name: str) -> tzinfo:
    """The IANA zone `name`; UTC when it is not one (a typo, or a value stored before validation)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # on the first date shown, not at import

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, OSError, ValueError, TypeError):  # OSError: a directory, like `Europe`
        return UTC
