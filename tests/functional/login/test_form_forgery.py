"""Form forgery from a sibling subdomain (issue 27, security review): a sibling can toss cookies into
this host's jar, so the pages' forms are refused on `Sec-Fetch-Site: same-site` as the JSON routes
are, and a signed-in customer's form token is bound to the session, not to whatever seed cookie the
browser sends."""

from __future__ import annotations

import re

import pytest

from devtools.emulator.gateway import Reply
from tests.harness.support import Client, Shop

ANN = "ann@example.com"
BASE = "/store/account"


def _csrf(reply: Reply) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', reply.body.decode())
    assert found, reply.body
    return found.group(1)


@pytest.fixture
def ann(shop: Shop, customer: Client) -> Client:
    """Ann, signed in, with the orders page (and its form token) loaded."""
    assert shop.put_order("o1", email=ANN).status == 201
    shop.login(customer, ANN)
    assert customer.get(f"{BASE}/orders").status == 200
    return customer


def test_a_tossed_seed_cookie_and_its_token_cannot_post_a_signed_in_customers_form(ann: Client) -> None:
    attacker = Client(ann.gateway, "shop.example")
    token = _csrf(attacker.get(f"{BASE}/login"))  # a valid pair for the attacker's own seed
    ann.cookies["cac_csrf"] = attacker.cookies["cac_csrf"]  # tossed from a sibling subdomain
    forged = ann.form(f"{BASE}/logout", {"csrf": token})  # an old browser: no fetch metadata
    assert forged.status == 403
    assert ann.get(f"{BASE}/orders").status == 200  # still signed in


def test_a_signed_in_page_token_works_and_a_token_from_before_login_does_not(shop: Shop, customer: Client) -> None:
    assert shop.put_order("o1", email=ANN).status == 201
    before = _csrf(customer.get(f"{BASE}/login"))
    shop.login(customer, ANN)
    assert customer.form(f"{BASE}/logout", {"csrf": before}).status == 403
    own = _csrf(customer.get(f"{BASE}/orders"))
    assert own != before
    assert customer.form(f"{BASE}/logout", {"csrf": own}).status == 303
    assert customer.get(f"{BASE}/orders").status == 303  # logged out


def test_another_customers_session_token_does_not_fit(shop: Shop, customer: Client) -> None:
    """Two browsers with the same seed cookie (tossed) and different sessions get different tokens."""
    assert shop.put_order("o1", email=ANN).status == 201
    assert shop.put_order("o2", email="bob@example.com").status == 201
    bob = Client(customer.gateway, "shop.example")
    shop.login(customer, ANN)
    shop.login(bob, "bob@example.com")
    bob_token = _csrf(bob.get(f"{BASE}/orders"))
    customer.cookies["cac_csrf"] = bob.cookies["cac_csrf"]
    assert customer.form(f"{BASE}/logout", {"csrf": bob_token}).status == 403


@pytest.mark.parametrize("fetch_site", ["same-site", "cross-site"])
def test_page_forms_refuse_a_sibling_subdomain_like_the_json_routes(ann: Client, fetch_site: str) -> None:
    token = _csrf(ann.get(f"{BASE}/orders"))
    headers = {"Sec-Fetch-Site": fetch_site}
    form = ann.form(f"{BASE}/logout", {"csrf": token}, headers=headers)
    json_route = ann.post(f"{BASE}/api/logout", headers=headers)
    assert (form.status, json_route.status) == (403, 403)
    assert ann.get(f"{BASE}/orders").status == 200
    assert ann.form(f"{BASE}/logout", {"csrf": token}, headers={"Sec-Fetch-Site": "same-origin"}).status == 303


def test_the_login_form_refuses_same_site_and_sends_nothing(shop: Shop, customer: Client) -> None:
    from devtools.emulator.outbox import sent_emails

    assert shop.put_order("o1", email=ANN).status == 201
    token = _csrf(customer.get(f"{BASE}/login"))
    refused = customer.form(f"{BASE}/login", {"csrf": token, "email": ANN}, headers={"Sec-Fetch-Site": "same-site"})
    assert refused.status == 403
    assert sent_emails() == []
