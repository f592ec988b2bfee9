"""The quote TypedDicts the code passes around (quotes.shapes) stay in step with the edge models that
describe the same data (quotes.models): each TypedDict's keys are its model's fields."""

from __future__ import annotations

from typing import Any, get_args

import pytest
from pydantic import BaseModel

from access_center.quotes import models, shapes
from access_center.quotes.items import QuoteEntryItem

PAIRS: list[tuple[Any, type[BaseModel]]] = [
    (shapes.QuoteOption, models.OptionIn),
    (shapes.QuoteOption, models.QuoteOption),
    (shapes.QuoteLine, models.QuoteLineIn),
    (shapes.QuoteLine, models.QuoteLine),
    (shapes.QuoteTotals, models.QuoteTotalsIn),
    (shapes.QuoteTotals, models.QuoteTotals),
    (shapes.QuoteView, models.QuoteView),
    (shapes.StoreQuoteView, models.StoreQuoteView),
    (shapes.QuoteSummary, models.QuoteSummary),
    (shapes.QuoteList, models.QuoteList),
    (shapes.QuoteCart, models.QuoteCart),
]


def _keys(shape: Any) -> set[str]:
    return set(shape.__required_keys__) | set(shape.__optional_keys__)


@pytest.mark.parametrize(("shape", "model"), PAIRS, ids=lambda p: p.__name__)
def test_each_shape_has_its_models_fields(shape: Any, model: type[BaseModel]) -> None:
    assert _keys(shape) == set(model.model_fields)


@pytest.mark.parametrize(("shape", "model"), PAIRS, ids=lambda p: p.__name__)
def test_a_required_key_is_a_field_every_answer_has(shape: Any, model: type[BaseModel]) -> None:
    optional_in_model = {name for name, field in model.model_fields.items() if field.default is None}
    assert not set(shape.__required_keys__) & optional_in_model


def test_the_pushed_content_is_the_push_but_its_number_and_email() -> None:
    assert _keys(shapes.QuoteContent) == set(models.QuoteIn.model_fields) - {"number", "email"}


def test_the_words_are_the_models() -> None:
    assert get_args(shapes.Kind) == get_args(models.Kind)
    assert get_args(shapes.Status) == get_args(models.Status)


def test_a_list_entry_holds_a_summary() -> None:
    attributes = set(QuoteEntryItem.get_attributes()) - {"pk", "sk"}
    assert attributes == _keys(shapes.QuoteSummary)
