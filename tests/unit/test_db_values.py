"""DynamoDB JSON as the code reads it (access_center.db.values): TypeDeserializer's values, whole numbers
as int at any depth, a fraction kept a Decimal (an integer field then refuses it)."""

from __future__ import annotations

from decimal import Decimal

from access_center.db.values import plain, whole_numbers


def test_a_list_entry_reads_as_pynamodb_reads_an_untyped_map() -> None:
    summary = {
        "M": {
            "order_id": {"S": "o1"},
            "total": {"N": "4422"},
            "first_items": {"L": [{"M": {"name": {"S": "Mug"}, "quantity": {"N": "2"}}}]},
            "estimated_delivery": {"NULL": True},
            "paid": {"BOOL": True},
        }
    }
    read = plain(summary)
    assert read == {
        "order_id": "o1",
        "total": 4422,
        "first_items": [{"name": "Mug", "quantity": 2}],
        "estimated_delivery": None,
        "paid": True,
    }
    assert type(read["total"]) is int
    assert type(read["first_items"][0]["quantity"]) is int


def test_a_fraction_stays_a_decimal_and_sets_stay_sets() -> None:
    assert plain({"N": "1.50"}) == Decimal("1.50")
    assert plain({"SS": ["a", "b"]}) == {"a", "b"}
    assert whole_numbers({"n": Decimal("3.0"), "l": [Decimal("2.5")]}) == {"n": 3, "l": [Decimal("2.5")]}
