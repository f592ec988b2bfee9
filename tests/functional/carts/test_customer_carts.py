"""The customer's saved carts, JSON: /store/account/api/carts[/{cart_id}[/restore]] (API.md section 12)."""

from __future__ import annotations

from typing import Any

import pytest

from access_center.carts.models import RestoredCart, SavedCart, SavedCartList
from tests.functional.carts.conftest import ANN, API, BOB, cart_body, push
from tests.harness.backends import data_items
from tests.harness.bodies import store_settings
from tests.harness.catalog import published, put_product
from tests.harness.models import answer
from tests.harness.support import Client, Shop


def _list(client: Client, query: str = "") -> dict[str, Any]:
    reply = client.get(API + query)
    assert reply.status == 200, reply.body
    return answer(SavedCartList, reply)  # type: ignore[no-any-return]


def _events(kind: str) -> list[dict[str, Any]]:
    return [event["detail"] for event in published() if event["detail_type"] == kind]


def test_the_list_shows_each_line_at_todays_price_and_whether_it_can_be_added(shop: Shop, ann: Client) -> None:
    assert push(shop, "c1").status == 201
    [cart] = _list(ann)["carts"]
    assert cart == {
        "cart_id": "c1",
        "name": "Weekend order",
        "saved_at": "2026-03-01T10:00:00Z",
        "items": [
            {"sku": "MUG-1", "quantity": 2, "name": "Mug", "current_unit_price": 1400, "currency": "EUR",
             "addable": True},
            {"sku": "TEA-9", "quantity": 1, "name": "Tea", "current_unit_price": 800, "currency": "EUR",
             "addable": False, "reason": "out_of_stock"},
            {"sku": "SCL-1", "quantity": 1, "name": "Scale", "current_unit_price": 3900, "currency": "EUR",
             "addable": False, "reason": "unavailable"},
        ],
    }  # fmt: skip
    assert put_product(shop.admin, "s1", "MUG-1", unit_price=1500).status == 200
    assert _list(ann)["carts"][0]["items"][0]["current_unit_price"] == 1500  # the catalog's, when read


def test_a_sku_the_catalog_lacks_is_unavailable_with_no_price(shop: Shop, ann: Client) -> None:
    assert push(shop, "c1", cart_body(items=[{"sku": "GONE", "quantity": 3}])).status == 201
    [line] = _list(ann)["carts"][0]["items"]
    assert line == {"sku": "GONE", "quantity": 3, "name": None, "current_unit_price": None, "currency": None,
                    "addable": False, "reason": "unavailable"}  # fmt: skip


def test_the_list_is_newest_saved_first_and_pages_with_a_signed_cursor(shop: Shop, ann: Client) -> None:
    for day in range(1, 6):
        assert push(shop, f"c{day}", cart_body(saved_at=f"2026-03-0{day}T10:00:00Z")).status == 201
    assert push(shop, "bob1", cart_body(email=BOB, saved_at="2026-03-09T10:00:00Z")).status == 201
    first = _list(ann, "?limit=2")
    assert [c["cart_id"] for c in first["carts"]] == ["c5", "c4"]
    second = _list(ann, f"?limit=2&cursor={first['next_cursor']}")
    assert [c["cart_id"] for c in second["carts"]] == ["c3", "c2"]
    last = _list(ann, f"?limit=2&cursor={second['next_cursor']}")
    assert [c["cart_id"] for c in last["carts"]] == ["c1"]
    assert last["next_cursor"] is None
    assert [c["cart_id"] for c in _list(ann)["carts"]] == ["c5", "c4", "c3", "c2", "c1"]


def test_a_cursor_of_another_customers_list_or_a_bad_limit_is_400(shop: Shop, ann: Client, gateway: Any) -> None:
    for day in range(1, 4):
        assert push(shop, f"b{day}", cart_body(email=BOB, saved_at=f"2026-03-0{day}T10:00:00Z")).status == 201
    bob = Client(gateway, host="shop.example")
    shop.login(bob, BOB)
    bobs = _list(bob, "?limit=1")["next_cursor"]
    assert bobs
    assert ann.get(f"{API}?cursor={bobs}").status == 400
    assert ann.get(f"{API}?cursor=forged.cursor").status == 400
    for limit in ("0", "101", "x"):
        assert ann.get(f"{API}?limit={limit}").status == 400


