"""A store's settings as the code reads them: one typed, frozen value, built once when the store is read
(stores.logic), with each setting's default here and nowhere else.

A NamedTuple, not a pydantic model: every customer function reads a store at cold start, and only the
store-settings function builds the edge model (stores.models.StoreSettingsIn). The two list the same
settings with the same defaults (tests/unit/test_store_settings.py holds them together), so a new
setting is one field in each.

What is stored went through StoreSettingsIn, but an item written by an older release or by hand may
lack a setting, carry one no longer known, or hold a value of the wrong type: the first takes the
default, the second is ignored, the third takes the default too, so an odd item never breaks a page or
an email.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Mapping
from typing import Literal, NamedTuple, get_type_hints

from access_center.core import i18n
from access_center.stores import email_texts as overrides

# The settings that switch one of the store's emails on or off (each a bool field, on by default).
EmailToggle = Literal[
    "order_confirmation_email",
    "shipping_update_email",
    "cancellation_request_email",
    "cancellation_decision_email",
    "return_request_email",
    "return_update_email",
    "tracking_update_email",
    "message_to_store_email",
    "message_to_customer_email",
    "invoice_email",
]


class StoreSettings(NamedTuple):
    name: str = ""
    from_email: str | None = None
    support_email: str | None = None
    order_confirmation_email: bool = True
    shipping_update_email: bool = True
    sticky_contact: bool = False
    logo_url: str | None = None
    storefront_url: str | None = None
    cart_url_template: str | None = None
    cancellations_enabled: bool = False
    cancellation_request_email: bool = True
    cancellation_decision_email: bool = True
    returns_enabled: bool = False
    return_window_days: int = 30
    return_reasons: tuple[str, ...] | None = None  # None: returns.rules.DEFAULT_REASONS
    return_request_email: bool = True
    tracking_update_email: bool = True
    return_update_email: bool = True
    messages_enabled: bool = False
    message_to_store_email: bool = True
    message_to_customer_email: bool = True
    invoice_email: bool = True
    wishlists_enabled: bool = False
    saved_carts_enabled: bool = False
    quotes_enabled: bool = False
    points_enabled: bool = False
    points_value: int | None = None  # minor units of points_currency per point (API.md section 12)
    points_currency: str | None = None
    registries_enabled: bool = False
    contact_form_enabled: bool = False
    brand_color: str | None = None
    locale: str = "en-US"
    timezone: str = "UTC"
    languages: tuple[str, ...] = ("en",)  # the first is the store's default (API.md section 9)
    email_texts: overrides.EmailTexts = overrides.NONE  # per language and email (stores.email_texts)

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @classmethod
    def from_stored(cls, stored: Mapping[str, object]) -> StoreSettings:
        """The settings of a store item's `settings` map (see the module's docstring for odd items)."""
        return cls._make(_read(name, stored) for name in cls._fields)

    def sends(self, email: EmailToggle) -> bool:
        """Whether the store has this email switched on."""
        return bool(getattr(self, email))

    def stored(self) -> dict[str, object]:
        """The settings as StoreSettingsIn.stored() keeps them: every setting that has a value (not None)."""
        return {
            name: list(value) if isinstance(value, tuple) else value
            for name, value in {**self._asdict(), "email_texts": overrides.as_stored(self.email_texts)}.items()
            if value is not None
        }


def _fits(value: object, kind: object) -> bool:
    """Whether a stored value is of the field's type (`kind`, one of the few StoreSettings uses)."""
    if isinstance(kind, types.UnionType):  # `X | None`
        return any(_fits(value, arg) for arg in kind.__args__)
    if kind is type(None):
        return value is None
    if kind is int:  # a bool is an int to Python, not to a store
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is bool:
        return isinstance(value, bool)
    if kind is str:
        return isinstance(value, str)
    if kind == tuple[str, ...]:  # a list in the item
        return isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
    raise TypeError(f"StoreSettings cannot read a {kind!r}: teach _fits the new field's type")


# Beyond its type, what a stored value must be to be read: the readers always took a window of no
# days, an empty list of reasons, and an empty locale or time zone as the default.
_USABLE: dict[str, Callable[[object], bool]] = {
    "return_window_days": lambda days: isinstance(days, int) and days >= 1,
    "return_reasons": bool,
    "locale": bool,
    "timezone": bool,
    "languages": lambda languages: isinstance(languages, list | tuple) and all(map(i18n.offered, languages)),
}
_KINDS = get_type_hints(StoreSettings)


# Settings read by their own module, which keeps the usable part of an odd value.
_READERS: dict[str, Callable[[object], object]] = {"email_texts": overrides.read}


def _read(name: str, stored: Mapping[str, object]) -> object:
    default = StoreSettings._field_defaults[name]
    if name not in stored:
        return default
    if name in _READERS:
        return _READERS[name](stored[name])
    value = stored[name]
    usable = _USABLE.get(name)
    if not _fits(value, _KINDS[name]) or (usable is not None and not usable(value)):
        return default
    return tuple(value) if isinstance(value, list) else value
