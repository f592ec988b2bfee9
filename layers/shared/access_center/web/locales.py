"""A store's locale and time zone as the formatting needs them, with sane fallbacks (never an error page
or a failed email because a setting is odd): an unknown locale falls back to its language, then en-US;
an unknown time zone to UTC. Babel and zoneinfo are imported on first use, not at import."""

from __future__ import annotations

import re
from datetime import UTC, tzinfo
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from babel.core import Locale

DEFAULT_LOCALE = "en-US"
DEFAULT_ZONE = "UTC"
_REGION = re.compile(r"[A-Za-z]{2}|[0-9]{3}")


@runtime_checkable
class LocaleSettings(Protocol):
    """What formatting reads of a store's settings (stores.settings.StoreSettings has them): its
    `locale` (`de-DE`) and `timezone` (an IANA zone)."""

    @property
    def locale(self) -> str: ...

    @property
    def timezone(self) -> str: ...


def store_zone(settings: LocaleSettings) -> str:
    """The store's `timezone` setting, in which its pages and emails show dates and its customers' days begin."""
    return settings.timezone


# The languages a store may write in (any of their regions: `de`, `de-AT`, `de-CH`): the EU's, the
# Nordics' and the largest other shopping languages. The shared layer ships CLDR data for these only
# (devtools/packaging/lambda_artifacts.py), and of that only BABEL_KEYS, the parts formatting reads; the
# shipped-tree test compares every format in every one of them with the full data.
SUPPORTED_LANGUAGES = frozenset((
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "is", "it", "ja",
    "ko", "lt", "lv", "mt", "nb", "nl", "pl", "pt", "ro", "sk", "sl", "sv", "tr", "zh",
))  # fmt: skip
BABEL_KEYS = frozenset((
    "currency_formats", "currency_names", "currency_names_plural", "currency_symbols", "date_formats",
    "datetime_formats", "day_period_rules", "day_periods", "days", "decimal_formats", "eras",
    "locale_id", "months", "number_symbols", "numbering_systems", "ordinal_form", "percent_formats",
    "plural_form", "quarters", "scientific_formats", "territories", "time_formats", "week_data",
    "zone_formats", "currency_unit_patterns", "measurement_systems", "datetime_skeletons", "list_patterns",
))  # fmt: skip


def is_supported(tag: str) -> bool:
    """Whether `tag` (`de-DE`) is in a language the shipped CLDR data covers."""
    return tag.replace("_", "-").split("-")[0] in SUPPORTED_LANGUAGES


@lru_cache(maxsize=64)
def format_locale(store_locale: str, language: str = "en") -> str:
    """The locale text in `language` is formatted with for a store whose `locale` setting is
    `store_locale` (API.md section 9): `<language>-<store region>` where CLDR has it, else `<language>`.
    format_locale("de-DE") == "en-DE" (7 December 2026, 12,50 €); format_locale("ja-JP") == "en"
    (CLDR has no en_JP); format_locale("de") == "en"."""
    from babel import localedata

    parts = store_locale.replace("_", "-").split("-")
    region = parts[-1].upper() if len(parts) > 1 and _REGION.fullmatch(parts[-1]) else None
    if region and localedata.exists(f"{language}_{region}"):
        return f"{language}-{region}"
    return language


@lru_cache(maxsize=64)
def babel_locale(tag: str) -> Locale:
    """`de-DE` as Babel's Locale; an unknown one falls back to its language, then to en-US (so does one
    outside SUPPORTED_LANGUAGES, here as where only their data ships)."""
    from babel.core import Locale, UnknownLocaleError

    language = tag.replace("_", "-").split("-")[0]
    candidates = (tag, language, DEFAULT_LOCALE) if is_supported(tag) else (DEFAULT_LOCALE,)
    for candidate in candidates:
        try:
            return Locale.parse(candidate.replace("-", "_"))
        except (UnknownLocaleError, ValueError, TypeError):
            continue
    raise AssertionError("unreachable: en-US is always known")  # pragma: no cover


def format_list(items: list[str], locale: str = DEFAULT_LOCALE) -> str:
    """`items` as `locale` lists them: "a, b and c", "a, b und c", "a et b" (CLDR's list patterns)."""
    from babel.lists import format_list as babel_list

    return babel_list(items, style="standard", locale=babel_locale(locale)) if items else ""


@lru_cache(maxsize=64)
def time_zone(name: str) -> tzinfo:
    """The IANA zone `name`; UTC when it is not one (a typo, or a value stored before validation)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # on the first date shown, not at import

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, OSError, ValueError, TypeError):  # OSError: a directory, like `Europe`
        return UTC
