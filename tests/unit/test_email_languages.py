"""An email's language (notifications.languages.choose) and the store's email texts as read from a stored
item (stores.email_texts): the rules alone, without AWS."""

from __future__ import annotations

from typing import Any

import pytest

from access_center.notifications.languages import choose
from access_center.stores import email_texts
from access_center.stores.settings import StoreSettings

GERMAN_STORE = ("de", "en")


@pytest.mark.parametrize(
    ("profile", "order", "page", "expected"),
    [
        ("en", "de", "de", "en"),  # the profile first
        (None, "de", "en", "de"),  # then the order's language
        (None, "de-AT", None, "de"),  # matched as Accept-Language is
        (None, "DE-at", None, "de"),
        (None, "fr", "en", "en"),  # an order language the store does not offer: the page's
        (None, "fr", None, "de"),  # ... else the store's default
        (None, None, "en", "en"),  # a code asked for from an English page
        (None, None, "en-XA", "en"),  # the pseudo-locale, where the store does not offer it, as English
        ("nl", None, None, "de"),  # a profile language the store no longer offers
        (None, None, None, "de"),
    ],
)
def test_the_first_candidate_the_store_offers_wins(
    profile: str | None, order: str | None, page: str | None, expected: str
) -> None:
    assert choose(GERMAN_STORE, profile=profile, order=order, page=page) == expected


def test_a_store_that_offers_only_english_writes_english() -> None:
    assert choose(("en",), profile="de", order="de", page="de") == "en"


# ------------------------------------------------------------------------------ email_texts as read
def test_what_the_rules_allow_is_read_frozen() -> None:
    stored = {"de": {"login_code": {"subject": "Ihr Code", "intro": "Hallo\nWelt"}}}
    read = StoreSettings.from_stored({"email_texts": stored}).email_texts
    assert read == stored
    with pytest.raises(TypeError):
        read["de"]["login_code"]["subject"] = "changed"  # type: ignore[index]


@pytest.mark.parametrize(
    "stored",
    [
        "Ihr Code",
        ["de"],
        {"xx": {"login_code": {"subject": "Code"}}},  # not a shipped language
        {"de": {"birthday": {"subject": "Alles Gute"}}},  # not an email we send
        {"de": {"login_code": {"subject": "Ihr\r\nCode"}}},  # a header split
        {"de": {"login_code": {"subject": "x" * 201}}},
        {"de": {"login_code": {"intro": "Hallo\x00"}}},
        {"de": {"login_code": {"intro": "x" * 2001}}},
        {"de": {"login_code": {"subject": 5}}},
        {"de": {"login_code": {"subject": "   "}}},
        {"de": {"login_code": {"footer": "Tschüss"}}},
        {"de": {"login_code": "Ihr Code"}},
    ],
)
def test_an_odd_stored_value_is_ignored(stored: Any) -> None:
    read = StoreSettings.from_stored({"email_texts": stored}).email_texts
    assert email_texts.override(read, "de", "login_code", "subject") is None
    assert email_texts.override(read, "de", "login_code", "intro") is None


def test_the_usable_part_of_an_odd_value_is_kept() -> None:
    stored = {"de": {"login_code": {"subject": "Ihr\nCode", "intro": "Hallo"}, "nope": {}}, "xx": {}}
    read = StoreSettings.from_stored({"email_texts": stored}).email_texts
    assert read == {"de": {"login_code": {"intro": "Hallo"}}}


def test_an_override_is_for_its_language_only() -> None:
    read = email_texts.read({"de": {"order_confirmation": {"subject": "Danke"}}})
    assert email_texts.override(read, "de", "order_confirmation", "subject") == "Danke"
    assert email_texts.override(read, "en", "order_confirmation", "subject") is None
    assert email_texts.override(read, "de", "shipping_update", "subject") is None


def test_every_kind_the_contract_names_is_accepted() -> None:
    contract = {
        "login_code", "order_confirmation", "shipping_update", "tracking_update", "cancellation_decided",
        "return_updated", "message_to_customer", "invoice_issued", "passkey_added", "passkey_removed",
        "erasure_confirmation", "withdrawal_received",
    }  # fmt: skip
    assert contract <= set(email_texts.KINDS)
