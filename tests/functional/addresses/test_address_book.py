"""The address book: /store/account/api/addresses[/{address_id}] (API.md section 8)."""

from __future__ import annotations

from typing import Any

import pytest

from access_center.addresses import logic
from access_center.addresses.models import AddressIn, AddressList, SavedAddress
from access_center.core.errors import Conflict
from access_center.stores.logic import get_store
from devtools.emulator.gateway import Gateway
from tests.harness.backends import data_items
from tests.harness.catalog import published
from tests.harness.models import answer
from tests.harness.support import Client, Shop, race

ANN, BOB = "ann@example.com", "bob@example.com"
PATH = "/store/account/api/addresses"
HOME = {"name": "Ann Example", "line1": "1600 Amphitheatre Pkwy", "city": "Mountain View", "region": "CA",
        "postal_code": "94043", "country": "US"}  # fmt: skip
BERLIN = {
    "name": "Ann Example",
    "line1": "Unter den Linden 1",
    "city": "Berlin",
    "postal_code": "10117",
    "country": "DE",
}
HONG_KONG = {
    "name": "Ann Example",
    "line1": "1 Queen's Road Central",
    "city": "Central",
    "region": "Hong Kong Island",
    "country": "HK",
}


@pytest.fixture
def ann(shop: Shop, customer: Client) -> Client:
    shop.login(customer, ANN)
    return customer


def _add(client: Client, address: dict[str, Any], **flags: bool) -> dict[str, Any]:
    reply = client.post(PATH, {**address, **flags})
    assert reply.status == 201, reply.body
    return answer(SavedAddress, reply)  # type: ignore[no-any-return]


def _book(client: Client) -> list[dict[str, Any]]:
    reply = client.get(PATH)
    assert reply.status == 200, reply.body
    return answer(AddressList, reply)["addresses"]  # type: ignore[no-any-return]


def _defaults(client: Client) -> dict[str, list[str]]:
    book = _book(client)
    return {
        "shipping": [a["address_id"] for a in book if a["default_shipping"]],
        "billing": [a["address_id"] for a in book if a["default_billing"]],
    }


def test_the_first_address_is_both_defaults_and_later_ones_are_not(ann: Client) -> None:
    home = _add(ann, HOME)
    assert (home["default_shipping"], home["default_billing"]) == (True, True)
    assert {k: v for k, v in home.items() if k in HOME} == HOME
    office = _add(ann, BERLIN)
    assert (office["default_shipping"], office["default_billing"]) == (False, False)
    assert [a["address_id"] for a in _book(ann)] == [home["address_id"], office["address_id"]]


def test_making_an_address_the_default_takes_the_flag_from_the_other(ann: Client) -> None:
    home = _add(ann, HOME)
    office = _add(ann, BERLIN, default_shipping=True)
    assert _defaults(ann) == {"shipping": [office["address_id"]], "billing": [home["address_id"]]}
    reply = ann.put(f"{PATH}/{home['address_id']}", {**HOME, "default_shipping": True, "default_billing": True})
    assert reply.status == 200, reply.body
    assert _defaults(ann) == {"shipping": [home["address_id"]], "billing": [home["address_id"]]}
    assert _book(ann)[0]["address_id"] == home["address_id"]  # defaults first


def test_racing_defaults_leave_exactly_one_default(ann: Client) -> None:
    ids = [_add(ann, {**BERLIN, "line1": f"Street {i}"})["address_id"] for i in range(4)]
    store = get_store("s1")

    # Raced on the logic (each thread a request of its own container): one interpreter's HTTP resolver
    # is shared state that Lambda never runs two requests in at once.
    def make_default(i: int) -> int:
        try:
            logic.replace(store, ANN, ids[i], AddressIn(**{**BERLIN, "line1": f"Street {i}", "default_shipping": True}))
        except Conflict:
            return 409
        return 200

    assert set(race(make_default, 4)) <= {200, 409}
    assert len(_defaults(ann)["shipping"]) == 1


def test_an_edited_address_is_rechecked_and_replaced(ann: Client) -> None:
    home = _add(ann, HOME)
    reply = ann.put(f"{PATH}/{home['address_id']}", {**BERLIN, "default_shipping": True, "default_billing": True})
    assert reply.status == 200
    assert reply.json()["country"] == "DE"
    assert "region" not in reply.json()
    assert published()[-1]["detail_type"] == "AddressUpdated"


