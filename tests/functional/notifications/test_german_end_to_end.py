"""A German order's emails are German end to end (issue 30): the order confirmation, the shipping
update and the login code email of a German customer carry no sentence of the English source, in the
subject, the text part or the HTML part, and carry the German catalog's sentences instead.

Generic rather than sentence by sentence: every text of the German catalog is split at its placeholders
and markup into its literal parts; an English part of some length found in a German email is English
that leaked, and German parts must be found (so the check cannot pass on an email with no text)."""

from __future__ import annotations

import gettext
import html as html_text
import re
from typing import Any

import pytest

from access_center.core import i18n
from devtools.emulator.outbox import sent_emails
from tests.harness.bodies import order_body
from tests.harness.streams import drain_order_stream
from tests.harness.support import Client, Shop, deliver_queued

GERMAN = {"locale": "de-DE", "timezone": "Europe/Berlin", "languages": ["de", "en"]}
_SPLIT = re.compile(r"%\([a-z_][a-z0-9_]*\)[sdr]|<[^>]+>|%%")
SHORTEST = 16  # characters: shorter literal parts ("Total", "Qty") may be the same in both languages


def _german_catalog() -> dict[str, str]:
    with i18n.catalog_path("de", ".mo").open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    return {key if isinstance(key, str) else key[0]: text for key, text in catalog.items() if key}


def _parts(text: str) -> list[str]:
    return [" ".join(part.split()) for part in _SPLIT.split(text) if len(" ".join(part.split())) >= SHORTEST]


def _readable(email: dict[str, Any]) -> str:
    """Subject, text part and the HTML part's text, whitespace folded, entities read."""
    visible = html_text.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<style.*?</style>", " ", email["html"], flags=re.S)))
    return " ".join(f"{email['subject']}\n{email['text']}\n{visible}".replace("\xa0", " ").split())


def english_left_in(email: dict[str, Any]) -> list[str]:
    readable = _readable(email)
    return sorted(
        {part for source, german in _german_catalog().items() if source != german for part in _parts(source)
         if part in readable and part not in german}
    )  # fmt: skip


def german_found_in(email: dict[str, Any]) -> int:
    readable = _readable(email)
    return sum(1 for german in _german_catalog().values() for part in _parts(german) if part in readable)


@pytest.fixture
def german(admin: Client) -> Shop:
    return Shop.create(admin, "de1", "laden.example", **GERMAN)


def _only(predicate: Any) -> dict[str, Any]:
    (email,) = [m for m in sent_emails() if predicate(m)]
    return email


def test_a_german_orders_confirmation_and_shipping_update_are_german_end_to_end(german: Shop) -> None:
    assert german.put_order("o1", order_body(language="de")).status == 201
    assert drain_order_stream() == []
    confirmation = _only(lambda m: "/orders/o1" in m["html"])
    parcel = {"carrier": "DHL", "tracking_number": "00340434161234567890", "shipped_at": order_body()["placed_at"]}
    assert german.fulfil("o1", "f1", parcel).status == 200
    assert drain_order_stream() == []
    shipping = _only(lambda m: m is not confirmation and "00340434161234567890" in m["text"])

    for email in (confirmation, shipping):
        assert english_left_in(email) == []
        assert german_found_in(email) >= 3


def test_a_code_asked_for_from_a_german_page_is_german_end_to_end(german: Shop, gateway: Any) -> None:
    german.put_order("o1", order_body())
    drain_order_stream()
    reply = german.send_code(Client(gateway, "laden.example"), "ann@example.com", headers={"Accept-Language": "de"})
    assert reply.status == 202
    deliver_queued(gateway)
    code = _only(lambda m: "/login/link?" in m["text"])
    assert english_left_in(code) == []
    assert german_found_in(code) >= 2


def test_the_check_finds_english_in_an_email() -> None:
    english = {"subject": "Thank you for your order", "text": "We sent a new code.", "html": ""}
    leaked = english_left_in(english)
    assert leaked, "an English confirmation sentence is found"
    assert german_found_in(english) == 0
