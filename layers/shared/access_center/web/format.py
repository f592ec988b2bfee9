"""The one way pages and emails write money, dates, addresses and links: in the customer's language
(core.i18n) as the store's region writes it (Babel, CLDR: for a de-DE store English is formatted en-DE,
German de-DE, web.locales.format_locale), and in the store's time zone (store settings `locale`,
default en-US, and `timezone`, default UTC).

Money is an integer of the currency's minor unit (ISO 4217: 2 digits for most, 0 for JPY, 3 for KWD),
never rounded for display. Babel is imported on first use, so importing this module (brand.css needs
only the colour rule) costs no Babel; the renderers pay for it on their first formatted value.

Templates get FILTERS and GLOBALS (registered in web.render), which read the store from the context;
Python callers (emails, subjects) use StoreFormat.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from jinja2 import pass_context
from jinja2.runtime import Context

from access_center.core import i18n
from access_center.core.i18n import NP_
from access_center.web.addresses import address_lines
from access_center.web.colours import text_colour_on
from access_center.web.locales import (
    DEFAULT_LOCALE,
    DEFAULT_ZONE,
    LocaleSettings,
    babel_locale,
    format_list,
    format_locale,
    store_zone,
    time_zone,
)

__all__ = [
    "FILTERS",
    "GLOBALS",
    "StoreFormat",
    "address_lines",
    "exponent",
    "format_date",
    "format_datetime",
    "format_list",
    "format_money",
    "plain_url",
    "text_colour_on",
    "web_link",
]

# ISO 4217 minor units where CLDR's display digits (Babel's get_currency_precision) differ: CLDR shows
# these without decimals, but an amount in minor units still counts hundredths (thousandths for IQD).
_ISO_EXPONENTS = {
    **dict.fromkeys(("AFN", "ALL", "IRR", "KPW", "LAK", "LBP", "MGA", "MMK", "RSD", "SLL", "SOS", "SYP", "YER"), 2),
    "IQD": 3,
}


def exponent(currency: str) -> int:
    """Digits after the decimal point in `currency`'s minor unit (ISO 4217)."""
    from babel.numbers import get_currency_precision

    code = currency.upper()
    return _ISO_EXPONENTS.get(code) or get_currency_precision(code)


def format_money(amount: int, currency: str, locale: str = DEFAULT_LOCALE) -> str:
    """`amount` minor units of `currency` as `locale` writes it: format_money(4422, "EUR") == "€44.22",
    format_money(4422, "EUR", "de-DE") == "44,22\u00a0€", format_money(-500, "JPY") == "-¥500"."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"money is an integer number of minor units, not {type(amount).__name__}")
    from babel.numbers import get_currency_symbol

    code, where = currency.upper(), babel_locale(locale)
    digits = exponent(code)
    pattern = copy.copy(where.currency_formats["standard"])
    pattern.frac_prec = (digits, digits)  # the minor unit's digits, always: never rounded away
    shown = pattern.apply(Decimal(amount).scaleb(-digits), where, currency=code, currency_digits=False)
    return _currency_spacing(shown, get_currency_symbol(code, where))


def _currency_spacing(shown: str, symbol: str) -> str:
    """CLDR's currencySpacing, which Babel leaves out: a letter symbol is kept apart from the digits
    by a no-break space ("CHF\u00a019.99", but "$19.99" and "CA$19.99")."""
    if symbol and unicodedata.category(symbol[-1])[0] not in "SZ":
        shown = re.sub(re.escape(symbol) + r"(?=\d)", symbol + "\u00a0", shown, count=1)
    if symbol and unicodedata.category(symbol[0])[0] not in "SZ":
        shown = re.sub(r"(?<=\d)" + re.escape(symbol), "\u00a0" + symbol, shown, count=1)
    return shown


def _moment(value: object, zone: str) -> datetime | date | None:
    """A stored timestamp in the store's zone (naive ones are UTC, as the contract stores them); a bare
    date stays that date; None when `value` is no ISO 8601 date at all."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    aware = parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    try:
        return aware.astimezone(time_zone(zone))
    except OverflowError:  # the calendar's ends (9999-12-31T23:59Z east of UTC): shown as given
        return aware


def format_date(value: str, locale: str = DEFAULT_LOCALE, zone: str = DEFAULT_ZONE) -> str:
    """The day of `value` in `zone`, as `locale` writes it in full: "November 20, 2026", "20. November 2026"."""
    from babel.dates import format_date as babel_date

    moment = _moment(value, zone)
    if moment is None:
        return " ".join(value.split()) if isinstance(value, str) else ""
    day = moment.date() if isinstance(moment, datetime) else moment
    return babel_date(day, "long", locale=babel_locale(locale))


def format_datetime(value: str, locale: str = DEFAULT_LOCALE, zone: str = DEFAULT_ZONE) -> str:
    """`value` in `zone` as `locale` writes a day and a time: "November 20, 2026, 2:00 AM"."""
    from babel.dates import format_date as babel_date
    from babel.dates import format_time as babel_time

    moment = _moment(value, zone)
    if not isinstance(moment, datetime):
        return format_date(value, locale, zone)
    where = babel_locale(locale)
    joined = str(where.datetime_formats["long"]).replace("'", "")
    return joined.replace("{0}", babel_time(moment, "short", locale=where)).replace(
        "{1}", babel_date(moment.date(), "long", locale=where)
    )


