"""A refused page form is shown again, never a dead end: the page the form is on renders once more, with
what the customer typed kept and the error, in plain words, beside the field it is about (issue 27, and
issue 28's direction for every page form).

A route that refuses a form builds a Refusal and answers `show_again(router, refusal, render)`, where
`render` renders the page the form is on, as its own route does. web.pages.page puts the refusal in the
template's context as `refused` (NOT_REFUSED when nothing was), so any template on the page can ask:

    value="{{ refused.value('returns', 'comment') }}"            the typed input, or the default
    {{ forms.invalid('returns', 'return-comment') }}             aria-invalid and aria-describedby
    {{ forms.error('returns', 'return-comment') }}               the message, where it belongs

(macros of templates/portal/_forms.html, imported `with context`); base.html adds "Error:" to the title
and a summary at the top linking to the field, as a customer without JavaScript lands at the top.

A page form is read through its JSON twin's pydantic model (the same fields, limits and text rule),
extended with PageForm (the CSRF token; a form's fields as the JSON body would send them), declared as
`form: Annotated[TheForm, posted()]`. Powertools validates it before any middleware runs; a route
registered with `@shown_again_by(respond)` answers a refusal with its page again (web.form_pages
builds those answers), never Powertools' 422 JSON; any other refused input is the "not a valid link"
page (web.pages).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import parse_qs

from aws_lambda_powertools.event_handler.api_gateway import BaseRouter, Response
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.event_handler.openapi.params import Body
from pydantic import BaseModel, ConfigDict, Field, model_validator

from access_center.core.field_errors import FieldError

_CONTEXT_KEY = "refused_form"
PageT = TypeVar("PageT", bound=Response[str | None])
RouteT = TypeVar("RouteT", bound=Callable[..., Any])
FORM_TYPE = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class Refusal:
    """One form the server refused.

    form: which form on the page ("returns", "orders-filter"): templates show the refusal on it only.
    message: what is wrong and what to do, in plain words: a marked text (core.i18n.N_), translated
        when the page renders (`text`), as the page's language is only known then.
    params: the values of the message's `%(name)s` placeholders.
    near: where the message is shown: the id of the field (or group of fields) it is about.
    fields: the ids of the fields marked aria-invalid and described by the message.
    values: the form as posted, to fill it in again.
    status: the page's status (400 for input the form cannot take, 409, 422 as the JSON twin answers).
    """

    form: str
    message: str
    near: str = ""
    fields: tuple[str, ...] = ()
    values: Mapping[str, str] = field(default_factory=dict)
    status: int = 400
    params: Mapping[str, object] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.form)

    @property
    def error_id(self) -> str:
        return f"{self.form}-error"

    @property
    def text(self) -> str:
        """The message in the page's language, its values filled in, a whole number as the language
        writes it (5,000 in English, 5.000 in German), as a field's error writes it (core.field_errors)."""
        return FieldError(self.message, **self.params).translated() if self.message else ""

    @property
    def target(self) -> str:
        """The element the summary's link moves to: the first field it is about, else the message."""
        return self.fields[0] if self.fields else self.error_id

    def about(self, form: str) -> bool:
        return bool(self.form) and self.form == form

    def value(self, form: str, name: str, default: str = "") -> str:
        """What the customer posted in `name`, when `form` is the refused one; `default` otherwise."""
        return self.values.get(name, default) if self.about(form) else default

    def marks(self, form: str, field_id: str) -> bool:
        return self.about(form) and field_id in self.fields

    def shows_at(self, form: str, near: str) -> bool:
        return self.about(form) and self.near == near


NOT_REFUSED = Refusal(form="", message="")


def refused_form(router: BaseRouter) -> Refusal:
    """The refusal this request is showing again, NOT_REFUSED when none."""
    found = router.context.get(_CONTEXT_KEY)
    return found if isinstance(found, Refusal) else NOT_REFUSED


def show_again(router: BaseRouter, refusal: Refusal, render: Callable[[], PageT]) -> PageT:
    """The page the refused form is on, rendered by `render` with `refusal` in its context, answered
    with the refusal's status (nothing was written: the refusal comes before any write)."""
    router.context[_CONTEXT_KEY] = refusal  # cleared by the resolver after each request
    shown = render()
    shown.status_code = refusal.status
    return shown


