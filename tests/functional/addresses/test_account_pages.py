"""The account pages without JavaScript: the profile form and the address book's pages (API.md section 8)."""

from __future__ import annotations

import re

import pytest

from tests.harness.backends import data_items
from tests.harness.support import Client, Shop

ANN = "ann@example.com"
US = {"name": "Ann Example", "line1": "1600 Amphitheatre Pkwy", "city": "Mountain View", "region": "CA",
      "postal_code": "94043", "country": "US"}  # fmt: skip


@pytest.fixture
def ann(shop: Shop, customer: Client) -> Client:
    assert shop.put_order("o1").status == 201
    shop.login(customer, ANN)
    return customer


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def test_the_account_page_is_in_the_navigation_and_saves_the_profile(ann: Client) -> None:
    orders = ann.get("/store/account/orders")
    assert 'href="/store/account/profile"' in orders.body.decode()
    page = ann.get("/store/account/profile")
    assert page.status == 200
    assert 'value="Ann Example"' in page.body.decode()
    saved = ann.form(
        "/store/account/profile",
        {"csrf": _csrf(page.body.decode()), "name": "Ann B.", "phone": "(415) 555-0123", "newsletter": "yes"},
    )
    assert saved.status == 303
    assert saved.header("Location") == "/store/account/profile?saved=1"
    again = ann.get("/store/account/profile?saved=1")
    assert "Your details are saved." in again.body.decode()
    assert 'value="(415) 555-0123"' in again.body.decode()
    assert "checked" in again.body.decode()
    assert ann.get("/store/account/api/profile").json()["phone"] == "+14155550123"


def test_a_refused_phone_shows_the_form_again_as_typed_with_the_reason(ann: Client) -> None:
    page = ann.get("/store/account/profile")
    before = data_items("CustomersTable")
    refused = ann.form("/store/account/profile", {"csrf": _csrf(page.body.decode()), "name": "Ann B.", "phone": "12"})
    assert refused.status == 422
    assert 'value="12"' in refused.body.decode()
    assert 'value="Ann B."' in refused.body.decode()
    assert 'id="profile-phone" name="phone"' in refused.body.decode()
    assert 'aria-invalid="true"' in refused.body.decode()
    assert "with its country code" in refused.body.decode()
    assert data_items("CustomersTable") == before


def test_a_form_without_its_token_is_refused(ann: Client) -> None:
    assert ann.form("/store/account/profile", {"name": "Eve"}).status == 403
    assert ann.get("/store/account/api/profile").json()["name"] == "Ann Example"


def test_an_address_is_added_edited_and_removed_through_the_pages(ann: Client) -> None:
    form = ann.get("/store/account/addresses/new")
    assert form.status == 200
    assert '<option value="US" selected>' in form.body.decode()  # the store's country first chosen
    added = ann.form("/store/account/addresses", {"csrf": _csrf(form.body.decode()), **US})
    assert added.status == 303, added.body.decode()
    book = ann.get("/store/account/addresses")
    assert "Mountain View, CA 94043" in book.body.decode()
    assert "Default shipping address" in book.body.decode()
    (address_id,) = re.findall(r'href="/store/account/addresses/(a[0-9a-f]{16})"', book.body.decode())
    edit = ann.get(f"/store/account/addresses/{address_id}")
    assert 'value="1600 Amphitheatre Pkwy"' in edit.body.decode()
    changed = ann.form(
        f"/store/account/addresses/{address_id}",
        {"csrf": _csrf(edit.body.decode()), **US, "city": "Palo Alto", "postal_code": "94301"},
    )
    assert changed.status == 303
    assert "Palo Alto, CA 94301" in ann.get("/store/account/addresses").body.decode()
    removed = ann.form(f"/store/account/addresses/{address_id}/delete", {"csrf": _csrf(edit.body.decode())})
    assert removed.status == 303
    assert "No saved addresses yet." in ann.get("/store/account/addresses").body.decode()


def test_a_refused_address_is_shown_again_with_each_field_marked(ann: Client) -> None:
    form = ann.get("/store/account/addresses/new")
    refused = ann.form(
        "/store/account/addresses", {"csrf": _csrf(form.body.decode()), **US, "postal_code": "9404", "region": ""}
    )
    assert refused.status == 422
    assert 'id="address-postal_code-error"' in refused.body.decode()
    assert 'id="address-region-error"' in refused.body.decode()
    assert 'value="9404"' in refused.body.decode()
    assert ann.get("/store/account/api/addresses").json() == {"addresses": []}


def test_another_customers_address_page_is_not_found(ann: Client, shop: Shop, gateway: object) -> None:
    form = ann.get("/store/account/addresses/new")
    ann.form("/store/account/addresses", {"csrf": _csrf(form.body.decode()), **US})
    (address_id,) = re.findall(r'addresses/(a[0-9a-f]{16})"', ann.get("/store/account/addresses").body.decode())
    bob = Client(gateway, host="shop.example")  # type: ignore[arg-type]
    shop.login(bob, "bob@example.com")
    assert bob.get(f"/store/account/addresses/{address_id}").status == 404
    bob_form = bob.get("/store/account/addresses/new")
    assert (
        bob.form(f"/store/account/addresses/{address_id}/delete", {"csrf": _csrf(bob_form.body.decode())}).status == 404
    )
    assert len(ann.get("/store/account/api/addresses").json()["addresses"]) == 1


def test_the_account_pages_need_a_session(customer: Client, shop: Shop) -> None:
    reply = customer.get("/store/account/addresses")
    assert reply.status == 303
    assert reply.header("Location").startswith("/store/account/login?next=")
