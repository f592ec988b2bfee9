"""Store systems push saved carts: PUT and DELETE /admin/stores/{store_id}/carts/{cart_id} (API.md section 12)."""

from __future__ import annotations

from typing import Any

import pytest

from access_center.carts.models import StoredSavedCart
from tests.functional.carts.conftest import ANN, BOB, cart_body, push
from tests.harness.backends import data_items
from tests.harness.catalog import published
from tests.harness.models import answer
from tests.harness.support import Shop


def _carts() -> list[dict[str, Any]]:
    """The Customers table's saved-cart items: the carts and their customers' entries."""
    return [
        item
        for item in data_items("CustomersTable")
        if "#cart#" in item["pk"]["S"] or item["sk"]["S"].startswith("cart#")
    ]


def test_a_new_cart_is_201_and_the_same_body_again_is_200_and_writes_nothing(shop: Shop) -> None:
    first = push(shop, "c1")
    assert first.status == 201, first.body
    assert answer(StoredSavedCart, first) == {"cart_id": "c1", **cart_body()}
    stored = _carts()
    assert {item["pk"]["S"] for item in stored} == {"s1#cart#c1", f"s1#{ANN}"}
    again = push(shop, "c1")
    assert again.status == 200
    assert answer(StoredSavedCart, again) == answer(StoredSavedCart, first)
    assert _carts() == stored  # not even the version moved
    assert published() == []  # the store knows what it pushed


def test_the_email_is_normalised_and_a_cart_is_taken_while_the_store_shows_none(shop: Shop) -> None:
    reply = push(shop, "c1", cart_body(email="  Ann@Example.COM "))
    assert reply.status == 201
    assert reply.json()["email"] == ANN


def test_a_changed_saved_at_moves_the_customers_entry(shop: Shop) -> None:
    assert push(shop, "c1").status == 201
    assert push(shop, "c1", cart_body(saved_at="2026-03-02T09:00:00+02:00")).status == 200
    entries = [item["sk"]["S"] for item in _carts() if item["pk"]["S"] == f"s1#{ANN}"]
    assert entries == ["cart#2026-03-02T07:00:00Z#c1"]


def test_another_email_under_the_same_cart_id_is_409_and_writes_nothing(shop: Shop) -> None:
    assert push(shop, "c1").status == 201
    before = _carts()
    reply = push(shop, "c1", cart_body(email=BOB))
    assert reply.status == 409
    assert reply.json()["error"] == "conflict"
    assert _carts() == before


def test_an_unknown_store_is_404(shop: Shop) -> None:
    reply = push(shop, "c1", store_id="nope")
    assert reply.status == 404
    assert _carts() == []


def _lines(n: int) -> list[dict[str, Any]]:
    return [{"sku": f"SKU-{i}", "quantity": 1} for i in range(n)]


@pytest.mark.parametrize(
    "change",
    [
        {"items": _lines(201)},
        {"items": []},
        {"items": [{"sku": "A", "quantity": 0}]},
        {"items": [{"sku": "A", "quantity": 10000}]},
        {"items": [{"sku": "A", "quantity": "2"}]},
        {"items": [{"sku": "A", "quantity": 1}, {"sku": "A", "quantity": 2}]},
        {"items": [{"sku": "A\nB", "quantity": 1}]},
        {"items": [{"sku": "", "quantity": 1}]},
        {"name": "x" * 201},
        {"name": "two\nlines"},
        {"saved_at": "yesterday"},
        {"saved_at": "9999-12-31T23:59:59-23:59"},
        {"saved_at": "0001-01-01T00:00:00+01:00"},
        {"email": "not an email"},
        {"price": 100},
    ],
    ids=lambda change: next(iter(change)) + ":" + str(next(iter(change.values())))[:30],
)
def test_a_refused_body_is_a_4xx_in_the_contracts_shape_and_writes_nothing(shop: Shop, change: dict[str, Any]) -> None:
    reply = push(shop, "c1", cart_body(**change))
    assert reply.status in (400, 422), reply.body
    assert reply.json()["error"] in ("bad_request", "unprocessable")
    assert _carts() == []


def test_two_hundred_lines_of_up_to_9999_each_are_taken(shop: Shop) -> None:
    items = [{"sku": f"SKU-{i}", "quantity": 9999} for i in range(200)]
    assert push(shop, "c1", cart_body(items=items)).status == 201


def test_the_store_deletes_a_cart_and_its_entry_and_a_second_delete_is_204_too(shop: Shop) -> None:
    assert push(shop, "c1").status == 201
    assert push(shop, "c2", cart_body(saved_at="2026-03-05T10:00:00Z")).status == 201
    assert shop.admin.request("DELETE", "/admin/stores/s1/carts/c1").status == 204
    assert {item["sk"]["S"] for item in _carts()} == {"cart", "cart#2026-03-05T10:00:00Z#c2"}
    assert shop.admin.request("DELETE", "/admin/stores/s1/carts/c1").status == 204
    assert published() == []
