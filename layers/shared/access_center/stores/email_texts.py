"""A store's own subject and intro for its emails, per language (setting `email_texts`, API.md section 9):
`{"<language>": {"<email kind>": {"subject"?: str, "intro"?: str}}}`.

The kinds are the contract's, plus the emails the access center sends the store itself
(`cancellation_requested`, `return_requested`, `message_to_store`). Kinds the contract names for
features that come later (passkeys, erasure, withdrawal) are accepted now, so a store can write them
once. An override replaces the shipped text of that language only: a missing one falls back to the
shipped text of the email's language, never to another language's override.

The rules (`problem`) are checked by the edge model (stores.models) and again, silently, when a stored
item is read (`read`): an item an older release or a hand wrote keeps only what the rules allow, so an
odd value can neither break an email nor put a line break into a subject header. No pydantic here: every
function reads store settings at cold start.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from access_center.core import i18n
from access_center.core import text as text_rules

KINDS: tuple[str, ...] = (
    "login_code",
    "order_confirmation",
    "shipping_update",
    "tracking_update",
    "cancellation_decided",
    "return_updated",
    "message_to_customer",
    "invoice_issued",
    "passkey_added",
    "passkey_removed",
    "erasure_confirmation",
    "withdrawal_received",
    # Emails to the store's support address (in the store's default language).
    "cancellation_requested",
    "return_requested",
    "message_to_store",
)
FIELDS = ("subject", "intro")
MAX_CHARS = {"subject": 200, "intro": 2_000}
# A subject is one header line (core.text's one-line rule: no control character at all); an intro is
# paragraphs: newlines only (the multi-line rule, and no tab either).
EmailText = Mapping[str, str]  # {"subject"?: str, "intro"?: str}
EmailTexts = Mapping[str, Mapping[str, EmailText]]
NONE: EmailTexts = MappingProxyType({})


def problem(field: str, text: str) -> str | None:
    """What is wrong with `text` as an override's `field`, or None."""
    if not text.strip():
        return "must not be blank"
    if len(text) > MAX_CHARS[field]:
        return f"at most {MAX_CHARS[field]} characters"
    if field == "subject":
        return text_rules.one_line_problem(text)
    return text_rules.multiline_problem(text) or (text_rules.MULTILINE_PROBLEM if "\t" in text else None)


def read(stored: object) -> EmailTexts:
    """The overrides of a stored item, frozen, keeping only what the rules allow (see the module)."""
    if not isinstance(stored, Mapping):
        return NONE
    languages: dict[str, Mapping[str, EmailText]] = {}
    for language, kinds in stored.items():
        if language not in i18n.LANGUAGES or not isinstance(kinds, Mapping):
            continue
        texts: dict[str, EmailText] = {}
        for kind, fields in kinds.items():
            if kind not in KINDS or not isinstance(fields, Mapping):
                continue
            kept = {
                field: text
                for field, text in fields.items()
                if field in FIELDS and isinstance(text, str) and problem(field, text) is None
            }
            if kept:
                texts[kind] = MappingProxyType(kept)
        languages[language] = MappingProxyType(texts)
    return MappingProxyType(languages) if languages else NONE


def as_stored(texts: EmailTexts) -> dict[str, object]:
    """Plain dicts again, as the item holds them (the settings' answer)."""
    return {language: {kind: dict(fields) for kind, fields in kinds.items()} for language, kinds in texts.items()}


def override(texts: EmailTexts, language: str, kind: str, field: str) -> str | None:
    """The store's text for this email in this language, or None: the shipped text."""
    fields = texts.get(language, {}).get(kind, {})
    return fields.get(field)
