"""Phone numbers (profiles and addresses, API.md section 8): a phone number read as the customer means it and kept in E.164, and the store's
country (the region of its `locale` setting), in which a number without a country code is read.

phonenumberslite is libphonenumber's metadata without the geocoding data (1 MB, not 22): it is imported
on first use, so a function that never reads a phone number never loads it.
"""

from __future__ import annotations

import re

from access_center.core.i18n import N_

NOT_A_NUMBER = N_("Enter a phone number, with its country code if it is not in the store's country.")
_REGION = re.compile(r"^[A-Z]{2}$")


def store_country(locale: str) -> str | None:
    """The region of a store's locale (`en-US` -> `US`, `de_AT` -> `AT`); None for a bare language."""
    for part in re.split(r"[-_]", locale)[1:]:
        if _REGION.match(part.upper()) and part.isalpha():
            return part.upper()
    return None


def e164(phone: str, region: str | None) -> str | None:
    """`phone` in E.164 (`+14155550123`), read in `region` when it has no country code; None when it is
    not a valid number there (too short, an unassigned range, letters)."""
    import phonenumbers

    try:
        parsed = phonenumbers.parse(phone, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))


def shown(phone: str, region: str | None) -> str:
    """How a page writes a stored E.164 number: nationally where it is in the store's country
    (`(415) 555-0123`), internationally elsewhere (`+49 30 123456`)."""
    import phonenumbers

    try:
        parsed = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException:
        return phone
    same_country = region is not None and phonenumbers.region_code_for_number(parsed) == region
    style = phonenumbers.PhoneNumberFormat.NATIONAL if same_country else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return str(phonenumbers.format_number(parsed, style))
