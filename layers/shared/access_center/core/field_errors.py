"""A field's error a customer may read, raised by a model's validator: a marked text (core.i18n.N_) with
its `%(name)s` values, so that it can be shown in the reader's language.

Pydantic lists a validator's ValueError in a 400's `details` as `"Value error, <str(error)>"`: str() is
the English text (as before, and in the logs), and web.errors lists `translated()` instead where the
current language has its own words for it. A whole number among the values is written as the language
writes numbers (5,000 in English, 5.000 in German).
"""

from __future__ import annotations

from access_center.core import i18n


class FieldError(ValueError):
    def __init__(self, message: str, **values: object) -> None:
        self.message = message  # the marked source text
        self.values = values
        super().__init__(self.text(i18n.DEFAULT_LANGUAGE))

    def translated(self) -> str:
        """The text in the current language, its values filled in."""
        return self.text(i18n.current_language())

    def text(self, language: str) -> str:
        written = {name: _number(value, language) for name, value in self.values.items()}
        return i18n.translate(self.message, language, **written)


def _number(value: object, language: str) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        from babel.numbers import format_decimal  # deferred: only an error pays for Babel's number data

        return format_decimal(value, locale=language.split("-")[0])
    return value
