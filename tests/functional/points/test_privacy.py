"""Reward points in the privacy export and erasure (API.md section 8): the export holds the balance and
every entry, newest first; an erasure keeps them (the store's ledger) and names them for the store."""

from __future__ import annotations

import io
import json
from typing import Any

from access_center.privacy import erasure, export, holdings
from access_center.privacy import erasure_storage as requests
from access_center.stores.logic import get_store
from tests.functional.points.conftest import ANN, BOB, entry, points_items, push
from tests.harness.catalog import published
from tests.harness.support import Client, Shop


def _document(email: str) -> dict[str, Any]:
    out = io.BytesIO()
    export.write_document(out, "s1", email, 0)
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


def test_the_holding_is_kept_on_erasure() -> None:
    [held] = [h for h in holdings.HOLDINGS if h.name == "points"]
    assert held.on_erasure == holdings.KEEP
    assert "points" in holdings.kept()


def test_the_export_holds_the_balance_and_every_entry_newest_first(points_store: Shop) -> None:
    assert push(points_store, "e1", entry(120, expires_at="2027-03-01T10:00:00Z")).status == 201
    spent = {"email": ANN, "points": -20, "reason": "Redeemed", "occurred_at": "2026-03-02T10:00:00Z"}
    assert push(points_store, "e2", spent).status == 201
    assert push(points_store, "b1", entry(7, email=BOB)).status == 201
    assert _document(ANN)["points"] == {
        "balance": 100,
        "entries": [
            {"entry_id": "e2", "points": -20, "reason": "Redeemed", "occurred_at": "2026-03-02T10:00:00Z"},
            {"entry_id": "e1", "points": 120, "reason": "Order 1001", "order_id": "o1001",
             "occurred_at": "2026-03-01T10:00:00Z", "expires_at": "2027-03-01T10:00:00Z"},
        ],
    }  # fmt: skip
    assert _document(BOB)["points"]["balance"] == 7
    assert _document("nobody@example.com")["points"] is None


def test_erasure_keeps_the_points_and_names_them_for_the_store(points_store: Shop, ann: Client) -> None:
    assert push(points_store, "e1", entry(expires_at="2027-03-01T10:00:00Z")).status == 201
    before = points_items()
    store = get_store("s1")
    erasure.request(store, ANN)
    pending = requests.get_request("s1", ANN)
    assert pending is not None
    erasure.confirm(store, erasure.link_token("s1", ANN, int(pending.issued_at)))
    assert points_items() == before
    [told] = [e["detail"] for e in published() if e["detail_type"] == "CustomerErasureRequested"]
    assert "points" in told["kept"]