def web_link(url: object) -> str | None:
    """The one rule for which URLs become links (tracking links, logos): an absolute https URL with a
    host, and nothing in it that a browser would quietly drop (whitespace, control or invisible
    characters). Everything else, http and javascript:/data: included, is never a link."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if any(c.isspace() or unicodedata.category(c)[0] == "C" for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() == "https" and parts.hostname else None


def plain_url(url: object) -> str | None:
    """An http(s) URL that is not a link (web_link said no), to show as text the reader can copy;
    None for anything else (a javascript: or data: "URL" is no use to a customer)."""
    if web_link(url) or not isinstance(url, str):
        return None
    url = " ".join(url.split())
    return url if re.match(r"^https?://[^\s/?#]+", url, re.IGNORECASE) else None


@dataclass(frozen=True)
class StoreFormat:
    """One store's way of writing things, from its settings, in a language: for Python callers (the
    emails) and, through the filters, the pages. `locale` is that language as the store's region writes
    it (web.locales.format_locale: a de-DE store writes "7 December 2026", "12,50 €" in English and
    "7. Dezember 2026" in German; a US store "€12.50")."""

    locale: str = DEFAULT_LOCALE
    zone: str = DEFAULT_ZONE

    @classmethod
    def of(cls, settings: LocaleSettings, language: str | None = None) -> StoreFormat:
        """In `language`, else the current one (core.i18n); the pseudo-locale formats as English."""
        spoken = (language or i18n.current_language()).split("-")[0]
        return cls(format_locale(settings.locale, spoken), store_zone(settings))

    def money(self, amount: int, currency: str) -> str:
        return format_money(amount, currency, self.locale)

    def date(self, value: str) -> str:
        return format_date(value, self.locale, self.zone)

    def datetime(self, value: str) -> str:
        return format_datetime(value, self.locale, self.zone)

    def address(self, address: object) -> list[str]:
        return address_lines(address, self.locale)

    def listing(self, items: list[str]) -> str:
        return format_list(items, self.locale)


def _store_format(context: Context) -> StoreFormat:
    store = context.get("store")  # the store's settings (stores.settings.StoreSettings), where a store is
    language = context.get("lang")  # what web.render renders in
    if isinstance(store, LocaleSettings):
        return StoreFormat.of(store, language if isinstance(language, str) else None)
    return StoreFormat()


@pass_context
def _money(context: Context, amount: int | Decimal, currency: str) -> str:
    if isinstance(amount, Decimal):  # a number as DynamoDB returns it: whole, or refused
        if amount != amount.to_integral_value():
            raise TypeError("money is an integer number of minor units, not a fraction")
        amount = int(amount)
    return _store_format(context).money(amount, currency)


@pass_context
def _date(context: Context, value: str) -> str:
    return _store_format(context).date(value)


@pass_context
def _datetime(context: Context, value: str) -> str:
    return _store_format(context).datetime(value)


@pass_context
def _address(context: Context, address: object) -> list[str]:
    return _store_format(context).address(address)


@pass_context
def _list(context: Context, items: object) -> str:
    return _store_format(context).listing([str(item) for item in items] if isinstance(items, list | tuple) else [])


# The statuses this product knows (a fulfilment's, a parcel's, a return's, a cancellation's), as labels;
# a status a store made up is shown as it wrote it, capitalised.
# Translators: these are statuses shown as a badge or after "Shipment 1 ·" (adjectives, not actions).
# A status shown as a badge, in what it describes (a parcel's, a return's): other languages inflect the
# same English word apart ("Approved": a return in French is "Accepté", a cancellation "Acceptée").
_STATUS_LABELS = {
    "shipment": {
        "pending": NP_("shipment status", "Pending"),
        "shipped": NP_("shipment status", "Shipped"),
        "cancelled": NP_("shipment status", "Cancelled"),
        "delivered": NP_("shipment status", "Delivered"),
        "returned": NP_("shipment status", "Returned"),
        "info_received": NP_("shipment status", "Info received"),
        "in_transit": NP_("shipment status", "In transit"),
        "out_for_delivery": NP_("shipment status", "Out for delivery"),
        "available_for_pickup": NP_("shipment status", "Available for pickup"),
        "attempt_failed": NP_("shipment status", "Attempt failed"),
        "exception": NP_("shipment status", "Exception"),
    },
    "return": {
        "requested": NP_("return status", "Requested"),
        "approved": NP_("return status", "Approved"),
        "declined": NP_("return status", "Declined"),
        "received": NP_("return status", "Received"),
        "refunded": NP_("return status", "Refunded"),
    },
}


def _status_label(value: str, about: str = "shipment") -> str:
    """A known status of a shipment or a return (`about`) in the current language; another as the store
    wrote it: `awaiting_stock` -> "Awaiting stock"."""
    known = _STATUS_LABELS.get(about, {}).get(value.strip().lower())
    return i18n.pgettext(*known) if known is not None else value.replace("_", " ").capitalize()


FILTERS: dict[str, Any] = {
    "money": _money,
    "date": _date,
    "datetime": _datetime,
    "address_lines": _address,
    "listed": _list,  # not `list`: jinja2 has a filter of that name
    "status": _status_label,
    "web_link": web_link,
    "plain_url": plain_url,
}
# An order's status (and whether anything is still to ship) is orders.rules.customer_status, which the
# pages and emails pass to their templates: one rule, so a badge never contradicts the status.
GLOBALS: dict[str, Any] = {}
