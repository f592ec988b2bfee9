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
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from aws_lambda_powertools.event_handler.api_gateway import BaseRouter, Response

_CONTEXT_KEY = "refused_form"
PageT = TypeVar("PageT", bound=Response[str | None])


@dataclass(frozen=True)
class Refusal:
    """One form the server refused.

    form: which form on the page ("returns", "orders-filter"): templates show the refusal on it only.
    message: what is wrong and what to do, in plain words.
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

    def __bool__(self) -> bool:
        return bool(self.form)

    @property
    def error_id(self) -> str:
        return f"{self.form}-error"

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
