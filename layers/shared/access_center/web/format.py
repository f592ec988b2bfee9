"""Money for people: integer minor units plus an ISO 4217 code -> "€44.22", "$44.22", "¥1,500".

The contract stores money as integers in the currency's minor unit, so formatting needs the unit's
exponent (2 for most currencies, 0 for JPY/KRW/..., 3 for KWD/BHD/...). Output follows English
(en-US) conventions: a symbol where one is unambiguous for English readers, otherwise the ISO code.
This is deliberately small (no Babel/CLDR dependency in the layer); per-store locales can replace it
when localisation lands.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context

# ISO 4217 currencies whose minor unit is not cents. Everything else has two decimals.
_EXPONENTS: dict[str, int] = {
    **dict.fromkeys(
        (
            "BIF",
            "CLP",
            "DJF",
            "GNF",
            "ISK",
            "JPY",
            "KMF",
            "KRW",
            "PYG",
            "RWF",
            "UGX",
            "UYI",
            "VND",
            "VUV",
            "XAF",
            "XOF",
        ),
        0,
    ),
    "XPF": 0,
    **dict.fromkeys(("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"), 3),
    **dict.fromkeys(("CLF", "UYW"), 4),
}

# Symbols as English (en-US) readers know them; a currency not listed is shown with its code.
_SYMBOLS: dict[str, str] = {
    "USD": "$",
    "EUR": "€",
    "GBP": "£",
    "JPY": "¥",
    "CNY": "CN¥",
    "INR": "₹",
    "KRW": "₩",
    "CAD": "CA$",
    "AUD": "A$",
    "NZD": "NZ$",
    "MXN": "MX$",
    "BRL": "R$",
    "HKD": "HK$",
    "TWD": "NT$",
    "ILS": "₪",
    "VND": "₫",
    "PHP": "₱",
}


def exponent(currency: str) -> int:
    """Digits after the decimal point in `currency`'s minor unit."""
    return _EXPONENTS.get(currency.upper(), 2)


# Number conventions per language (group separator, decimal separator, symbol after the number).
# English is the default; these cover the store locales the first stores asked for. A locale not
# listed falls back to its language, then to English.
_CONVENTIONS: dict[str, tuple[str, str, bool]] = {
    "en": (",", ".", False),
    "de": (".", ",", True),
    "fr": ("\u202f", ",", True),
    "es": (".", ",", True),
    "it": (".", ",", True),
    "pt": (".", ",", True),
    "nl": (".", ",", False),
    "sv": ("\u00a0", ",", True),
    "da": (".", ",", True),
    "nb": ("\u00a0", ",", True),
    "fi": ("\u00a0", ",", True),
    "pl": ("\u00a0", ",", True),
    "ja": (",", ".", False),
    "de-CH": ("\u2019", ".", False),
}


def _conventions(locale: str) -> tuple[str, str, bool]:
    return _CONVENTIONS.get(locale) or _CONVENTIONS.get(locale.split("-")[0]) or _CONVENTIONS["en"]


def format_money(amount: int, currency: str, locale: str = "en-US") -> str:
    """`amount` minor units of `currency` as `locale` writes it: format_money(4422, "EUR") == "€44.22",
    format_money(4422, "EUR", "de-DE") == "44,22\u00a0€"."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"money is an integer number of minor units, not {type(amount).__name__}")
    code = currency.upper()
    digits = exponent(code)
    group, decimal, symbol_after = _conventions(locale)
    whole, fraction = divmod(abs(amount), 10**digits)
    number = f"{whole:,}".replace(",", group) + (f"{decimal}{fraction:0{digits}d}" if digits else "")
    symbol = _SYMBOLS.get(code)
    if symbol_after:
        shown = f"{number}\u00a0{symbol or code}"
    elif symbol:
        shown = f"{symbol}\u00a0{number}" if locale.startswith("nl") else f"{symbol}{number}"
    else:
        shown = f"{code}\u00a0{number}"
    return f"-{shown}" if amount < 0 else shown


def text_colour_on(background: str) -> str:
    """Black or white, whichever reads better on the brand colour (WCAG relative luminance)."""

    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(background[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) else "#ffffff"


@pass_context
def _money(context: Context, amount: int, currency: str) -> str:
    """Money in the order's currency, written the store's way (its locale)."""
    return format_money(int(amount), currency, str(context.get("store", {}).get("locale") or "en-US"))


def _date(value: str) -> str:
    try:
        return datetime.fromisoformat(value).strftime("%-d %b %Y")
    except ValueError:
        return value


def _status_label(value: str) -> str:
    return value.replace("_", " ").capitalize()


def _web_link(url: str | None) -> str | None:
    """Only https links become links; anything else is shown as text."""
    return url if url and url.lower().startswith("https://") else None


_BADGES = {
    "unfulfilled": "Not shipped yet",
    "partially_fulfilled": "Partly shipped",
    "fulfilled": "Shipped",
}

FILTERS: dict[str, Any] = {"money": _money, "date": _date, "status": _status_label, "web_link": _web_link}
# A cancelled or refunded order will not ship: a "Not shipped yet" badge would mislead.
GLOBALS: dict[str, Any] = {"badges": _BADGES, "closed_statuses": ("cancelled", "refunded")}
