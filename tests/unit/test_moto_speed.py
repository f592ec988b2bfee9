"""The fast path through moto's serializer (devtools/emulator/moto_speed.py) answers byte for byte what
moto's own path answers, for every kind of value the product stores, and leaves binary to moto."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest
from moto.core.responses import ActionResult
from moto.core.serialize import BaseJSONSerializer, JSONSerializer, XFormedAttributePicker
from moto.core.utils import get_service_model

from devtools.emulator.moto_speed import is_wire_value

MODEL = get_service_model("dynamodb")  # moto's own model of the service, with its shapes


def _value(rng: random.Random, depth: int = 0) -> dict[str, Any]:
    kinds = ["S", "N", "BOOL", "NULL", "SS", "NS"] + (["M", "L", "M", "L"] if depth < 4 else [])
    kind = rng.choice(kinds)
    if kind == "S":
        return {"S": rng.choice(["", "x", "Größe 42 \u00e9", "line\nbreak", '{"json": 1}'])}
    if kind == "N":
        return {"N": rng.choice(["0", "-12.5", "1" * 38, "1E+5"])}
    if kind in ("BOOL", "NULL"):
        return {kind: rng.random() < 0.5 or kind == "NULL"}
    if kind == "SS":
        return {"SS": ["a", "b"]}
    if kind == "NS":
        return {"NS": ["1", "2.5"]}
    if kind == "M":
        return {"M": {f"k{i}": _value(rng, depth + 1) for i in range(rng.randint(0, 4))}}
    return {"L": [_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]}


def _items(count: int) -> Iterator[dict[str, Any]]:
    rng = random.Random(30)
    for _ in range(count):
        yield {"pk": {"S": "s1#o1"}, **{f"a{i}": _value(rng) for i in range(rng.randint(1, 6))}}


def _answer(operation: str, result: dict[str, Any], *, generic: bool) -> str:
    serializer = JSONSerializer(MODEL.operation_model(operation), value_picker=XFormedAttributePicker())
    if generic:  # moto's own path, for this one answer
        serializer._serialize_type_structure = (  # type: ignore[method-assign]
            lambda *args: BaseJSONSerializer._generic_structure(serializer, *args)  # type: ignore[attr-defined]
        )
    return str(serializer.serialize(ActionResult(result).result)["body"])


@pytest.mark.parametrize("index", range(40))
def test_an_item_is_answered_as_moto_answers_it(index: int) -> None:
    assert BaseJSONSerializer._fast_attribute_values  # type: ignore[attr-defined] # tests/conftest.py installed it
    item = list(_items(40))[index]
    for operation, result in (
        ("GetItem", {"Item": item}),
        ("Query", {"Items": [item, item], "Count": 2, "ScannedCount": 2, "LastEvaluatedKey": {"pk": item["pk"]}}),
        ("UpdateItem", {"Attributes": item}),
    ):
        assert _answer(operation, result, generic=False) == _answer(operation, result, generic=True)


def test_binary_and_odd_values_take_motos_own_path() -> None:
    assert not is_wire_value({"B": "AAEC"})
    assert not is_wire_value({"M": {"x": {"BS": ["AA=="]}}})
    assert not is_wire_value({"S": "x", "N": "1"})
    assert not is_wire_value({"N": 1})
    assert is_wire_value({"L": [{"M": {"a": {"NULL": True}}}]})
    binary = {"Item": {"pk": {"S": "k"}, "blob": {"B": b"\x00\x01"}}}
    assert _answer("GetItem", binary, generic=False) == _answer("GetItem", binary, generic=True)