def posted() -> Body:
    """The annotation of a page form's model parameter. Not Form(): Form() embeds each field under its
    own name, so it cannot take a whole model; Body with the form's type reads the fields into one."""
    return Body(media_type=FORM_TYPE)


class PageForm(BaseModel):
    """What a page form adds to its JSON twin's model: the CSRF token (checked by the route once it
    knows the session: web.form_pages.check_token), and its fields read as the JSON body sends them.

    Powertools hands over each field as the list of its values: the first is the field's; a blank
    field is one not sent (an empty optional textarea is no reason). Fields the model does not name
    are left out rather than refused, as a browser form's extra fields usually are: they are not the
    customer's doing (a browser sends the page's fields only), and nothing reads them. So the form's
    schema in openapi.json allows other fields (extra="ignore": no `additionalProperties: false`),
    where its JSON twin's refuses them.
    """

    model_config = ConfigDict(extra="ignore", defer_build=True)  # built on first use, as core.fields says

    csrf: str = Field(description="The form's token: the page's hidden field.")

    @model_validator(mode="before")
    @classmethod
    def _as_sent(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        fields = cls.from_fields({name: first_value(values) for name, values in data.items()})
        return {name: value for name, value in fields.items() if name in cls.model_fields and value != ""}

    @classmethod
    def from_fields(cls, fields: dict[str, str]) -> dict[str, Any]:
        """The model's fields from the form's, blanks trimmed away (a form whose fields are not the
        model's, like the return form's one per order line, builds them here)."""
        return {name: value if value.strip() else "" for name, value in fields.items()}


def first_value(values: object) -> str:
    if isinstance(values, list):
        return str(values[0]) if values else ""
    return "" if values is None else str(values)


def posted_values(router: BaseRouter) -> dict[str, str]:
    """The form as posted, each field's first value: what a refused form is filled in again with."""
    fields = parse_qs(router.current_event.decoded_body or "", keep_blank_values=True)
    return {name: first_value(values) for name, values in fields.items()}


def route_args(router: BaseRouter) -> dict[str, str]:
    """The route's path parameters as requested (a refused form's route did not run)."""
    found = router.context.get("_route_args") or {}
    return {name: str(value) for name, value in found.items()}


def sentence_for(error: RequestValidationError, sentences: Mapping[str, str], otherwise: str) -> str:
    """The whole sentence (a marked text) a form shows for its model's first error: from `sentences` by
    the marked text of the field error a validator raised (core.field_errors, such as the text rule's),
    else by pydantic's error type (`string_too_long`); `otherwise` for any other. Never pydantic's own
    words after the field's name: a translator needs the sentence whole."""
    first = error.errors()[0] if error.errors() else {}
    raised = (first.get("ctx") or {}).get("error")
    if isinstance(raised, FieldError) and raised.message in sentences:
        return sentences[raised.message]
    return sentences.get(str(first.get("type", "")), otherwise)


Respond = Callable[[BaseRouter, RequestValidationError], Response[str | None]]
_SHOWN_AGAIN: dict[Callable[..., Any], Respond] = {}


def shown_again_by(respond: Respond) -> Callable[[RouteT], RouteT]:
    """Register how a page form's route answers its model's refusal: `respond` shows the page again
    (it checks the session and the form's token first, as the route would have)."""

    def register(route: RouteT) -> RouteT:
        _SHOWN_AGAIN[route] = respond
        return route

    return register


def refused_form_answer(router: BaseRouter, error: RequestValidationError) -> Response[str | None] | None:
    """The answer to a refused page form (its page again), or None where the refusal is not a form's
    (a bad path or query parameter: the caller's "not a valid link" page)."""
    route_func = getattr(router.context.get("_route"), "func", None)
    respond = _SHOWN_AGAIN.get(route_func) if callable(route_func) else None
    if respond is None or any(tuple(e.get("loc", ()))[:1] != ("body",) for e in error.errors()):
        return None
    return respond(router, error)
