"""A customer as the store's systems see them: GET and PUT /admin/stores/{store_id}/customers?email=
(API.md section 8): the profile and address book to prefill a checkout, and the import of a customer
from the store's own records."""

from __future__ import annotations

from typing import Any

import pytest

from access_center.profile.models import StoreCustomer
from devtools.emulator.gateway import Gateway
from tests.functional.stores.test_store_callers import OTHER, OTHER_ROLE, OWN, _call
from tests.harness.backends import data_items
from tests.harness.catalog import published
from tests.harness.models import answer
from tests.harness.support import Client, Shop

ANN = "ann@example.com"
PATH = "/admin/stores/s1/customers"
HOME = {"name": "Ann Example", "line1": "1600 Amphitheatre Pkwy", "city": "Mountain View", "region": "CA",
        "postal_code": "94043", "country": "US"}  # fmt: skip
BERLIN = {"name": "Ann Example", "line1": "Unter den Linden 1", "city": "Berlin", "postal_code": "10117",
          "country": "DE"}  # fmt: skip
HONG_KONG = {"name": "Ann Example", "line1": "1 Queen's Road Central", "city": "Central",
             "region": "Hong Kong Island", "country": "HK"}  # fmt: skip


def _get(shop: Shop, email: str = ANN) -> Any:
    return shop.admin.get(f"/admin/stores/{shop.store_id}/customers?email={email}")


def _put(shop: Shop, body: dict[str, Any], email: str = ANN) -> Any:
    return shop.admin.put(f"/admin/stores/{shop.store_id}/customers?email={email}", body)


def _customer(reply: Any) -> dict[str, Any]:
    assert reply.status == 200, reply.body
    return answer(StoreCustomer, reply)  # type: ignore[no-any-return]


def _lines(customer: dict[str, Any]) -> list[tuple[str, bool, bool]]:
    return [(a["line1"], a["default_shipping"], a["default_billing"]) for a in customer["addresses"]]


def test_a_customer_with_an_order_is_read_with_the_contacts_name_and_an_empty_book(shop: Shop) -> None:
    assert shop.put_order("o1", email=ANN, customer_name="Ann Example").status == 201
    assert _customer(_get(shop, "  Ann@Example.COM ")) == {
        "profile": {
            "email": ANN,
            "name": "Ann Example",
            "phone": None,
            "language": "en",
            "newsletter": {"subscribed": False, "changed_at": None},
        },
        "addresses": [],
    }


def test_an_import_writes_the_profile_and_the_book_and_the_prefill_reads_it_back(shop: Shop) -> None:
    body = {
        "name": "Ann B. Example",
        "phone": "(415) 555-0123",
        "newsletter": True,
        "addresses": [HOME, {**BERLIN, "default_billing": True}, HONG_KONG],
    }
    imported = _customer(_put(shop, body))
    assert imported["profile"]["name"] == "Ann B. Example"
    assert imported["profile"]["phone"] == "+14155550123"
    assert imported["profile"]["newsletter"]["subscribed"] is True
    # No shipping default flagged: the first address takes it; the billing one is the address flagged.
    assert sorted(_lines(imported)) == [
        ("1 Queen's Road Central", False, False),
        ("1600 Amphitheatre Pkwy", True, False),
        ("Unter den Linden 1", False, True),
    ]
    assert _customer(_get(shop)) == imported
    assert _customer(_get(shop))["addresses"][2]["line1"] == "1 Queen's Road Central"  # defaults first


def test_an_import_tells_the_store_as_the_customers_changes_do_with_source_store(shop: Shop) -> None:
    _customer(_put(shop, {"name": "Ann", "newsletter": True, "addresses": [HOME]}))
    kinds = [(event["detail_type"], event["detail"]) for event in published()]
    assert [kind for kind, _ in kinds] == ["ProfileUpdated", "NewsletterConsentChanged", "AddressAdded"]
    assert all(detail["source"] == "store" and detail["store_id"] == "s1" for _, detail in kinds)
    assert all(detail["email"] == ANN for _, detail in kinds)
    assert kinds[0][1]["changed"] == ["name", "newsletter"]
    assert kinds[2][1]["address"]["line1"] == HOME["line1"]


def test_the_same_import_again_writes_nothing_and_tells_nothing(shop: Shop) -> None:
    body = {"name": "Ann", "addresses": [HOME, {**BERLIN, "default_shipping": True}]}
    first = _customer(_put(shop, body))
    before, told = data_items("CustomersTable"), len(published())
    assert _customer(_put(shop, body)) == first
    assert data_items("CustomersTable") == before
    assert len(published()) == told


