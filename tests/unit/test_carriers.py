"""Carriers from tracking numbers (orders.carriers), held to the data set's own valid and invalid
sample numbers (tests/harness/carrier_data.py reads them in place) and to the rules around them."""

from __future__ import annotations

import pytest

from access_center.orders import carriers
from tests.harness import carrier_data

needs_data = pytest.mark.skipif(
    not carrier_data.available(), reason=f"the carrier data set is not at {carrier_data.DATA} (TRACKING_NUMBER_DATA)"
)


@needs_data
def test_every_valid_sample_number_is_accepted_by_its_carrier() -> None:
    missed = [
        s
        for s in carrier_data.samples()
        if s.valid
        and s.courier != "s10"
        and s.courier not in {c.code for c in carriers.candidates(carriers.normalise(s.number))}
    ]
    assert missed == []


@needs_data
def test_no_invalid_sample_number_is_given_to_its_carrier() -> None:
    valid = {(s.courier, carriers.normalise(s.number)) for s in carrier_data.samples() if s.valid}
    accepted = [
        s
        for s in carrier_data.samples()
        if not s.valid
        and (s.courier, carriers.normalise(s.number)) not in valid  # valid in another of its formats
        and (answer := carriers.identify(s.number)) is not None
        and carrier_data.found(s.courier, answer.carrier.code)
    ]
    assert accepted == []


@needs_data
def test_no_sample_number_is_given_a_wrong_carrier_and_most_get_theirs() -> None:
    table = carrier_data.hit_rates()
    assert sum(row["wrong"] for row in table.values()) == 0
    assert len(table) == 18
    # Measured: 184 of 192; the rest are numbers two carriers' formats both accept, and S10 numbers of
    # posts without a tracking page here. Lower means a format broke.
    assert sum(row["identified"] for row in table.values()) >= 184


def test_the_ups_sample_number_gives_ups_and_its_link_whatever_the_spacing() -> None:
    for number in ("1Z999AA10123456784", "1z 999 aa1 01 2345 6784"):
        answer = carriers.identify(number)
        assert answer is not None
        assert answer.carrier.name == "UPS"
        assert answer.tracking_url == "https://wwwapps.ups.com/WebTracking/track?track=yes&trackNums=1Z999AA10123456784"


def test_a_wrong_check_digit_gives_no_carrier() -> None:
    assert carriers.identify("1Z999AA10123456785") is None


def test_a_number_two_carriers_accept_gives_none() -> None:
    # 12 digits that pass both FedEx Express's and Purolator's check digits.
    assert {c.code for c in carriers.candidates("320610804900")} == {"fedex", "purolator"}
    assert carriers.identify("320610804900") is None


def test_s10_numbers_name_the_post_of_their_country() -> None:
    answer = carriers.identify("RB123456785GB")
    assert answer is not None
    assert answer.carrier.name == "Royal Mail"
    assert carriers.identify("RB123456786GB") is None  # check digit
    assert carriers.identify("RB123456785XX") is None  # no such post here


def test_a_carrier_without_a_public_page_is_named_without_a_link() -> None:
    answer = carriers.identify("TBA000000000000")
    assert answer is not None
    assert answer.carrier.name == "Amazon Logistics"
    assert answer.tracking_url is None


@pytest.mark.parametrize("number", ["", " ", "1" * 65, "\u0661\u0662\u0663", "1Z999AA1012345678\x004", "<script>"])
def test_odd_input_gives_no_carrier_and_no_error(number: str) -> None:
    assert carriers.identify(number) is None


def test_a_link_puts_the_number_in_escaped() -> None:
    carrier = carriers.Carrier("x", "X", "https://track.example/?n={}")
    assert carrier.tracking_url("A&B C") == "https://track.example/?n=A%26B%20C"


def test_derivation_fills_carrier_and_link_only_without_a_link() -> None:
    derived = carriers.with_derived_carrier({"tracking_number": "1Z999AA10123456784"})
    assert derived["carrier"] == "UPS"
    assert derived["carrier_derived"] is True
    assert derived["tracking_url"].endswith("1Z999AA10123456784")
    given = {"tracking_number": "1Z999AA10123456784", "tracking_url": "https://carrier.example/t"}
    assert carriers.with_derived_carrier(given) is given


def test_derivation_keeps_the_stores_spelling_of_the_same_carrier() -> None:
    derived = carriers.with_derived_carrier({"carrier": "ups ground", "tracking_number": "1Z999AA10123456784"})
    assert derived["carrier"] == "ups ground"
    assert derived["carrier_derived"] is True
    assert "tracking_url" in derived


def test_derivation_never_overrides_a_carrier_the_store_named_otherwise() -> None:
    sent = {"carrier": "FedEx", "tracking_number": "1Z999AA10123456784"}
    assert carriers.with_derived_carrier(sent) is sent