def test_rename_answers_the_cart_and_tells_the_store(shop: Shop, ann: Client) -> None:
    assert push(shop, "c1").status == 201
    reply = ann.request("PATCH", f"{API}/c1", {"name": "  BBQ  "})
    assert reply.status == 200, reply.body
    assert answer(SavedCart, reply)["name"] == "BBQ"
    assert _list(ann)["carts"][0]["name"] == "BBQ"
    assert _events("SavedCartRenamed") == [
        {"store_id": "s1", "email": ANN, "cart_id": "c1", "name": "BBQ", "previous_name": "Weekend order"}
    ]
    assert ann.request("PATCH", f"{API}/c1", {"name": "BBQ"}).status == 200
    assert len(_events("SavedCartRenamed")) == 1  # no change, nothing to tell
    cleared = ann.request("PATCH", f"{API}/c1", {"name": ""})
    assert answer(SavedCart, cleared)["name"] is None


def test_a_rename_survives_the_store_pushing_the_same_cart_again(shop: Shop, ann: Client) -> None:
    assert push(shop, "c1").status == 201
    assert ann.request("PATCH", f"{API}/c1", {"name": "BBQ"}).status == 200
    assert push(shop, "c1").json()["name"] == "BBQ"  # a resend of what it sent before
    body = cart_body(items=[{"sku": "MUG-1", "quantity": 5}])
    del body["name"]
    assert push(shop, "c1", body).json()["name"] == "BBQ"  # no name: the cart keeps its own
    assert push(shop, "c1", cart_body(name="Party")).json()["name"] == "Party"  # the store's new name
    assert _list(ann)["carts"][0]["name"] == "Party"


@pytest.mark.parametrize("body", [{"name": "x" * 201}, {"name": "a\nb"}, {}, {"name": 5}, {"name": "ok", "x": 1}])
def test_a_refused_rename_is_400_and_writes_nothing(shop: Shop, ann: Client, body: dict[str, Any]) -> None:
    assert push(shop, "c1").status == 201
    before = data_items("CustomersTable")
    reply = ann.request("PATCH", f"{API}/c1", body)
    assert reply.status == 400, reply.body
    assert set(reply.json()) <= {"error", "message", "details"}
    assert data_items("CustomersTable") == before
    assert _events("SavedCartRenamed") == []


def test_delete_removes_the_cart_and_its_entry_and_tells_the_store(shop: Shop, ann: Client) -> None:
    assert push(shop, "c1").status == 201
    reply = ann.request("DELETE", f"{API}/c1")
    assert reply.status == 204
    assert _list(ann)["carts"] == []
    assert not [i for i in data_items("CustomersTable") if "cart" in i["sk"]["S"]]
    assert _events("SavedCartDeleted") == [{"store_id": "s1", "email": ANN, "cart_id": "c1", "name": "Weekend order"}]
    assert ann.request("DELETE", f"{API}/c1").status == 404


def test_restore_answers_the_cart_link_with_the_addable_lines_and_says_what_was_skipped(
    shop: Shop, ann: Client
) -> None:
    items = [{"sku": "MUG-1", "quantity": 2}, {"sku": "TEA-9", "quantity": 1}, {"sku": "BEAN-1", "quantity": 3}]
    assert push(shop, "c1", cart_body(items=items)).status == 201
    reply = ann.post(f"{API}/c1/restore")
    assert reply.status == 200, reply.body
    assert answer(RestoredCart, reply) == {
        "cart_url": "https://shop.example/cart/MUG-1:2,BEAN-1:3",  # a backorder is addable
        "skipped": [{"sku": "TEA-9", "reason": "out_of_stock"}],
    }
    assert _events("SavedCartRestored") == [
        {
            "store_id": "s1",
            "email": ANN,
            "cart_id": "c1",
            "name": "Weekend order",
            "items": [
                {"sku": "MUG-1", "quantity": 2, "unit_price": 1400, "currency": "EUR"},
                {"sku": "BEAN-1", "quantity": 3, "unit_price": 1750, "currency": "EUR"},
            ],
            "skipped": [{"sku": "TEA-9", "reason": "out_of_stock"}],
            "cart_url": "https://shop.example/cart/MUG-1:2,BEAN-1:3",
        }
    ]
    assert _list(ann)["carts"][0]["cart_id"] == "c1"  # restoring keeps the saved cart


