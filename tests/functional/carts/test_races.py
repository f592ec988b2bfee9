"""Saved carts under races, on the logic (tests/harness/support.race): a cart and its customer's entry
always agree, one entry per cart, whoever writes at once (the store pushing, the customer renaming or
deleting), and a once-only outcome (creation, deletion and its event) happens once."""

from __future__ import annotations

from typing import Any

import pytest

from access_center.carts import logic, storage
from access_center.carts.models import SavedCartIn
from access_center.db.transactions import WriteConflict
from access_center.stores.logic import get_store
from tests.functional.carts.conftest import ANN, cart_body, push
from tests.harness.backends import data_items
from tests.harness.catalog import published
from tests.harness.support import Client, Shop, race


def _cart_items() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    items = data_items("CustomersTable")
    carts = [i for i in items if i["pk"]["S"].startswith("s1#cart#")]
    entries = [i for i in items if i["sk"]["S"].startswith("cart#")]
    return carts, entries


def _agree() -> None:
    carts, entries = _cart_items()
    assert len(entries) == len(carts)
    by_id = {e["cart_id"]["S"]: e for e in entries}
    for cart in carts:
        entry = by_id[cart["cart_id"]["S"]]
        assert entry["sk"]["S"] == cart["entry_sk"]["S"]
        assert entry.get("name") == cart.get("name")
        assert entry["items"] == cart["items"]
        assert entry["saved_at"] == cart["saved_at"]


def _body(**extra: Any) -> SavedCartIn:
    return SavedCartIn.model_validate(cart_body(**extra))


def test_one_of_many_pushes_of_a_new_cart_creates_it(shop: Shop) -> None:
    created = race(lambda i: logic.put("s1", "c1", _body(saved_at=f"2026-03-0{i + 1}T10:00:00Z"))[0], 6)
    assert sorted(created) == [False] * 5 + [True]
    _agree()


def test_pushes_moving_saved_at_and_renames_at_once_leave_one_entry_that_agrees(shop: Shop, ann: Client) -> None:
    assert push(shop, "c1").status == 201
    store = get_store("s1")

    def work(i: int) -> Any:
        if i % 2:
            return logic.rename(store, ANN, "c1", f"Name {i}")
        return logic.put("s1", "c1", _body(saved_at=f"2026-04-0{i + 1}T10:00:00Z", name=f"Store {i}"))

    results = race(work, 8)
    assert all(r == 409 or isinstance(r, dict | tuple) for r in results), results  # 409: busy past the retries
    assert any(r != 409 for r in results)
    _agree()
    assert len(_cart_items()[1]) == 1


def test_two_deletes_at_once_delete_once_and_tell_the_store_once(shop: Shop, ann: Client) -> None:
    assert push(shop, "c1").status == 201
    store = get_store("s1")
    results = race(lambda _: logic.delete(store, ANN, "c1"), 4)
    assert sorted(results, key=str) == [404, 404, 404, None]
    assert [e["detail_type"] for e in published()] == ["SavedCartDeleted"]
    assert _cart_items() == ([], [])


def test_a_delete_racing_a_push_leaves_the_cart_whole_or_gone(shop: Shop, ann: Client) -> None:
    assert push(shop, "c1").status == 201
    store = get_store("s1")

    def work(i: int) -> Any:
        if i == 0:
            return logic.delete(store, ANN, "c1")
        return logic.put("s1", "c1", _body(saved_at=f"2026-05-0{i}T10:00:00Z"))

    race(work, 6)
    _agree()


def test_a_writer_that_read_a_cart_since_deleted_and_pushed_again_loses(shop: Shop) -> None:
    """A cart pushed again after a delete starts at version 1 again: the version alone would let a writer
    holding the old cart's version 1 through (and leave the new cart's entry behind)."""
    assert push(shop, "c1").status == 201
    stale_rename, stale_delete = storage.get_cart("s1", "c1"), storage.get_cart("s1", "c1")
    assert stale_rename is not None
    assert stale_delete is not None
    assert shop.admin.request("DELETE", "/admin/stores/s1/carts/c1").status == 204
    assert push(shop, "c1", cart_body(saved_at="2026-04-01T10:00:00Z")).status == 201
    stale_rename.name = "Stale"
    with pytest.raises(WriteConflict):
        storage.save_cart("s1", stale_rename, None)
    with pytest.raises(WriteConflict):
        storage.delete_cart("s1", stale_delete)
    _agree()
    assert [e["sk"]["S"] for e in _cart_items()[1]] == ["cart#2026-04-01T10:00:00Z#c1"]
