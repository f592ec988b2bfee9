"""Wish lists, JSON (API.md section 12): /store/account/api/wishlists[/{list_id}[/items[/{sku}]|/cart]]."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from access_center.wishlists.models import Wishlist, WishlistCart, WishlistList
from tests.functional.wishlists.helpers import API, BOB, add, new_list
from tests.harness.backends import data_items
from tests.harness.catalog import published, put_product
from tests.harness.models import answer
from tests.harness.support import Client, Shop


def _events(kind: str) -> list[dict[str, Any]]:
    return [event["detail"] for event in published() if event["detail_type"] == kind]


def test_a_new_list_is_empty_and_listed(ann: Client) -> None:
    created = new_list(ann, "  Birthday  ")
    assert answer(Wishlist, created) == created
    assert created["name"] == "Birthday"
    assert re.fullmatch(r"w[0-9a-f]{16}", created["list_id"])
    assert (created["shared"], created["items"]) == (False, [])
    assert "share_url" not in created
    reply = ann.get(API)
    assert reply.status == 200
    assert reply.header("Cache-Control") == "no-store"
    assert answer(WishlistList, reply) == {"wishlists": [created]}
    (event,) = _events("WishlistCreated")
    assert event == {"store_id": "s1", "email": "ann@example.com", "list_id": created["list_id"], "name": "Birthday"}


def test_lists_come_newest_first(ann: Client) -> None:
    first, second = new_list(ann, "One"), new_list(ann, "Two")
    names = [one["name"] for one in ann.get(API).json()["wishlists"]]
    assert names == ["Two", "One"]
    assert {first["list_id"], second["list_id"]} == {one["list_id"] for one in ann.get(API).json()["wishlists"]}


def test_items_show_the_catalogs_price_and_availability_now(on: Shop, ann: Client) -> None:
    list_id = new_list(ann)["list_id"]
    for sku in ("MUG-1", "TEA-9", "OLD-1"):
        assert add(ann, list_id, sku).status == 201
    put_product(on.admin, "s1", "MUG-1", name="Big mug", unit_price=1500)  # a new price, after adding
    shown = answer(Wishlist, ann.get(f"{API}/{list_id}"))
    assert shown["items"] == [
        {"sku": "OLD-1", "quantity": 1, "name": "Old", "current_unit_price": 500, "currency": "EUR",
         "available": False, "in_stock": True},
        {"sku": "TEA-9", "quantity": 1, "name": "Tea", "current_unit_price": 800, "currency": "EUR",
         "available": True, "in_stock": False},
        {"sku": "MUG-1", "quantity": 1, "name": "Big mug", "current_unit_price": 1500, "currency": "EUR",
         "available": True, "in_stock": True},
    ]  # fmt: skip


def test_a_product_the_catalog_dropped_keeps_its_name_without_a_price(on: Shop, ann: Client) -> None:
    list_id = new_list(ann)["list_id"]
    assert add(ann, list_id, "MUG-1").status == 201
    assert on.admin.request("DELETE", "/admin/stores/s1/products/MUG-1").status == 204
    (item,) = answer(Wishlist, ann.get(f"{API}/{list_id}"))["items"]
    assert item == {"sku": "MUG-1", "quantity": 1, "name": "Mug", "current_unit_price": None, "currency": None,
                    "available": False, "in_stock": False}  # fmt: skip


def test_the_same_sku_again_adds_to_its_quantity(ann: Client) -> None:
    list_id = new_list(ann)["list_id"]
    first = add(ann, list_id, "MUG-1", 2)
    assert first.status == 201
    again = add(ann, list_id, "MUG-1", 3)
    assert again.status == 200
    assert answer(Wishlist, again)["items"][0]["quantity"] == 5
    added = _events("WishlistItemAdded")
    assert [(e["sku"], e["added"], e["quantity"]) for e in added] == [("MUG-1", 2, 2), ("MUG-1", 3, 5)]


def test_a_sku_the_catalog_lacks_is_422_and_writes_nothing(ann: Client) -> None:
    list_id = new_list(ann)["list_id"]
    before = data_items("CustomersTable")
    reply = add(ann, list_id, "NOPE-1")
    assert reply.status == 422
    assert reply.json()["error"] == "unprocessable"
    assert data_items("CustomersTable") == before


def test_past_999_of_one_sku_is_422(ann: Client) -> None:
    list_id = new_list(ann)["list_id"]
    assert add(ann, list_id, "MUG-1", 999).status == 201
    before = data_items("CustomersTable")
    assert add(ann, list_id, "MUG-1", 1).status == 422
    assert add(ann, new_list(ann, "Other")["list_id"], "MUG-1", 1000).status == 422
    assert [i for i in data_items("CustomersTable") if "#item#" in i["sk"]["S"]] == [
        i for i in before if "#item#" in i["sk"]["S"]
    ]


def test_bad_bodies_are_400_and_write_nothing(ann: Client) -> None:
    list_id = new_list(ann)["list_id"]
    before = data_items("CustomersTable")
    for body in ({}, {"name": ""}, {"name": "x" * 101}, {"name": 5}, {"name": "a\nb"}, {"name": "ok", "extra": 1}):
        assert ann.post(API, body).status == 400, body
    for body in ({"sku": "MUG-1", "quantity": 0}, {"sku": "MUG-1", "quantity": "2"}, {"sku": ""}, {"quantity": 1}):
        assert ann.post(f"{API}/{list_id}/items", body).status == 400, body
    for body in ({"shared": "yes"}, {"name": ""}, {"owner": "bob"}):
        assert ann.request("PATCH", f"{API}/{list_id}", body).status == 400, body
    assert ann.post(API, raw="{not json").status == 400
    assert data_items("CustomersTable") == before


def test_removing_an_item_is_204_then_404(ann: Client) -> None:
    list_id = new_list(ann)["list_id"]
    add(ann, list_id, "MUG-1")
    assert ann.request("DELETE", f"{API}/{list_id}/items/MUG-1").status == 204
    assert ann.get(f"{API}/{list_id}").json()["items"] == []
    assert ann.request("DELETE", f"{API}/{list_id}/items/MUG-1").status == 404
    (removed,) = _events("WishlistItemRemoved")
    assert removed["sku"] == "MUG-1"


def test_a_sku_with_a_slash_or_space_is_percent_encoded_in_the_path(on: Shop, ann: Client) -> None:
    put_product(on.admin, "s1", "A B/1", name="Odd")
    list_id = new_list(ann)["list_id"]
    assert add(ann, list_id, "A B/1").status == 201
    assert ann.request("DELETE", f"{API}/{list_id}/items/{quote('A B/1', safe='')}").status == 204
    assert ann.get(f"{API}/{list_id}").json()["items"] == []


def test_renaming_changes_the_name_and_tells_the_store(ann: Client) -> None:
    list_id = new_list(ann)["list_id"]
    reply = ann.request("PATCH", f"{API}/{list_id}", {"name": "Christmas"})
    assert reply.status == 200
    assert answer(Wishlist, reply)["name"] == "Christmas"
    assert [e["name"] for e in _events("WishlistRenamed")] == ["Christmas"]
    assert ann.request("PATCH", f"{API}/{list_id}", {"name": "Christmas"}).status == 200
    assert len(_events("WishlistRenamed")) == 1  # no change, no event


def test_deleting_a_list_takes_its_items_and_frees_its_place(ann: Client) -> None:
    list_id = new_list(ann)["list_id"]
    add(ann, list_id, "MUG-1")
    add(ann, list_id, "TEA-9")
    assert ann.request("DELETE", f"{API}/{list_id}").status == 204
    assert ann.get(f"{API}/{list_id}").status == 404
    assert ann.request("DELETE", f"{API}/{list_id}").status == 404
    assert not [i for i in data_items("CustomersTable") if i["sk"]["S"].startswith("wishlist#")]
    (profile,) = [i for i in data_items("CustomersTable") if i["sk"]["S"] == "profile"]
    assert profile["wishlist_count"] == {"N": "0"}
    assert _events("WishlistDeleted") == [{"store_id": "s1", "email": "ann@example.com", "list_id": list_id}]


def test_the_cart_link_holds_the_available_items_only(ann: Client) -> None:
    list_id = new_list(ann)["list_id"]
    add(ann, list_id, "MUG-1", 2)
    add(ann, list_id, "TEA-9")  # out of stock: left out
    add(ann, list_id, "OLD-1")  # no longer sold: left out
    add(ann, list_id, "PRE-1")  # out of stock, on backorder: in
    reply = ann.post(f"{API}/{list_id}/cart")
    assert reply.status == 200, reply.body
    assert answer(WishlistCart, reply) == {"cart_url": "https://shop.example/cart/PRE-1:1,MUG-1:2"}
    (event,) = _events("WishlistCartStarted")
    assert event["list_id"] == list_id
    assert event["email"] == "ann@example.com"
    assert event["items"] == [
        {"sku": "PRE-1", "quantity": 1, "unit_price": 2000, "currency": "EUR"},
        {"sku": "MUG-1", "quantity": 2, "unit_price": 1300, "currency": "EUR"},
    ]
    assert event["cart_url"] == "https://shop.example/cart/PRE-1:1,MUG-1:2"


def test_the_cart_is_409_when_nothing_is_available_or_the_store_has_no_cart_link(on: Shop, ann: Client) -> None:
    list_id = new_list(ann)["list_id"]
    assert ann.post(f"{API}/{list_id}/cart").status == 409  # empty
    add(ann, list_id, "OLD-1")
    add(ann, list_id, "TEA-9")
    assert ann.post(f"{API}/{list_id}/cart").status == 409
    add(ann, list_id, "MUG-1")
    on.settings(wishlists_enabled=True)  # no cart_url_template
    reply = ann.post(f"{API}/{list_id}/cart")
    assert reply.status == 409
    assert "cart" in reply.json()["message"]
    assert _events("WishlistCartStarted") == []


def test_another_customers_list_is_404_for_every_route(on: Shop, ann: Client, gateway: Any) -> None:
    list_id = new_list(ann)["list_id"]
    add(ann, list_id, "MUG-1")
    bob = Client(gateway, host="shop.example")
    on.login(bob, BOB)
    before = data_items("CustomersTable")
    assert bob.get(f"{API}/{list_id}").status == 404
    assert bob.request("PATCH", f"{API}/{list_id}", {"name": "Mine", "shared": True}).status == 404
    assert bob.request("DELETE", f"{API}/{list_id}").status == 404
    assert add(bob, list_id, "MUG-1").status == 404
    assert bob.request("DELETE", f"{API}/{list_id}/items/MUG-1").status == 404
    assert bob.post(f"{API}/{list_id}/cart").status == 404
    assert bob.get(API).json() == {"wishlists": []}
    for made_up in ("w0000000000000000", "w1", list_id[:-1]):
        assert ann.get(f"{API}/{made_up}").status == 404
    assert data_items("CustomersTable") == before


def test_another_stores_customer_with_the_same_email_sees_none_of_it(on: Shop, ann: Client, gateway: Any) -> None:
    list_id = new_list(ann)["list_id"]
    other = Shop.create(on.admin, "s2", "other.example", wishlists_enabled=True)
    elsewhere = Client(gateway, host="other.example")
    other.login(elsewhere, "ann@example.com")
    assert elsewhere.get(API).json() == {"wishlists": []}
    assert elsewhere.get(f"{API}/{list_id}").status == 404


def test_a_store_without_wish_lists_answers_404(on: Shop, ann: Client) -> None:
    list_id = new_list(ann)["list_id"]
    on.settings(cart_url_template="https://shop.example/cart/{items}")  # wishlists_enabled back to its default
    before = data_items("CustomersTable")
    assert ann.get(API).status == 404
    assert ann.post(API, {"name": "More"}).status == 404
    assert ann.get(f"{API}/{list_id}").status == 404
    assert add(ann, list_id, "MUG-1").status == 404
    assert ann.post(f"{API}/{list_id}/cart").status == 404
    assert ann.request("DELETE", f"{API}/{list_id}").status == 404
    assert data_items("CustomersTable") == before


def test_without_a_session_it_is_401(on: Shop, customer: Client) -> None:
    assert customer.get(API).status == 401
    assert customer.post(API, {"name": "x"}).status == 401


def test_no_stored_item_holds_a_shared_lists_token(ann: Client) -> None:
    """The token is an HMAC of the list and its sharing's nonce under the server's key: the list keeps the
    nonce, the link item the token's hash. Reading the table opens no list; unsharing, then sharing again,
    makes a new token and the old one opens nothing."""
    list_id = new_list(ann)["list_id"]
    first = ann.request("PATCH", f"{API}/{list_id}", {"shared": True}).json()["share_url"]
    assert not [item for item in data_items("CustomersTable") if first.rsplit("/", 1)[1] in repr(item)]
    stranger = Client(ann.gateway, host="shop.example")
    assert stranger.get(first.removeprefix("https://shop.example")).status == 200
    ann.request("PATCH", f"{API}/{list_id}", {"shared": False})
    second = ann.request("PATCH", f"{API}/{list_id}", {"shared": True}).json()["share_url"]
    assert second != first
    assert stranger.get(first.removeprefix("https://shop.example")).status == 404
    assert stranger.get(second.removeprefix("https://shop.example")).status == 200
