"""Reward points under races, on the logic (tests/harness/support.race): ten pushes of different entries
at once all count, one entry pushed ten times at once counts once, and the balance (a cache) is always the
sum of the ledger, recomputed here from the ledger itself."""

from __future__ import annotations

from typing import Any

from access_center.points import logic
from access_center.points import storage as db
from access_center.points.models import PointsEntryIn
from tests.functional.points.conftest import ANN, entry, points_items
from tests.harness.support import Shop, race


def _body(**extra: Any) -> PointsEntryIn:
    return PointsEntryIn.model_validate(entry(**extra))


def _recomputed(email: str = ANN) -> int:
    return sum(line["points"] for line in logic.ledger("s1", email))


def _balance_item() -> dict[str, Any]:
    [item] = [i for i in points_items() if i["sk"]["S"] == "points"]
    return item


def test_ten_different_entries_pushed_at_once_all_count(shop: Shop) -> None:
    results = race(
        lambda i: logic.put("s1", f"e{i}", _body(points=i + 1, occurred_at=f"2026-03-0{i % 9 + 1}T10:00:00Z"))[0], 10
    )
    assert results == [True] * 10
    assert db.balance("s1", ANN) == sum(range(1, 11)) == _recomputed()
    assert _balance_item()["entry_count"] == {"N": "10"}
    assert len(list(logic.ledger("s1", ANN))) == 10


def test_one_entry_pushed_ten_times_at_once_counts_once(shop: Shop) -> None:
    results = race(lambda _: logic.put("s1", "e1", _body(points=250))[0], 10)
    assert sorted(results) == [False] * 9 + [True]
    assert db.balance("s1", ANN) == 250 == _recomputed()
    assert _balance_item()["entry_count"] == {"N": "1"}


def test_a_conflicting_push_racing_the_original_leaves_one_of_them_whole(shop: Shop) -> None:
    def work(i: int) -> Any:
        return logic.put("s1", "e1", _body(points=100 if i % 2 else 200))[0]

    results = race(work, 8)
    kept = db.balance("s1", ANN)
    assert kept in (100, 200)
    # The winner's three twins are the same again (200); the four others are other content (409).
    assert sorted(results, key=str) == [409] * 4 + [False] * 3 + [True]
    assert kept == _recomputed()


def test_the_balance_is_the_ledgers_sum_after_mixed_pushes_and_repeats(shop: Shop) -> None:
    bodies = [
        _body(points=p, occurred_at=f"2026-04-{d:02d}T10:00:00Z") for d, p in enumerate((500, -120, 75, -400, 9), 1)
    ]
    for round_ in range(2):  # every entry twice: the second round changes nothing
        for n, body in enumerate(bodies):
            assert logic.put("s1", f"m{n}", body)[0] is (round_ == 0)
    assert db.balance("s1", ANN) == 64 == _recomputed()
