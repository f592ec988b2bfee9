"""Gift registries, the owner's JSON (API.md section 12): /store/account/api/registries[/{id}[/items[/{sku}]]]."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from access_center.registries.models import GiftRegistry, GiftRegistryList
from tests.functional.registries.helpers import ANN, API, BOB, add, buy, days_ahead, new_registry
from tests.harness.backends import data_items
from tests.harness.catalog import published, put_product
from tests.harness.models import answer
from tests.harness.support import Client, Shop

HOME = {"name": "Ann Example", "line1": "1600 Amphitheatre Pkwy", "city": "Mountain View", "region": "CA",
        "postal_code": "94043", "country": "US"}  # fmt: skip


def _events(kind: str) -> list[dict[str, Any]]:
    return [event["detail"] for event in published() if event["detail_type"] == kind]


def test_a_new_registry_is_open_empty_shared_and_listed(ann: Client) -> None:
    created = new_registry(ann, "  Our wedding  ", message="Thank you!\nSee you there.")
    assert answer(GiftRegistry, created) == created
    assert re.fullmatch(r"r[0-9a-f]{16}", created["registry_id"])
    assert (created["title"], created["closed"], created["items"]) == ("Our wedding", False, [])
    assert created["message"] == "Thank you!\nSee you there."
    assert re.fullmatch(
        r"https://shop\.example/store/account/registries/shared/[A-Za-z0-9_-]{32}", created["share_url"]
    )
    listed = answer(GiftRegistryList, ann.get(API))
    assert listed == {"registries": [created]}  # each registry whole, with its items
    (event,) = _events("RegistryCreated")
    assert event == {"store_id": "s1", "email": "ann@example.com", "registry_id": created["registry_id"],
                     "title": "Our wedding", "event_date": days_ahead(60)}  # fmt: skip


def test_registries_come_newest_first(ann: Client) -> None:
    new_registry(ann, "One")
    new_registry(ann, "Two")
    assert [one["title"] for one in ann.get(API).json()["registries"]] == ["Two", "One"]


def test_items_show_wanted_and_purchased_and_the_same_sku_again_sets_wanted(on: Shop, ann: Client) -> None:
    registry_id = new_registry(ann)["registry_id"]
    first = add(ann, registry_id, "MUG-1", 4)
    assert first.status == 201
    assert answer(GiftRegistry, first)["items"] == [{"sku": "MUG-1", "name": "Mug", "wanted": 4, "purchased": 0}]
    assert buy(on, registry_id, "o1", "MUG-1", 1).status == 200
    again = add(ann, registry_id, "MUG-1", 6)
    assert again.status == 200
    assert answer(GiftRegistry, again)["items"] == [{"sku": "MUG-1", "name": "Mug", "wanted": 6, "purchased": 1}]
    assert [(e["sku"], e["wanted"]) for e in _events("RegistryItemAdded")] == [("MUG-1", 4), ("MUG-1", 6)]


def test_a_sku_the_catalog_lacks_is_422_and_writes_nothing(ann: Client) -> None:
    registry_id = new_registry(ann)["registry_id"]
    before = data_items("CustomersTable")
    reply = add(ann, registry_id, "NOPE-1")
    assert reply.status == 422
    assert reply.json()["error"] == "unprocessable"
    assert data_items("CustomersTable") == before


def test_bad_bodies_are_400_or_422_and_write_nothing(ann: Client) -> None:
    registry_id = new_registry(ann)["registry_id"]
    before = data_items("CustomersTable")
    future = days_ahead(10)
    bodies: list[dict[str, Any]] = [
        {},
        {"title": "x"},
        {"title": "", "event_date": future},
        {"title": "x" * 101, "event_date": future},
        {"title": "a\nb", "event_date": future},
        {"title": "ok", "event_date": "2030-02-30"},
        {"title": "ok", "event_date": "30.01.2030"},
        {"title": "ok", "event_date": future, "message": "m" * 1001},
        {"title": "ok", "event_date": future, "owner": "bob"},
    ]
    for body in bodies:
        assert ann.post(API, body).status == 400, body
    assert ann.post(API, {"title": "ok", "event_date": "2000-01-01"}).status == 422
    assert ann.post(API, {"title": "ok", "event_date": future, "address_id": "a0000000000000000"}).status == 422
    for body in ({"sku": "MUG-1", "quantity": 0}, {"sku": "MUG-1", "quantity": 1000}, {"sku": "MUG-1"},
                 {"sku": "MUG-1", "quantity": "2"}, {"quantity": 1}):  # fmt: skip
        assert ann.post(f"{API}/{registry_id}/items", body).status == 400, body
    for body in ({"closed": "yes"}, {"title": ""}, {"owner": "bob"}, {"event_date": "tomorrow"}):
        assert ann.request("PATCH", f"{API}/{registry_id}", body).status == 400, body
    assert ann.request("PATCH", f"{API}/{registry_id}", {"event_date": "2001-01-01"}).status == 422
    assert ann.post(API, raw="{not json").status == 400
    assert data_items("CustomersTable") == before


def test_changing_fields_and_the_shipping_address(ann: Client) -> None:
    registry_id = new_registry(ann, message="Hello")["registry_id"]
    address_id = ann.post("/store/account/api/addresses", HOME).json()["address_id"]
    body = {"title": "Wedding", "event_date": days_ahead(90), "address_id": address_id, "message": None}
    reply = ann.request("PATCH", f"{API}/{registry_id}", body)
    assert reply.status == 200, reply.body
    shown = answer(GiftRegistry, reply)
    assert (shown["title"], shown["event_date"], shown["message"]) == ("Wedding", days_ahead(90), "")
    assert shown["address_id"] == address_id
    assert ann.get(API).json()["registries"][0]["title"] == "Wedding"  # the entry follows
    (event,) = _events("RegistryUpdated")
    assert event["changed"] == ["address_id", "event_date", "message", "title"]
    assert ann.request("PATCH", f"{API}/{registry_id}", {"title": "Wedding"}).status == 200
    assert len(_events("RegistryUpdated")) == 1  # no change, no event


def test_closing_tells_the_store_and_the_list_says_closed(ann: Client) -> None:
    registry_id = new_registry(ann)["registry_id"]
    reply = ann.request("PATCH", f"{API}/{registry_id}", {"closed": True})
    assert reply.status == 200
    assert reply.json()["closed"] is True
    assert ann.get(API).json()["registries"][0]["closed"] is True
    assert _events("RegistryClosed") == [{"store_id": "s1", "email": "ann@example.com", "registry_id": registry_id}]


def test_a_registry_past_its_event_date_counts_as_closed(on: Shop, ann: Client, clock: Any) -> None:
    registry_id = new_registry(ann)["registry_id"]
    assert ann.get(f"{API}/{registry_id}").json()["closed"] is False
    clock.now += 60 * 86400  # the event's day itself: still open
    on.login(ann, ANN)  # the session did not last the 60 days
    assert ann.get(f"{API}/{registry_id}").json()["closed"] is False
    clock.now += 86400
    assert ann.get(f"{API}/{registry_id}").json()["closed"] is True
    assert ann.get(API).json()["registries"][0]["closed"] is True


def test_removing_an_item_is_204_then_404(ann: Client) -> None:
    registry_id = new_registry(ann)["registry_id"]
    add(ann, registry_id, "MUG-1")
    assert ann.request("DELETE", f"{API}/{registry_id}/items/MUG-1").status == 204
    assert ann.get(f"{API}/{registry_id}").json()["items"] == []
    assert ann.request("DELETE", f"{API}/{registry_id}/items/MUG-1").status == 404
    assert [e["sku"] for e in _events("RegistryItemRemoved")] == ["MUG-1"]


def test_a_sku_with_a_slash_or_space_is_percent_encoded_in_the_path(on: Shop, ann: Client) -> None:
    put_product(on.admin, "s1", "A B/1", name="Odd")
    registry_id = new_registry(ann)["registry_id"]
    assert add(ann, registry_id, "A B/1").status == 201
    assert ann.request("DELETE", f"{API}/{registry_id}/items/{quote('A B/1', safe='')}").status == 204


def test_deleting_a_registry_takes_everything_and_frees_its_place(on: Shop, ann: Client) -> None:
    created = new_registry(ann)
    registry_id = created["registry_id"]
    add(ann, registry_id, "MUG-1", 2)
    buy(on, registry_id, "o1", "MUG-1", 1)
    assert ann.request("DELETE", f"{API}/{registry_id}").status == 204
    assert ann.get(f"{API}/{registry_id}").status == 404
    assert ann.request("DELETE", f"{API}/{registry_id}").status == 404
    assert not [i for i in data_items("CustomersTable") if "registry" in i["pk"]["S"] + i["sk"]["S"]]
    (profile,) = [i for i in data_items("CustomersTable") if i["sk"]["S"] == "profile"]
    assert profile["registry_count"] == {"N": "0"}
    assert (
        Client(ann.gateway, host="shop.example").get(created["share_url"].removeprefix("https://shop.example")).status
        == 404
    )
    assert _events("RegistryDeleted") == [{"store_id": "s1", "email": "ann@example.com", "registry_id": registry_id}]


def test_twenty_registries_at_most(ann: Client, on: Shop) -> None:
    for n in range(20):
        new_registry(ann, f"R{n}")
    before = data_items("CustomersTable")
    reply = ann.post(API, {"title": "21st", "event_date": days_ahead(5)})
    assert reply.status == 409
    assert data_items("CustomersTable") == before


def test_another_customers_registry_is_404_for_every_route(on: Shop, ann: Client) -> None:
    registry_id = new_registry(ann)["registry_id"]
    add(ann, registry_id, "MUG-1")
    bob = Client(ann.gateway, host="shop.example")
    on.login(bob, BOB)
    before = data_items("CustomersTable")
    assert bob.get(f"{API}/{registry_id}").status == 404
    assert bob.request("PATCH", f"{API}/{registry_id}", {"title": "Mine", "closed": True}).status == 404
    assert bob.request("DELETE", f"{API}/{registry_id}").status == 404
    assert add(bob, registry_id, "TEA-9").status == 404
    assert bob.request("DELETE", f"{API}/{registry_id}/items/MUG-1").status == 404
    assert bob.get(API).json() == {"registries": []}
    for made_up in ("r0000000000000000", "r1", registry_id[:-1]):
        assert ann.get(f"{API}/{made_up}").status == 404
    assert data_items("CustomersTable") == before


def test_another_stores_customer_with_the_same_email_sees_none_of_it(on: Shop, ann: Client) -> None:
    registry_id = new_registry(ann)["registry_id"]
    other = Shop.create(on.admin, "s2", "other.example", registries_enabled=True)
    elsewhere = Client(ann.gateway, host="other.example")
    other.login(elsewhere, "ann@example.com")
    assert elsewhere.get(API).json() == {"registries": []}
    assert elsewhere.get(f"{API}/{registry_id}").status == 404
    assert on.admin.get(f"/admin/stores/s2/registries/{registry_id}").status == 404


def test_a_store_without_registries_answers_404(on: Shop, ann: Client) -> None:
    registry_id = new_registry(ann)["registry_id"]
    on.settings()
    before = data_items("CustomersTable")
    assert ann.get(API).status == 404
    assert ann.post(API, {"title": "More", "event_date": days_ahead(3)}).status == 404
    assert ann.get(f"{API}/{registry_id}").status == 404
    assert ann.request("PATCH", f"{API}/{registry_id}", {"closed": True}).status == 404
    assert add(ann, registry_id, "MUG-1").status == 404
    assert ann.request("DELETE", f"{API}/{registry_id}").status == 404
    assert data_items("CustomersTable") == before
    assert on.admin.get(f"/admin/stores/s1/registries/{registry_id}").status == 200  # the store's routes still work


def test_without_a_session_it_is_401(on: Shop, customer: Client) -> None:
    assert customer.get(API).status == 401
    assert customer.post(API, {"title": "x", "event_date": days_ahead(1)}).status == 401


def test_no_stored_item_holds_the_share_token(ann: Client) -> None:
    token = new_registry(ann)["share_url"].rsplit("/", 1)[1]
    assert not [item for item in data_items("CustomersTable") if token in repr(item)]
