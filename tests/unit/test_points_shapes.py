"""Reward points' TypedDicts (points.shapes) stay in step with their answer models (points.models): each
TypedDict's keys are its model's fields, and its optional keys optional there."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from access_center.points import models, shapes

PAIRS: list[tuple[Any, type[BaseModel]]] = [
    (shapes.EntryContent, models.PointsEntryIn),
    (shapes.StoredPointsEntry, models.StoredPointsEntry),
    (shapes.PointsEntry, models.PointsEntry),
    (shapes.ExpiringPoints, models.ExpiringPoints),
    (shapes.PointsSummary, models.PointsSummary),
]


@pytest.mark.parametrize(("shape", "model"), PAIRS, ids=lambda p: getattr(p, "__name__", str(p)))
def test_a_shape_has_its_models_fields(shape: Any, model: type[BaseModel]) -> None:
    assert set(shape.__annotations__) == set(model.model_fields)
    optional = {name for name, field in model.model_fields.items() if not field.is_required()}
    assert set(shape.__optional_keys__) <= optional
