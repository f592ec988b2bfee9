"""Saved carts in the privacy export and erasure (API.md section 8): the customer's carts are exported
(cart_id, name, saved_at, items) and deleted on erasure, the carts and their entries, found through the
entries; another customer's carts stay."""

from __future__ import annotations

import io
import json
from typing import Any

from access_center.privacy import erasure, export, holdings
from access_center.privacy import erasure_storage as requests
from access_center.stores.logic import get_store
from tests.functional.carts.conftest import ANN, BOB, cart_body, push
from tests.harness.backends import data_items
from tests.harness.support import Client, Shop


def _document(email: str) -> dict[str, Any]:
    out = io.BytesIO()
    export.write_document(out, "s1", email, 0)
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


def _cart_keys() -> list[str]:
    return sorted(
        item["pk"]["S"] + " " + item["sk"]["S"]
        for item in data_items("CustomersTable")
        if "#cart#" in item["pk"]["S"] or item["sk"]["S"].startswith("cart#")
    )


def test_the_holding_is_deleted_on_erasure() -> None:
    [held] = [h for h in holdings.HOLDINGS if h.name == "saved_carts"]
    assert held.on_erasure == holdings.DELETE
    assert "saved_carts" in erasure._DELETERS


def test_the_export_holds_the_customers_saved_carts_newest_first(shop: Shop, ann: Client) -> None:
    assert push(shop, "c1").status == 201
    assert push(shop, "c2", cart_body(saved_at="2026-03-02T10:00:00Z", name="Later")).status == 201
    assert push(shop, "b1", cart_body(email=BOB)).status == 201
    assert ann.request("PATCH", "/store/account/api/carts/c1", {"name": "Renamed"}).status == 200
    assert _document(ANN)["saved_carts"] == [
        {"cart_id": "c2", "name": "Later", "saved_at": "2026-03-02T10:00:00Z", "items": cart_body()["items"]},
        {"cart_id": "c1", "name": "Renamed", "saved_at": "2026-03-01T10:00:00Z", "items": cart_body()["items"]},
    ]
    assert [c["cart_id"] for c in _document(BOB)["saved_carts"]] == ["b1"]


def test_erasure_deletes_the_customers_carts_and_entries_and_keeps_anothers(shop: Shop, ann: Client) -> None:
    assert push(shop, "c1").status == 201
    assert push(shop, "c2", cart_body(saved_at="2026-03-02T10:00:00Z")).status == 201
    assert push(shop, "b1", cart_body(email=BOB)).status == 201
    store = get_store("s1")
    erasure.request(store, ANN)
    pending = requests.get_request("s1", ANN)
    assert pending is not None
    erasure.confirm(store, erasure.link_token("s1", ANN, int(pending.issued_at)))
    assert _cart_keys() == ["s1#bob@example.com cart#2026-03-01T10:00:00Z#b1", "s1#cart#b1 cart"]
    erasure._DELETERS["saved_carts"]("s1", ANN)  # again: nothing left, no error
    assert _document(ANN)["saved_carts"] == []
