"""Emails in the customer's language (API.md section 9): which language an email is in (the customer's
profile, else the order's `language` where the store offers it, else the page that asked for a code,
else the store's default), its `<html lang>`, its dates and money written for that language in the
store's region, and the store's own subject and intro per language (`email_texts`).

Until the German catalog is written the German texts are the English source: these tests assert the
language, the formats and the overrides, not German sentences.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from access_center.account.storage import keep_profile_language
from access_center.stores.logic import get_store
from access_center.stores.settings import StoreSettings
from access_center.web.format import StoreFormat
from devtools.emulator.outbox import sent_emails
from tests.harness.bodies import order_body, store_settings
from tests.harness.streams import drain_order_stream
from tests.harness.support import Client, Shop, deliver_queued

GERMAN = {"locale": "de-DE", "timezone": "Europe/Berlin", "languages": ["de", "en"]}
GERMAN_DATE = re.compile(
    r"\b\d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \d{4}\b"
)
OVERRIDE = {"subject": "Danke für Ihre Bestellung bei uns", "intro": "Hallo & willkommen!\nWir packen schon."}


@pytest.fixture
def german(admin: Client) -> Shop:
    """A German store offering German first, then English."""
    return Shop.create(admin, "de1", "laden.example", **GERMAN)


def _confirmation(shop: Shop, order_id: str = "o1", **order: Any) -> dict[str, Any]:
    assert shop.put_order(order_id, order_body(**order)).status == 201
    assert drain_order_stream() == []
    to = [order.get("email", "ann@example.com")]
    (email,) = [m for m in sent_emails() if m["to"] == to and shop.domain in m["html"] and f"/{order_id}" in m["html"]]
    return email


def _lang(html: str) -> str:
    found = re.search(r'<html lang="([^"]+)">', html)
    assert found, html[:200]
    return found.group(1)


def test_a_german_order_is_confirmed_in_german_with_german_dates_and_money(german: Shop) -> None:
    email = _confirmation(german, language="de")

    assert _lang(email["html"]) == "de"
    placed = order_body()["placed_at"]
    written = StoreFormat.of(StoreSettings(**{**GERMAN, "languages": ("de", "en")}), "de").date(placed)
    assert GERMAN_DATE.fullmatch(written), written  # e.g. "7. Dezember 2026"
    for part in (email["html"].replace("\xa0", " "), email["text"].replace("\xa0", " ")):  # Babel's no-break space
        assert written.replace("\xa0", " ") in part
        assert "12,50 €" in part  # Babel's German: the Mug's unit price
        assert "44,22 €" in part


def test_a_regional_order_language_counts_as_the_stores_language(german: Shop) -> None:
    assert _lang(_confirmation(german, language="de-AT")["html"]) == "de"


def test_the_customers_profile_language_wins_over_the_orders(german: Shop) -> None:
    keep_profile_language("de1", "ann@example.com", "en")

    email = _confirmation(german, language="de")

    assert _lang(email["html"]) == "en"
    assert "12,50\xa0€" in email["text"]  # English in a German store still writes money the region's way


def test_an_order_language_the_store_does_not_offer_falls_to_the_stores_default(german: Shop) -> None:
    assert _lang(_confirmation(german, language="fr")["html"]) == "de"


def test_an_order_without_a_language_is_in_the_stores_default(shop: Shop) -> None:
    email = _confirmation(shop)
    assert _lang(email["html"]) == "en"
    assert "€12.50" in email["text"]


def test_a_code_asked_for_from_a_german_page_is_emailed_in_german(admin: Client, gateway: Any) -> None:
    shop = Shop.create(admin, "de2", "laden2.example", locale="de-DE", languages=["en", "de"])  # English first
    shop.put_order("o1", order_body())
    drain_order_stream()

    reply = shop.send_code(Client(gateway, "laden2.example"), "ann@example.com", headers={"Accept-Language": "de"})
    assert reply.status == 202, reply.body
    deliver_queued(gateway)

    (email,) = [m for m in sent_emails() if "/login/link?" in m["text"]]
    assert _lang(email["html"]) == "de"


def test_a_code_asked_for_from_an_english_page_is_emailed_in_english(admin: Client, gateway: Any) -> None:
    shop = Shop.create(admin, "de3", "laden3.example", **GERMAN)
    shop.put_order("o1", order_body())
    drain_order_stream()

    reply = shop.send_code(Client(gateway, "laden3.example"), "ann@example.com", headers={"Accept-Language": "en"})
    assert reply.status == 202, reply.body
    deliver_queued(gateway)

    (email,) = [m for m in sent_emails() if "/login/link?" in m["text"]]
    assert _lang(email["html"]) == "en"


# ------------------------------------------------------------------------------ the store's own texts
def test_a_german_override_replaces_subject_and_intro_in_german_only(admin: Client) -> None:
    shop = Shop.create(admin, "de4", "laden4.example", **GERMAN, email_texts={"de": {"order_confirmation": OVERRIDE}})
    plain = Shop.create(admin, "de9", "laden9.example", **GERMAN)

    german = _confirmation(shop, email="ann@example.com", language="de")
    shipped = _confirmation(plain, email="ann@example.com", language="de")["text"].splitlines()
    english = _confirmation(shop, "o2", email="bob@example.com", language="en")

    assert german["subject"] == OVERRIDE["subject"]
    assert "Hallo &amp; willkommen!\nWir packen schon." in german["html"]  # escaped, its line break kept
    assert "Hallo & willkommen!\nWir packen schon." in german["text"]
    assert german["text"].splitlines()[0] == shipped[0]  # the title: the shipped German text
    assert shipped[2] not in german["text"]  # the first paragraph is the store's
    assert english["subject"] == "Shop One order #1001 confirmed"
    assert "Hallo" not in english["html"]
    assert "Hi Ann Example, we have received your order 1001" in english["text"].replace("#", "")


def test_an_override_of_one_email_leaves_the_others_shipped(admin: Client) -> None:
    texts = {"de": {"shipping_update": {"subject": "Unterwegs"}}}
    shop = Shop.create(admin, "de5", "laden5.example", **GERMAN, email_texts=texts)
    plain = Shop.create(admin, "de8", "laden8.example", **GERMAN)
    assert _confirmation(shop, language="de")["subject"] == _confirmation(plain, language="de")["subject"]


@pytest.mark.parametrize(
    "texts",
    [
        {"de": {"order_confirmation": {"subject": "Danke\r\nBcc: everyone@example.com"}}},
        {"de": {"order_confirmation": {"subject": "Danke\nfür alles"}}},
        {"de": {"order_confirmation": {"subject": "x" * 201}}},
        {"de": {"order_confirmation": {"intro": "x" * 2001}}},
        {"de": {"order_confirmation": {"intro": "Hallo\x07"}}},
        {"de": {"order_confirmation": {}}},
        {"de": {"order_confirmation": {"footer": "Tschüss"}}},
        {"de": {"birthday_greeting": {"subject": "Alles Gute"}}},
        {"xx": {"order_confirmation": {"subject": "Danke"}}},
        {"de": {"order_confirmation": {"subject": 5}}},
        {"de": "Danke"},
    ],
)
def test_a_bad_override_is_refused_and_nothing_is_stored(admin: Client, texts: dict[str, Any]) -> None:
    good = {"de": {"order_confirmation": {"subject": "Danke"}}}
    body = store_settings(domain="laden6.example", **GERMAN, email_texts=good)
    assert admin.put("/admin/stores/de6", body).status == 200

    reply = admin.put("/admin/stores/de6", {**body, "name": "Renamed", "email_texts": texts})

    assert reply.status == 400, reply.body
    assert reply.json()["error"] == "bad_request"
    kept = get_store("de6").settings
    assert kept.name == "Shop One"
    assert kept.email_texts == good


def test_the_overrides_are_answered_as_written(admin: Client) -> None:
    texts = {"de": {"login_code": {"subject": "Ihr Code"}}, "en": {"order_confirmation": {"intro": "Hello!\nThanks."}}}
    reply = admin.put("/admin/stores/de7", store_settings(domain="laden7.example", **GERMAN, email_texts=texts))
    assert reply.status == 200, reply.body
    assert reply.json()["email_texts"] == texts
    assert get_store("de7").settings.email_texts == texts
