"""The field types every edge model is built from, and the model bases (Strict, Answer).

One definition per kind of value (an email, a timestamp, an amount of money): what a request may send,
how it is normalised, and how openapi.json documents it. The feature model modules (stores/, login/,
orders/ and web/ `models.py`) build their requests, stored forms and answers from these.

Strict where the contract is strict: money and quantities are integers (no "12", no 12.0), flags are
booleans, unknown fields are refused (a typo in a store system's payload should not vanish silently).
"""

import re
from datetime import UTC, datetime
from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, ValidationInfo, field_validator

from access_center.core.clock import iso_from
from access_center.core.email_address import normalise_email
from access_center.core.ids import ID_PATTERN
from access_center.core.text import free_text


def _email(value: str) -> str:
    return normalise_email(value)


def _timestamp(value: str) -> str:
    """ISO 8601 in, the contract's UTC form out (`2026-11-20T10:00:00Z`); naive times are taken as UTC."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("must be an ISO 8601 date and time, like 2026-11-20T10:00:00Z") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return iso_from(parsed)
    except (OverflowError, ValueError):  # 9999-12-31T23:59:59-23:59 is in year 10000 in UTC
        raise ValueError("must be a date and time between the years 1000 and 9999 in UTC") from None


def _web_url(value: str) -> str:
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", value, re.IGNORECASE):
        raise ValueError("must be an http(s) URL")
    return value


def _https_url(value: str) -> str:
    if not value.lower().startswith("https://"):
        raise ValueError("must be an https URL")
    return _web_url(value)


# `format` only documents (OpenAPI); the validators decide.
Email = Annotated[
    str,
    Field(max_length=320, description="Trimmed, lower-case.", json_schema_extra={"format": "email"}),
    AfterValidator(_email),
]
Timestamp = Annotated[
    str,
    Field(
        max_length=40,
        description="ISO 8601, like 2026-11-20T10:00:00Z; stored and answered in UTC.",
        json_schema_extra={"format": "date-time"},
    ),
    AfterValidator(_timestamp),
]
Text = Annotated[str, Field(min_length=1, max_length=500)]
ShortText = Annotated[str, Field(min_length=1, max_length=100)]
Money = Annotated[StrictInt, Field(ge=0, le=10**12, description="Minor units (cents) of `currency`.")]
Quantity = Annotated[StrictInt, Field(gt=0, le=1_000_000)]
Count = Annotated[StrictInt, Field(ge=0)]
Identifier = Annotated[str, Field(pattern=ID_PATTERN)]
WebUrl = Annotated[str, Field(max_length=2048, json_schema_extra={"format": "uri"}), AfterValidator(_web_url)]
HttpsUrl = Annotated[str, Field(max_length=2048, json_schema_extra={"format": "uri"}), AfterValidator(_https_url)]


class Strict(BaseModel):
    """A closed model: unknown fields are refused, and so is what core.text's rule refuses (control and
    invisible direction characters; CR, LF, TAB in single-line fields) in any text field, before
    whitespace is trimmed: a line break in a store's name would split an email
    header, in a domain or path a Location header. Models with free text list it in `multiline_fields`.

    Stored data is read with `model_validate(data, extra="ignore")`: there unknown fields are skipped
    instead, at every level, because an item may carry attributes this code does not know (its keys and
    version, or a field a newer release added) and must still be readable.
    """

    # Built on first use, not at import: a function pays only for the models it validates with.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)

    multiline_fields: ClassVar[frozenset[str]] = frozenset()
    # Fields whose own validator removes what the rule refuses (a file name loses its bidi characters:
    # the name is the browser's, not the person's words, so refusing it would leave them no way on).
    cleaned_fields: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="before")
    @classmethod
    def _one_text_rule(cls, value: Any, info: ValidationInfo) -> Any:
        # core.text's rule for every text field (and list of texts): single-line unless listed multi-line.
        if info.field_name in cls.cleaned_fields:
            return value
        multiline = info.field_name in cls.multiline_fields
        if isinstance(value, str):
            return free_text(value, multiline=multiline)
        if isinstance(value, list) and all(isinstance(entry, str) for entry in value):
            return [free_text(entry, multiline=multiline) for entry in value]
        return value

    def stored(self) -> dict[str, Any]:
        """The plain dict that gets stored: no nulls, so an omitted field stays omitted."""
        return self.model_dump(exclude_none=True)


def _as_answered(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """openapi.json describes an answer as it is sent: a field with a default is always there (what
    is stored has it), and an optional field is left out, never null."""
    properties = schema.get("properties", {})
    sent_as = {name: field.alias or name for name, field in model.model_fields.items()}  # `from` for `from_`
    always_sent = [
        sent_as[name] for name, field in model.model_fields.items() if field.is_required() or field.default is not None
    ]
    for name, field in model.model_fields.items():
        if sent_as[name] in always_sent:
            properties[sent_as[name]].pop("default", None)
            continue
        prop = properties[sent_as[name]]
        options = [option for option in prop.pop("anyOf", []) if option != {"type": "null"}]
        if len(options) == 1:
            prop.update(options[0])
            prop.setdefault("title", field.title or name.title().replace("_", " "))  # as on every other field
        elif options:
            prop["anyOf"] = options
    if always_sent:
        schema["required"] = always_sent


class Answer(Strict):
    """What a JSON route answers. The handlers build plain dicts (cheaper on the hot path); the tests
    check those against these closed models, so a field added to an answer must be added here too."""

    model_config = ConfigDict(json_schema_extra=_as_answered)

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        known = ANSWERS.get(cls.__name__)
        if known is not None and (known.__module__, known.__qualname__) != (cls.__module__, cls.__qualname__):
            raise TypeError(f"two answer models named {cls.__name__}: openapi.json names schemas by class")
        ANSWERS[cls.__name__] = cls


# Every answer model, by name: devtools/docs/openapi.py turns them into `components.schemas` (the routes'
# `responses=` in access_center.web.apidoc name them), and tests/harness/models.py checks answers with them.
ANSWERS: dict[str, type[Answer]] = {}
