"""The TypedDicts the code passes stored shapes around as (mypy reads them) stay in step with the pydantic
edge models that describe the same data (the API, the stream images, the tests' answer checks): each
TypedDict's keys are its model's fields, so a field added to one and not the other fails here."""

from __future__ import annotations

from typing import Any, get_args

import pytest
from pydantic import BaseModel

from access_center.orders import models, parts, shapes

PAIRS: list[tuple[Any, type[BaseModel]]] = [
    (shapes.Address, models.Address),
    (shapes.OrderLine, models.LineItemIn),
    (shapes.LineView, models.LineItemView),
    (shapes.Totals, models.TotalsIn),
    (shapes.Totals, models.Totals),
    (shapes.FulfilmentLine, models.FulfilmentLine),
    (shapes.TrackingEvent, parts.TrackingEvent),
    (shapes.Fulfilment, models.Fulfilment),
    (shapes.Cancellation, parts.Cancellation),
    (shapes.ReturnLine, parts.ReturnLine),
    (shapes.StoredReturn, parts.StoredReturn),
    (shapes.Order, models.StoredOrder),
    (shapes.OrderView, models.OrderView),
]


def _keys(shape: Any) -> set[str]:
    return set(shape.__required_keys__) | set(shape.__optional_keys__)


def _fields(model: type[BaseModel]) -> set[str]:
    return {field.alias or name for name, field in model.model_fields.items()}


@pytest.mark.parametrize(("shape", "model"), PAIRS, ids=lambda p: p.__name__)
def test_each_shape_has_its_models_fields(shape: Any, model: type[BaseModel]) -> None:
    assert _keys(shape) == _fields(model)


@pytest.mark.parametrize(("shape", "model"), PAIRS, ids=lambda p: p.__name__)
def test_a_required_key_is_a_field_every_stored_copy_has(shape: Any, model: type[BaseModel]) -> None:
    # A key the code may read without .get is one the model requires or always fills (a default).
    optional_in_model = {name for name, field in model.model_fields.items() if field.default is None}
    assert not set(shape.__required_keys__) & optional_in_model


def test_the_status_words_are_the_models() -> None:
    assert get_args(shapes.CancellationStatus) == get_args(parts.CancellationStatus)
    assert get_args(shapes.ReturnStatus) == get_args(parts.ReturnStatus)
    assert get_args(shapes.TrackingStatus) == get_args(parts.TrackingStatus)
