"""Gift registries, the store system's side (API.md section 12): reading a registry with its owner's email
and shipping address (from the address book now), and recording purchases once per order and SKU."""

from __future__ import annotations

from typing import Any

from access_center.registries.models import RegistryPurchase, StoreGiftRegistry
from tests.functional.registries.helpers import ADMIN, API, add, buy, new_registry
from tests.harness.backends import data_items
from tests.harness.catalog import published
from tests.harness.models import answer
from tests.harness.support import Client, Shop

HOME = {"name": "Ann Example", "line1": "1600 Amphitheatre Pkwy", "city": "Mountain View", "region": "CA",
        "postal_code": "94043", "country": "US"}  # fmt: skip


def test_the_store_reads_the_owner_and_the_address_as_the_book_has_it_now(on: Shop, ann: Client) -> None:
    address_id = ann.post("/store/account/api/addresses", HOME).json()["address_id"]
    registry_id = new_registry(ann, address_id=address_id, message="Hi")["registry_id"]
    add(ann, registry_id, "MUG-1", 3)
    reply = on.admin.get(f"{ADMIN}/{registry_id}")
    assert reply.status == 200, reply.body
    shown = answer(StoreGiftRegistry, reply)
    assert shown["email"] == "ann@example.com"
    assert shown["shipping_address"] == HOME
    assert shown["items"] == [{"sku": "MUG-1", "name": "Mug", "wanted": 3, "purchased": 0}]
    moved = {**HOME, "line1": "1 Infinite Loop", "city": "Cupertino", "postal_code": "95014"}
    assert ann.request("PUT", f"/store/account/api/addresses/{address_id}", moved).status == 200
    assert on.admin.get(f"{ADMIN}/{registry_id}").json()["shipping_address"]["line1"] == "1 Infinite Loop"
    assert ann.request("DELETE", f"/store/account/api/addresses/{address_id}").status == 204
    assert answer(StoreGiftRegistry, on.admin.get(f"{ADMIN}/{registry_id}"))["shipping_address"] is None


def test_a_purchase_counts_once_per_order_and_sku(on: Shop, ann: Client) -> None:
    registry_id = new_registry(ann)["registry_id"]
    add(ann, registry_id, "MUG-1", 4)
    first = buy(on, registry_id, "o1", "MUG-1", 2)
    assert first.status == 200, first.body
    assert answer(RegistryPurchase, first) == {"registry_id": registry_id, "order_id": "o1", "sku": "MUG-1",
                                               "quantity": 2, "wanted": 4, "purchased": 2}  # fmt: skip
    before = data_items("CustomersTable")
    again = buy(on, registry_id, "o1", "MUG-1", 2)
    assert again.status == 200
    assert again.json()["purchased"] == 2
    assert data_items("CustomersTable") == before
    other = buy(on, registry_id, "o1", "MUG-1", 3)
    assert other.status == 409
    assert data_items("CustomersTable") == before
    assert buy(on, registry_id, "o2", "MUG-1", 1).json()["purchased"] == 3
    assert not [e for e in published() if e["detail_type"].startswith("RegistryPurchase")]


def test_the_owner_sees_what_was_bought_never_by_whom(on: Shop, ann: Client) -> None:
    registry_id = new_registry(ann)["registry_id"]
    add(ann, registry_id, "MUG-1", 4)
    buy(on, registry_id, "ORDER-777", "MUG-1", 3)
    reply = ann.get(f"{API}/{registry_id}")
    assert reply.json()["items"][0]["purchased"] == 3
    assert "ORDER-777" not in reply.body.decode()


def test_a_sku_not_on_the_registry_is_422_and_an_unknown_registry_404(on: Shop, ann: Client) -> None:
    registry_id = new_registry(ann)["registry_id"]
    before = data_items("CustomersTable")
    assert buy(on, registry_id, "o1", "TEA-9", 1).status == 422
    assert buy(on, "r0000000000000000", "o1", "MUG-1", 1).status == 404
    assert buy(on, "nope", "o1", "MUG-1", 1).status == 404
    assert on.admin.get(f"{ADMIN}/r0000000000000000").status == 404
    assert data_items("CustomersTable") == before


def test_bad_purchase_bodies_are_400_and_write_nothing(on: Shop, ann: Client) -> None:
    registry_id = new_registry(ann)["registry_id"]
    add(ann, registry_id, "MUG-1", 4)
    before = data_items("CustomersTable")
    url = f"{ADMIN}/{registry_id}/purchases"
    bodies: list[Any] = [{}, {"order_id": "o1", "sku": "MUG-1"}, {"order_id": "o1", "sku": "MUG-1", "quantity": 0},
                         {"order_id": "o1", "sku": "MUG-1", "quantity": "1"}, {"order_id": "o 1", "sku": "MUG-1", "quantity": 1},
                         {"order_id": "o1", "sku": "MUG-1", "quantity": 1, "buyer": "x"}]  # fmt: skip
    for body in bodies:
        assert on.admin.post(url, body).status == 400, body
    assert data_items("CustomersTable") == before


def test_another_stores_registry_is_404_to_this_store(on: Shop, ann: Client) -> None:
    registry_id = new_registry(ann)["registry_id"]
    add(ann, registry_id, "MUG-1", 4)
    Shop.create(on.admin, "s2", "other.example")
    assert on.admin.get(f"/admin/stores/s2/registries/{registry_id}").status == 404
    assert buy(on, registry_id, "o1", "MUG-1", 1, store_id="s2").status == 404