def test_restore_with_everything_addable_has_no_skipped(shop: Shop, ann: Client) -> None:
    assert push(shop, "c1", cart_body(items=[{"sku": "MUG-1", "quantity": 1}])).status == 201
    assert answer(RestoredCart, ann.post(f"{API}/c1/restore")) == {"cart_url": "https://shop.example/cart/MUG-1:1"}


def test_restore_is_409_when_nothing_can_be_added_or_the_store_has_no_cart_link(shop: Shop, ann: Client) -> None:
    items = [{"sku": "TEA-9", "quantity": 1}, {"sku": "SCL-1", "quantity": 1}]
    assert push(shop, "c1", cart_body(items=items)).status == 201
    nothing = ann.post(f"{API}/c1/restore")
    assert nothing.status == 409
    assert nothing.json()["details"] == [{"sku": "TEA-9", "reason": "out_of_stock"},
                                         {"sku": "SCL-1", "reason": "unavailable"}]  # fmt: skip
    assert push(shop, "c2", cart_body(items=[{"sku": "MUG-1", "quantity": 1}])).status == 201
    assert shop.admin.put("/admin/stores/s1", store_settings(saved_carts_enabled=True)).status == 200
    no_link = ann.post(f"{API}/c2/restore")
    assert no_link.status == 409
    assert no_link.json()["error"] == "conflict"
    assert _events("SavedCartRestored") == []


def test_another_customers_or_stores_cart_is_404_to_every_route(shop: Shop, ann: Client, admin: Client) -> None:
    from tests.harness.support import Shop as ShopType

    assert push(shop, "bobs", cart_body(email=BOB)).status == 201
    other = ShopType.create(
        admin, "s2", "other.example", saved_carts_enabled=True, cart_url_template="https://o/{items}"
    )
    assert push(other, "c9").status == 201  # Ann's cart, at the other store
    before = data_items("CustomersTable")
    for cart_id in ("bobs", "c9", "nope"):
        assert ann.request("PATCH", f"{API}/{cart_id}", {"name": "Mine"}).status == 404
        assert ann.request("DELETE", f"{API}/{cart_id}").status == 404
        assert ann.post(f"{API}/{cart_id}/restore").status == 404
    assert [c["cart_id"] for c in _list(ann)["carts"]] == []
    assert data_items("CustomersTable") == before
    assert published() == []


def test_a_store_with_saved_carts_off_answers_404_even_before_the_session(
    shop: Shop, ann: Client, gateway: Any
) -> None:
    assert push(shop, "c1").status == 201
    assert shop.admin.put("/admin/stores/s1", store_settings(cart_url_template="https://x/{items}")).status == 200
    stranger = Client(gateway, host="shop.example")
    for client in (ann, stranger):
        assert client.get(API).status == 404
        assert client.request("PATCH", f"{API}/c1", {"name": "x"}).status == 404
        assert client.request("DELETE", f"{API}/c1").status == 404
        assert client.post(f"{API}/c1/restore").status == 404
    assert push(shop, "c2").status == 201  # the store's pushes are still taken


def test_without_a_session_the_routes_are_401(shop: Shop, ann: Client, gateway: Any) -> None:
    stranger = Client(gateway, host="shop.example")
    assert stranger.get(API).status == 401
    assert stranger.post(f"{API}/c1/restore").status == 401
