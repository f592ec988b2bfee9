"""The customer's profile: GET and PATCH /store/account/api/profile (API.md section 8)."""

from __future__ import annotations

from typing import Any

import pytest

from access_center.core.clock import iso
from access_center.profile.models import Profile
from tests.harness.backends import data_items
from tests.harness.bodies import store_settings
from tests.harness.catalog import published
from tests.harness.clock import Clock
from tests.harness.models import answer
from tests.harness.support import Client, Shop

ANN = "ann@example.com"
PATH = "/store/account/api/profile"


@pytest.fixture
def ann(shop: Shop, customer: Client) -> Client:
    """Ann, logged in, whose first order (her contact) names her "Ann Example"."""
    assert shop.put_order("o1", email=ANN, customer_name="Ann Example").status == 201
    shop.login(customer, ANN)
    return customer


def _patch(client: Client, body: Any) -> Any:
    return client.request("PATCH", PATH, body)


def _profile(client: Client) -> dict[str, Any]:
    reply = client.get(PATH)
    assert reply.status == 200, reply.body
    return answer(Profile, reply)  # type: ignore[no-any-return]


def test_a_new_customers_profile_has_the_contacts_name_and_no_consent(ann: Client) -> None:
    assert _profile(ann) == {
        "email": ANN,
        "name": "Ann Example",
        "phone": None,
        "language": "en",
        "newsletter": {"subscribed": False, "changed_at": None},
    }


def test_the_profiles_name_wins_over_the_contacts_and_empty_gives_it_back(ann: Client) -> None:
    assert _patch(ann, {"name": "Ann B. Example"}).json()["name"] == "Ann B. Example"
    assert _profile(ann)["name"] == "Ann B. Example"
    assert ann.get("/store/account/api/me").json()["name"] == "Ann B. Example"
    assert _patch(ann, {"name": ""}).json()["name"] == "Ann Example"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("(415) 555-0123", "+14155550123"), ("+49 30 1234567", "+49301234567"), ("+44 20 7946 0958", "+442079460958")],
)
def test_a_phone_is_read_in_the_stores_country_and_answered_in_e164(ann: Client, typed: str, stored: str) -> None:
    reply = _patch(ann, {"phone": typed})
    assert reply.status == 200, reply.body
    assert reply.json()["phone"] == stored
    assert _profile(ann)["phone"] == stored


@pytest.mark.parametrize("typed", ["12", "555-CALL-NOW", "+99 123", "0" * 40])
def test_a_phone_that_is_not_a_number_is_422_and_changes_nothing(ann: Client, typed: str) -> None:
    assert _patch(ann, {"phone": "+14155550123", "name": "Kept"}).status == 200
    reply = _patch(ann, {"phone": typed, "name": "Not kept"})
    assert reply.status == 422, reply.body
    assert reply.json()["error"] == "unprocessable"
    assert reply.json()["details"] == [{"field": "phone"}]
    assert _profile(ann)["phone"] == "+14155550123"
    assert _profile(ann)["name"] == "Kept"


def test_a_language_the_store_offers_is_kept_and_another_is_422(shop: Shop, ann: Client) -> None:
    assert shop.admin.put(f"/admin/stores/{shop.store_id}", store_settings(languages=["en", "de"])).status == 200
    assert _patch(ann, {"language": "de"}).json()["language"] == "de"
    reply = _patch(ann, {"language": "fr"})
    assert reply.status == 422
    assert reply.json()["details"] == [{"field": "language", "offered": ["en", "de"]}]
    assert _profile(ann)["language"] == "de"


def test_newsletter_consent_changes_at_once_with_when_and_tells_the_store(ann: Client, clock: Clock) -> None:
    reply = _patch(ann, {"newsletter": True})
    assert reply.json()["newsletter"] == {"subscribed": True, "changed_at": iso(clock.now)}
    kinds = [(event["detail_type"], event["detail"]) for event in published()]
    assert kinds == [
        ("ProfileUpdated", {"store_id": "s1", "email": ANN, "changed": ["newsletter"], "source": "account"}),
        (
            "NewsletterConsentChanged",
            {"store_id": "s1", "email": ANN, "subscribed": True, "changed_at": iso(clock.now), "source": "account"},
        ),
    ]
    clock.advance(60)
    assert _patch(ann, {"newsletter": True}).json()["newsletter"]["changed_at"] == iso(clock.now - 60)
    assert len(published()) == 2  # the same consent again is no change
    assert _patch(ann, {"newsletter": False}).json()["newsletter"] == {
        "subscribed": False,
        "changed_at": iso(clock.now),
    }


def test_a_profile_change_tells_the_store_what_changed(ann: Client) -> None:
    assert _patch(ann, {"name": "Ann B.", "phone": "+14155550123"}).status == 200
    (event,) = published()
    assert event["detail_type"] == "ProfileUpdated"
    assert event["detail"] == {"store_id": "s1", "email": ANN, "changed": ["name", "phone"], "source": "account"}


@pytest.mark.parametrize(
    "body",
    [
        {"name": "x" * 201},
        {"name": "Ann\r\nBcc: eve@example.com"},
        {"newsletter": "yes"},
        {"email": "eve@example.com"},
        {"phone": 4155550123},
        {"language": "de" * 10},
    ],
    ids=["long-name", "crlf", "consent-not-bool", "email-not-changeable", "phone-not-text", "long-language"],
)
def test_a_bad_change_is_400_and_stores_nothing(ann: Client, body: dict[str, Any]) -> None:
    before = data_items("CustomersTable")
    reply = _patch(ann, body)
    assert reply.status == 400, reply.body
    assert data_items("CustomersTable") == before
    assert published() == []


def test_the_profile_needs_a_session(customer: Client, shop: Shop) -> None:
    assert customer.get(PATH).status == 401
    assert _patch(customer, {"name": "Eve"}).status == 401


def test_each_customer_sees_only_their_own_profile(shop: Shop, ann: Client, gateway: Any) -> None:
    assert _patch(ann, {"name": "Ann B.", "phone": "+14155550123"}).status == 200
    bob = Client(gateway, host="shop.example")
    shop.login(bob, "bob@example.com")
    assert _profile(bob)["name"] == ""
    assert _profile(bob)["phone"] is None


def test_emails_greet_the_customer_by_the_profiles_name(shop: Shop, ann: Client) -> None:
    from devtools.emulator.outbox import sent_emails
    from tests.harness.streams import drain_order_stream

    assert _patch(ann, {"name": "Annie"}).status == 200
    assert shop.put_order("o2", email=ANN, customer_name="Ann Example", number="1002").status == 201
    drain_order_stream()
    (confirmation,) = [m for m in sent_emails() if m["to"] == [ANN] and "1002" in m["subject"]]
    assert "Hi Annie," in confirmation["text"]
    assert "Hi Ann Example" not in confirmation["text"]  # (the shipping address keeps its own name)
