"""The one text rule (core.text): what every free-text field refuses, what single-line fields refuse too,
and what stays text; the edge models apply it to every text field (core.fields.Strict)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from access_center.cancellations.models import CancellationIn
from access_center.core.text import free_text
from access_center.orders.models import LineItemIn
from access_center.returns.models import ReturnIn
from access_center.stores.models import StoreSettingsIn

REFUSED_EVERYWHERE = {
    "NUL": "a\x00b",
    "ESC": "a\x1b[31mb",
    "DEL": "a\x7fb",
    "C1 NEL": "a\x85b",
    "line separator": "a\u2028b",
    "paragraph separator": "a\u2029b",
    "LRE": "a\u202ab",
    "RLO": "invoice\u202egpj.exe",
    "LRI": "a\u2066b",
    "PDI": "a\u2069b",
    "leading BOM": "\ufeffName",
    "lone BOM": "\ufeff",
    "lone high surrogate": "a\ud800b",
    "lone low surrogate": "a\udc00b",
}
TEXT = {
    "accents": "Crème brûlée",
    "right-to-left letters": "متجر القهوة",
    "emoji with joiners": "👩‍👩‍👧 family pack",
    "zero-width joiner": "a\u200db",
    "BOM inside": "a\ufeffb",
    "CJK": "急須 Kyusu teapot",
}


@pytest.mark.parametrize("multiline", [True, False], ids=["multi-line", "one line"])
@pytest.mark.parametrize("text", REFUSED_EVERYWHERE.values(), ids=REFUSED_EVERYWHERE.keys())
def test_controls_separators_bidi_bom_and_surrogates_are_refused_in_every_field(text: str, multiline: bool) -> None:
    with pytest.raises(ValueError, match="control or invisible direction characters"):
        free_text(text, multiline=multiline)


@pytest.mark.parametrize("multiline", [True, False], ids=["multi-line", "one line"])
@pytest.mark.parametrize("text", TEXT.values(), ids=TEXT.keys())
def test_other_unicode_is_text(text: str, multiline: bool) -> None:
    assert free_text(text, multiline=multiline) == text


def test_multi_line_text_keeps_tabs_and_line_breaks_with_cr_lf_and_a_lone_cr_as_lf() -> None:
    assert free_text("one\r\ntwo\n\tthree\rfour", multiline=True) == "one\ntwo\n\tthree\nfour"


@pytest.mark.parametrize("text", ["one\ntwo", "one\r\ntwo", "a\rb", "a\tb"])
def test_a_single_line_field_refuses_line_breaks_and_tabs(text: str) -> None:
    with pytest.raises(ValueError, match="one line"):
        free_text(text, multiline=False)


def _refused(model: type, **fields: object) -> None:
    with pytest.raises(ValidationError):
        model.model_validate(fields)


@pytest.mark.parametrize("text", ["No\x00thanks", "\x1b[2J", "a\u2028b", "x\u202eevil"])
def test_the_edge_models_apply_the_rule(text: str) -> None:
    _refused(CancellationIn, reason=text)
    _refused(ReturnIn, items=[{"line_id": "l1", "quantity": 1, "reason": "other"}], comment=text)
    _refused(StoreSettingsIn, name=text, from_email="orders@shop.example")
    _refused(LineItemIn, line_id="l1", name=text, quantity=1, unit_price=1)


def test_a_store_name_refuses_a_lone_bom_and_takes_ordinary_unicode() -> None:
    _refused(StoreSettingsIn, name="\ufeff", from_email="orders@shop.example")
    _refused(StoreSettingsIn, name=" \ufeff", from_email="orders@shop.example")
    stored = StoreSettingsIn.model_validate({"name": "Café 東京 ☕", "from_email": "orders@shop.example"})
    assert stored.name == "Café 東京 ☕"


def test_multi_line_model_fields_store_cr_lf_as_lf() -> None:
    assert CancellationIn.model_validate({"reason": "Too big\r\nand blue"}).reason == "Too big\nand blue"