def test_addresses_replace_the_book_keeping_an_unchanged_address_and_its_id(shop: Shop) -> None:
    first = _customer(_put(shop, {"addresses": [HOME, BERLIN]}))
    home_id = next(a["address_id"] for a in first["addresses"] if a["line1"] == HOME["line1"])
    berlin_id = next(a["address_id"] for a in first["addresses"] if a["line1"] == BERLIN["line1"])
    told = len(published())
    second = _customer(_put(shop, {"addresses": [HONG_KONG, {**HOME, "default_shipping": True}]}))
    assert {a["address_id"] for a in second["addresses"]} >= {home_id}
    assert berlin_id not in {a["address_id"] for a in second["addresses"]}
    assert sorted(_lines(second)) == [("1 Queen's Road Central", False, True), ("1600 Amphitheatre Pkwy", True, False)]
    kinds = [(e["detail_type"], e["detail"]) for e in published()[told:]]
    assert ("AddressRemoved", {"store_id": "s1", "email": ANN, "address_id": berlin_id, "source": "store"}) in kinds
    assert [kind for kind, _ in kinds].count("AddressAdded") == 1
    # An empty list empties the book; the profile's count follows (the customer can add 50 again).
    assert _customer(_put(shop, {"addresses": []}))["addresses"] == []
    assert [item for item in data_items("CustomersTable") if item["sk"]["S"].startswith("address#")] == []


def test_a_refused_address_is_422_naming_its_index_and_nothing_is_written(shop: Shop) -> None:
    _customer(_put(shop, {"name": "Kept", "addresses": [HOME]}))
    before, told = data_items("CustomersTable"), len(published())
    wrong = {**BERLIN, "postal_code": "1234"}
    reply = _put(shop, {"name": "Not kept", "addresses": [HONG_KONG, wrong, {**HOME, "country": "QQ"}]})
    assert reply.status == 422, reply.body
    assert reply.json()["error"] == "unprocessable"
    assert [(d["index"], d["field"], d["problem"]) for d in reply.json()["details"]] == [
        (1, "postal_code", "invalid"),
        (2, "country", "invalid"),
    ]
    assert all(d["message"] for d in reply.json()["details"])
    assert data_items("CustomersTable") == before
    assert len(published()) == told


@pytest.mark.parametrize(
    ("body", "field"),
    [({"phone": "12"}, "phone"), ({"language": "de"}, "language")],
)
def test_a_refused_profile_field_is_422_and_the_book_is_not_written(
    shop: Shop, body: dict[str, Any], field: str
) -> None:
    before = data_items("CustomersTable")
    reply = _put(shop, {**body, "addresses": [HOME]})
    assert reply.status == 422, reply.body
    assert reply.json()["details"][0]["field"] == field
    assert data_items("CustomersTable") == before
    assert published() == []


def test_more_than_fifty_addresses_is_422_and_nothing_is_written(shop: Shop) -> None:
    reply = _put(shop, {"addresses": [HOME] * 51})
    assert reply.status == 422, reply.body
    assert reply.json()["details"] == [{"field": "addresses", "count": 51}]
    assert data_items("CustomersTable") == []


@pytest.mark.parametrize("email", ["", "not-an-email", "ann@@example.com", "a" * 330 + "@example.com"])
def test_a_missing_or_invalid_email_is_400(shop: Shop, email: str) -> None:
    for reply in (_get(shop, email), _put(shop, {"name": "X"}, email)):
        assert reply.status == 400, reply.body
        assert reply.json()["error"] == "bad_request"
    assert shop.admin.get(PATH).status == 400
    assert data_items("CustomersTable") == []


@pytest.mark.parametrize(
    "body",
    [{"addresses": [{"line9": "x"}]}, {"addresses": "HOME"}, {"email": "eve@example.com"}, {"newsletter": "yes"}],
)
def test_a_malformed_body_is_400_and_nothing_is_written(shop: Shop, body: dict[str, Any]) -> None:
    assert _put(shop, body).status == 400
    assert data_items("CustomersTable") == []


def test_an_unknown_email_and_an_unknown_store_answer_the_same_404(shop: Shop) -> None:
    assert shop.put_order("o1", email=ANN, customer_name="Ann Example").status == 201
    unknown_email = _get(shop, "bob@example.com")
    unknown_store = shop.admin.get(f"/admin/stores/nowhere/customers?email={ANN}")
    assert unknown_email.status == unknown_store.status == 404
    assert unknown_email.json() == unknown_store.json()
    assert unknown_email.json()["message"] == "No such customer at this store."


def test_importing_into_an_unknown_store_is_404_and_writes_nothing(shop: Shop) -> None:
    reply = shop.admin.put(f"/admin/stores/nowhere/customers?email={ANN}", {"name": "Ann", "addresses": [HOME]})
    assert reply.status == 404
    assert data_items("CustomersTable") == []


def test_another_stores_system_cannot_read_or_import_this_stores_customer(admin: Client, gateway: Gateway) -> None:
    s1 = Shop.create(admin, "s1", "one.example", verify_sender=False)
    s2 = Shop.create(admin, "s2", "two.example", verify_sender=False)
    s1.pin(OWN)
    s2.pin(OTHER)
    _customer(_put(s1, {"name": "Ann", "addresses": [HOME]}))
    before = data_items("CustomersTable")
    assert _call(gateway, OTHER_ROLE, "GET", f"{PATH}?email={ANN}").status == 403
    assert _call(gateway, OTHER_ROLE, "PUT", f"{PATH}?email={ANN}", {"name": "Eve"}).status == 403
    # Through its own store it finds nothing: the customer is s1's only.
    assert _call(gateway, OTHER_ROLE, "GET", f"/admin/stores/s2/customers?email={ANN}").status == 404
    assert data_items("CustomersTable") == before
