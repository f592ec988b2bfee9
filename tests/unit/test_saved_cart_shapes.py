"""Saved carts' TypedDicts (carts.shapes) stay in step with their answer models (carts.models): each
TypedDict's keys are its model's fields (tests/unit/test_stored_shapes.py does this for the older features)."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from access_center.carts import models, shapes

PAIRS: list[tuple[Any, type[BaseModel]]] = [
    (shapes.CartLine, models.CartLineView),
    (shapes.CartLine, models.CartLineIn),
    (shapes.StoredSavedCart, models.StoredSavedCart),
    (shapes.SavedCartLine, models.SavedCartLine),
    (shapes.SavedCart, models.SavedCart),
    (shapes.SavedCartList, models.SavedCartList),
    (shapes.SkippedLine, models.SkippedLine),
    (shapes.RestoredCart, models.RestoredCart),
]


@pytest.mark.parametrize(("shape", "model"), PAIRS, ids=lambda p: getattr(p, "__name__", str(p)))
def test_a_shape_has_its_models_fields(shape: Any, model: type[BaseModel]) -> None:
    assert set(shape.__annotations__) == set(model.model_fields)
    optional = {name for name, field in model.model_fields.items() if not field.is_required()}
    assert set(shape.__optional_keys__) <= optional
