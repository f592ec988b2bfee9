"""The one address rule for pages and emails: which lines, in which order.

Lines: name, company, line1, line2, the place (city, region, postal code), the country. The place is
written the way the destination country's post reads it: postal code first where that is the custom
(most of continental Europe: "10115 Berlin"), after the city elsewhere ("Springfield, OR 97403",
"London SW1A 1AA"). An address without a country is taken to be in the store's country (its locale's
territory). The country line is the address's own `country` text, else the name of `country_code` in
the store's language ("United States", "Vereinigte Staaten").
"""

from __future__ import annotations

from collections.abc import Mapping

from access_center.web.locales import DEFAULT_LOCALE, babel_locale

# Where the postal code comes before the city.
POSTAL_CODE_FIRST = frozenset((
    "AT", "BE", "BG", "CH", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "IS", "IT",
    "LI", "LT", "LU", "MC", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK", "SM", "VA",
))  # fmt: skip
_FIELDS = ("name", "company", "line1", "line2", "city", "region", "postal_code", "country", "country_code")


def _one_line(text: object) -> str:
    return " ".join(text.split()) if isinstance(text, str) else ""


def _fields(address: object) -> dict[str, str]:
    """The address's fields as one-line text, from a mapping (pages) or an object (emails' images)."""
    if isinstance(address, Mapping):
        return {key: _one_line(address.get(key)) for key in _FIELDS}
    return {key: _one_line(getattr(address, key, None)) for key in _FIELDS}


def _place(city: str, region: str, postal_code: str, country_code: str) -> str:
    if country_code in POSTAL_CODE_FIRST:
        place = " ".join(p for p in (postal_code, city) if p)
        return ", ".join(p for p in (place, region) if p)
    place = ", ".join(p for p in (city, region) if p)
    return " ".join(p for p in (place, postal_code) if p)


def address_lines(address: object, locale: str = DEFAULT_LOCALE) -> list[str]:
    """The lines to print for `address` (a mapping or an object with the address fields; None: none)."""
    if address is None:
        return []
    where = babel_locale(locale)
    a = _fields(address)
    code = a["country_code"].upper()
    place = _place(a["city"], a["region"], a["postal_code"], code or (where.territory or ""))
    country = a["country"] or (where.territories.get(code, code) if code else "")
    return [line for line in (a["name"], a["company"], a["line1"], a["line2"], place, country) if line]
