"""Answers checked against the answer models (the `Answer` classes of access_center.<feature>.models),
the same models openapi.json describes: a field added to an answer but not to its model fails here."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from access_center.core.fields import Answer
from devtools.emulator.gateway import Reply


def answer(model: type[Answer], reply: Reply | Mapping[str, Any]) -> Any:
    """The reply's JSON body (or a direct invocation's answer), once its closed model has validated
    it: no field missing, unknown or of the wrong type, no null where the model leaves a field out, and
    every value already in the form the model gives it (normalised emails and timestamps)."""
    text = reply.body if isinstance(reply, Reply) else json.dumps(reply)
    body = json.loads(text)
    parsed = model.model_validate_json(text)
    _no_nulls_for_absent_fields(parsed, model.__name__)
    assert parsed.model_dump(mode="json", exclude_unset=True) == body, f"{model.__name__} would change the answer"
    return body


def _no_nulls_for_absent_fields(value: Any, where: str) -> None:
    if isinstance(value, list):
        for n, item in enumerate(value):
            _no_nulls_for_absent_fields(item, f"{where}[{n}]")
    if not isinstance(value, BaseModel):
        return
    for name, field in type(value).model_fields.items():
        found = getattr(value, name)
        if found is None:
            # An optional field defaults to None and is left out of answers; a required one may be null.
            assert field.is_required() or name not in value.model_fields_set, f"{where}.{name} is answered null"
        _no_nulls_for_absent_fields(found, f"{where}.{name}")
