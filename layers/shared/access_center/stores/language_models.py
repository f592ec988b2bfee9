"""The store settings' languages and its own email texts at the edge (API.md section 9): which shipped
languages a store offers, and its subject and intro per language and email, validated by the rules of
stores.email_texts. Fields of stores.models.StoreSettingsFields; read back by stores.settings."""

from collections.abc import Mapping
from typing import Annotated, Self

from pydantic import AfterValidator, Field, model_validator

from access_center.core import i18n
from access_center.core.fields import Answer, Strict
from access_center.stores import email_texts


def _offered_languages(value: list[str]) -> list[str]:
    if len(set(value)) != len(value):
        raise ValueError("each language once")
    unknown = [language for language in value if not i18n.offered(language)]
    if unknown:
        raise ValueError(f"the access center ships {', '.join(i18n.LANGUAGES)}; not {', '.join(unknown)[:100]}")
    return value


StoreLanguages = Annotated[
    list[Annotated[str, Field(max_length=8)]],
    Field(
        min_length=1,
        max_length=16,
        description=(
            "The languages the store offers its customers, from those the access center ships (`en`, `de`, "
            "`fr`, `es`, `nl`); the first is the store's default: pages, JSON messages and emails follow the "
            "customer's choice among them (docs/languages.md)."
        ),
    ),
    AfterValidator(_offered_languages),
]


def _shipped_language(value: str) -> str:
    if value not in i18n.LANGUAGES:
        raise ValueError(f"one of the shipped languages {', '.join(i18n.LANGUAGES)}")
    return value


def _email_kind(value: str) -> str:
    if value not in email_texts.KINDS:
        raise ValueError(f"one of the emails {', '.join(email_texts.KINDS)}")
    return value


def _checked(field: str) -> AfterValidator:
    def check(value: str) -> str:
        found = email_texts.problem(field, value)
        if found:
            raise ValueError(found)
        return value

    return AfterValidator(check)


class EmailTextIn(Strict):
    """A store's own subject and/or intro for one email in one language (stores.email_texts)."""

    multiline_fields = frozenset({"intro"})

    subject: (
        Annotated[
            str,
            Field(
                max_length=email_texts.MAX_CHARS["subject"], description="The subject: one line, no control characters."
            ),
            _checked("subject"),
        ]
        | None
    ) = None
    intro: (
        Annotated[
            str,
            Field(
                max_length=email_texts.MAX_CHARS["intro"],
                description="Replaces the email's first paragraph (plain text, newlines kept; no other control characters).",
            ),
            _checked("intro"),
        ]
        | None
    ) = None

    @model_validator(mode="after")
    def _says_something(self) -> Self:
        if self.subject is None and self.intro is None:
            raise ValueError("give a subject, an intro or both")
        return self


EmailTexts = Annotated[
    # Mappings, so that the answer (StoreSettingsOut) narrows the entries to EmailTextView.
    Mapping[
        Annotated[str, AfterValidator(_shipped_language)],
        Mapping[Annotated[str, AfterValidator(_email_kind)], EmailTextIn],
    ],
    Field(
        max_length=len(i18n.LANGUAGES),
        description=(
            "The store's own subject and intro of its emails, per language and email: "
            '`{"de": {"order_confirmation": {"subject": "...", "intro": "..."}}}`. Emails: '
            + ", ".join(f"`{kind}`" for kind in email_texts.KINDS)
            + " (the last three go to the store's `support_email`). What is not overridden is the shipped "
            "text of the email's language, never another language's override."
        ),
    ),
]


class EmailTextView(EmailTextIn, Answer):
    """An override as answered: what was written."""