def test_removing_an_address_forgets_it_and_its_default(ann: Client) -> None:
    home = _add(ann, HOME)
    office = _add(ann, BERLIN)
    reply = ann.request("DELETE", f"{PATH}/{home['address_id']}")
    assert reply.status == 204
    assert reply.body in (b"", "", None)
    assert [a["address_id"] for a in _book(ann)] == [office["address_id"]]
    assert _defaults(ann) == {"shipping": [], "billing": []}
    assert ann.request("DELETE", f"{PATH}/{home['address_id']}").status == 404


@pytest.mark.parametrize(
    ("address", "fields"),
    [
        ({**HOME, "postal_code": ""}, {"postal_code"}),
        ({**HOME, "postal_code": "9404"}, {"postal_code"}),
        ({**HOME, "region": ""}, {"region"}),
        ({**BERLIN, "postal_code": "1011"}, {"postal_code"}),
        ({**BERLIN, "country": "ZZ"}, {"country"}),
        ({**BERLIN, "name": "", "line1": ""}, {"name", "line1"}),
        ({**BERLIN, "phone": "12"}, {"phone"}),
    ],
    ids=["us-no-zip", "us-short-zip", "us-no-state", "de-4-digit", "unknown-country", "no-name-no-street", "bad-phone"],
)
def test_an_address_its_country_refuses_is_422_naming_the_fields_and_stores_nothing(
    ann: Client, address: dict[str, Any], fields: set[str]
) -> None:
    before = data_items("CustomersTable")
    reply = ann.post(PATH, address)
    assert reply.status == 422, reply.body
    assert {detail["field"] for detail in reply.json()["details"]} == fields
    assert all(detail["message"] for detail in reply.json()["details"])
    assert data_items("CustomersTable") == before
    assert published() == []


def test_countries_format_their_own_way(ann: Client) -> None:
    assert _add(ann, {**HOME, "region": "California"})["region"] == "CA"
    assert "postal_code" not in _add(ann, HONG_KONG)
    assert (
        _add(ann, {**BERLIN, "country": "gb", "city": "London", "postal_code": "sw1a1aa"})["postal_code"] == "SW1A 1AA"
    )
    assert _add(ann, {**HOME, "phone": "(650) 253-0000"})["phone"] == "+16502530000"


def test_the_book_keeps_fifty_addresses(ann: Client) -> None:
    for i in range(50):
        ann.post(PATH, {**BERLIN, "line1": f"Street {i}"})
    reply = ann.post(PATH, BERLIN)
    assert reply.status == 409
    assert len(_book(ann)) == 50


def test_each_change_tells_the_store_with_the_email(ann: Client) -> None:
    home = _add(ann, HOME)
    ann.put(f"{PATH}/{home['address_id']}", BERLIN)
    ann.request("DELETE", f"{PATH}/{home['address_id']}")
    events = published()
    assert [event["detail_type"] for event in events] == ["AddressAdded", "AddressUpdated", "AddressRemoved"]
    assert all(event["detail"]["store_id"] == "s1" and event["detail"]["email"] == ANN for event in events)
    assert events[0]["detail"]["address"]["address_id"] == home["address_id"]


def test_another_customers_or_stores_address_is_404(shop: Shop, ann: Client, gateway: Gateway, admin: Client) -> None:
    home = _add(ann, HOME)
    bob = Client(gateway, host="shop.example")
    shop.login(bob, BOB)
    assert bob.put(f"{PATH}/{home['address_id']}", BERLIN).status == 404
    assert bob.request("DELETE", f"{PATH}/{home['address_id']}").status == 404
    other = Shop.create(admin, "s2", "other.example")
    ann_elsewhere = Client(gateway, host="other.example")
    other.login(ann_elsewhere, ANN)
    assert ann_elsewhere.put(f"{PATH}/{home['address_id']}", BERLIN).status == 404
    assert _book(ann_elsewhere) == []
    assert len(_book(ann)) == 1


def test_the_address_book_needs_a_session(customer: Client, shop: Shop) -> None:
    assert customer.get(PATH).status == 401
    assert customer.post(PATH, HOME).status == 401
