"""Erasing the account: POST /store/account/api/privacy/erasure, the emailed link's page and its
confirmation (API.md section 8)."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from access_center.privacy import erasure, holdings
from devtools.emulator.gateway import Gateway
from devtools.emulator.outbox import sent_emails
from tests.harness.backends import data_items
from tests.harness.catalog import published
from tests.harness.clock import Clock
from tests.harness.support import Client, Shop

ANN, BOB = "ann@example.com", "bob@example.com"
HOME = {"name": "Ann Example", "line1": "Unter den Linden 1", "city": "Berlin", "postal_code": "10117", "country": "DE"}


@pytest.fixture
def ann(shop: Shop, customer: Client) -> Client:
    """Ann with an order, a profile, an address, and a session she logged in to with a code (so the
    login-code state exists too)."""
    assert shop.put_order("o1").status == 201
    shop.login_with_code(customer, ANN)
    assert customer.request("PATCH", "/store/account/api/profile", {"name": "Ann B.", "newsletter": True}).status == 200
    assert customer.post("/store/account/api/addresses", HOME).status == 201
    return customer


def _link(email: str) -> str:
    for message in reversed(sent_emails()):
        if message["to"][0] == email:
            found = re.search(r"https?://\S+/privacy/erasure\?\S+", message["text"])
            if found:
                return found.group(0)
    raise AssertionError(f"no erasure link was emailed to {email}")


def _confirm(client: Client, link: str) -> object:
    parts = urlsplit(link)
    page = client.get(f"{parts.path}?{parts.query}")
    html = page.body.decode()
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', html))
    return page, client.form("/store/account/privacy/erasure/confirm", {k: unescape(v) for k, v in fields.items()})


def _customer_items(store_key: str) -> list[str]:
    return sorted(item["sk"]["S"] for item in data_items("CustomersTable") if item["pk"]["S"] == store_key)


def test_asking_emails_a_link_and_deletes_nothing_yet(ann: Client) -> None:
    reply = ann.post("/store/account/api/privacy/erasure")
    assert reply.status == 202
    assert reply.json() == {"status": "confirmation_sent", "expires_in": 86400}
    assert "/store/account/privacy/erasure?token=" in _link(ANN)
    assert ann.get("/store/account/api/profile").json()["name"] == "Ann B."


def test_the_links_page_confirms_and_deletes_the_customers_own_data_and_keeps_the_stores(ann: Client) -> None:
    ann.post("/store/account/api/privacy/erasure")
    page, confirmed = _confirm(ann, _link(ANN))
    assert page.status == 200  # type: ignore[attr-defined]
    assert "Your saved addresses" in page.body.decode()  # type: ignore[attr-defined]
    assert "Your invoices" in page.body.decode()  # type: ignore[attr-defined]
    assert confirmed.status == 303  # type: ignore[attr-defined]
    assert confirmed.header("Location") == "/store/account/login"  # type: ignore[attr-defined]
    left = _customer_items(f"s1#{ANN}")
    assert not [sk for sk in left if sk in ("profile", "erasure") or sk.startswith(("address#", "session#"))], left
    assert "contact" in left  # the store's records stay
    assert any(sk.startswith("order#") for sk in left)
    assert ann.get("/store/account/api/profile").status == 401  # every session ended
    assert not [item for item in data_items("CodesTable") if item["pk"]["S"] == f"s1#{ANN}"]  # login code state
    (event,) = [e for e in published() if e["detail_type"] == "CustomerErasureRequested"]
    assert event["detail"]["store_id"] == "s1"
    assert event["detail"]["email"] == ANN
    assert event["detail"]["kept"] == holdings.kept()
    assert "orders" in event["detail"]["kept"]


def test_a_used_replaced_or_expired_link_is_400_and_erases_nothing(ann: Client, clock: Clock) -> None:
    ann.post("/store/account/api/privacy/erasure")
    first = _link(ANN)
    clock.advance(2)
    ann.post("/store/account/api/privacy/erasure")
    second = _link(ANN)
    assert first != second
    page, _ = _confirm(ann, first)  # replaced by the newer email
    assert page.status == 400  # type: ignore[attr-defined]
    assert ann.get("/store/account/api/profile").status == 200
    clock.advance(erasure.LINK_SECONDS + 1)
    page, _ = _confirm(ann, second)
    assert page.status == 400  # type: ignore[attr-defined]
    assert ann.get("/store/account/api/addresses").status == 200  # nothing erased: the session lives
    assert "profile" in _customer_items(f"s1#{ANN}")


def test_a_forged_or_tampered_token_is_refused_and_erases_nothing(ann: Client, shop: Shop) -> None:
    import base64

    ann.post("/store/account/api/privacy/erasure")
    token = parse_qs(urlsplit(_link(ANN)).query)["token"][0]
    claims, _, signature = token.partition(".")
    bob_claims = base64.urlsafe_b64encode(f"{BOB}\n1".encode()).rstrip(b"=").decode()
    for forged in (f"{bob_claims}.{signature}", f"{claims}.{signature[:-2]}AA", claims, "x" * 601, ""):
        reply = ann.form("/store/account/privacy/erasure/confirm", {"token": forged})
        assert reply.status == 400, forged
    assert "profile" in _customer_items(f"s1#{ANN}")


def test_the_token_alone_confirms_as_the_contract_says(ann: Client) -> None:
    ann.post("/store/account/api/privacy/erasure")
    token = parse_qs(urlsplit(_link(ANN)).query)["token"][0]
    assert ann.form("/store/account/privacy/erasure/confirm", {"token": token}).status == 303
    assert "profile" not in _customer_items(f"s1#{ANN}")
    assert ann.form("/store/account/privacy/erasure/confirm", {"token": token}).status == 400  # single use


def test_another_stores_page_refuses_the_link(ann: Client, admin: Client, gateway: Gateway) -> None:
    Shop.create(admin, "s2", "other.example")
    ann.post("/store/account/api/privacy/erasure")
    token = parse_qs(urlsplit(_link(ANN)).query)["token"][0]
    elsewhere = Client(gateway, host="other.example")
    assert elsewhere.form("/store/account/privacy/erasure/confirm", {"token": token}).status == 400
    assert "profile" in _customer_items(f"s1#{ANN}")


def test_the_same_email_at_another_store_keeps_its_account(ann: Client, admin: Client, gateway: Gateway) -> None:
    other = Shop.create(admin, "s2", "other.example")
    ann_there = Client(gateway, host="other.example")
    assert other.put_order("o9").status == 201
    other.login(ann_there, ANN)
    assert ann_there.post("/store/account/api/addresses", HOME).status == 201
    ann.post("/store/account/api/privacy/erasure")
    _confirm(ann, _link(ANN))
    assert len(ann_there.get("/store/account/api/addresses").json()["addresses"]) == 1


def test_every_erased_holding_has_its_deleter() -> None:
    assert set(erasure._DELETERS) == {holding.name for holding in holdings.erased()}
