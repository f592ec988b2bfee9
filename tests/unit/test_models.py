"""The edge models (access_center.<feature>.models): stored data read leniently, answers described as
sent, and the harness check that holds every answer to its model (tests/harness/models.py)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from access_center.core.fields import ANSWERS, Answer
from access_center.orders import images
from access_center.orders.models import AddressView, OrderSummary, Totals
from tests.harness.bodies import order_body
from tests.harness.models import answer

SUMMARY: dict[str, Any] = {
    "order_id": "o1",
    "number": "1001",
    "placed_at": "2026-11-20T10:00:00Z",
    "currency": "EUR",
    "total": 4422,
    "status": "processing",
    "fulfilment_status": "unfulfilled",
    "item_count": 3,
}


def test_an_answer_that_matches_its_model_is_returned_as_sent() -> None:
    assert answer(OrderSummary, SUMMARY) == SUMMARY


@pytest.mark.parametrize(
    "change",
    [
        {"colour": "red"},  # a field the model does not have
        {"total": "4422"},  # of the wrong type
        {"placed_at": "2026-11-20T12:00:00+02:00"},  # not in the form the model gives it
        {"number": None},  # null where a value is required
    ],
    ids=["unknown field", "wrong type", "not normalised", "null"],
)
def test_an_answer_that_differs_from_its_model_fails(change: dict[str, Any]) -> None:
    with pytest.raises((AssertionError, ValidationError)):
        answer(OrderSummary, {**SUMMARY, **change})


def test_an_answer_missing_a_field_fails() -> None:
    with pytest.raises(ValidationError):
        answer(OrderSummary, {k: v for k, v in SUMMARY.items() if k != "item_count"})


def test_an_optional_field_is_left_out_of_an_answer_never_null() -> None:
    assert answer(AddressView, {"city": "Springfield"}) == {"city": "Springfield"}
    with pytest.raises(AssertionError, match=r"AddressView.line2 is answered null"):
        answer(AddressView, {"city": "Springfield", "line2": None})


def test_openapi_describes_answers_as_sent() -> None:
    totals = Totals.model_json_schema()
    assert totals["required"] == ["subtotal", "discount", "shipping", "tax", "total"]  # defaults are always sent
    assert "default" not in totals["properties"]["discount"]
    city = AddressView.model_json_schema()["properties"]["city"]
    assert city == {"default": None, "maxLength": 100, "minLength": 1, "title": "City", "type": "string"}


def test_a_stream_image_is_read_without_the_attributes_the_code_does_not_know() -> None:
    order = order_body()
    order["items"][0]["quantity"] = Decimal("2")  # the stream's numbers are Decimals
    order["gift_note"] = "Happy birthday"
    order["items"][0]["colour"] = "red"
    order["totals"]["rounding"] = Decimal("0.5")
    image = {"pk": "s1#o1", "version": Decimal("3"), "store_id": "s1", "order_id": "o1", "order": order}

    read = images.order_item(image)

    assert read.order.items[0].quantity == 2
    assert type(read.order.items[0].quantity) is int
    assert read.order.fulfilments == []


def test_two_answer_models_cannot_share_a_name() -> None:
    with pytest.raises(TypeError, match="two answer models named OrderSummary"):

        class OrderSummary(Answer):  # the name openapi.json already gives to orders' list entry
            order_id: str

    assert ANSWERS["OrderSummary"].__module__ == "access_center.orders.models"
