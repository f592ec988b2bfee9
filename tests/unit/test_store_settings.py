"""A store's settings as the code reads them (stores.settings.StoreSettings): the same settings with the
same defaults as the edge model StoreSettingsIn, read from a stored item once, tolerant of what older
releases or a hand stored, and answered back exactly as stored."""

from __future__ import annotations

from typing import Any, get_args

import pytest
from pydantic_core import PydanticUndefined

from access_center.stores.models import StoreSettingsFields, StoreSettingsIn
from access_center.stores.settings import EmailToggle, StoreSettings

# What StoreSettings holds for a setting the edge model requires, where a stored item lacks it.
REQUIRED_ABSENT: dict[str, object] = {"name": "", "from_email": None}
FULL = {
    "name": "Bean There",
    "from_email": "orders@shop.example",
    "support_email": "help@shop.example",
    "order_confirmation_email": False,
    "shipping_update_email": False,
    "sticky_contact": True,
    "logo_url": "https://shop.example/logo.png",
    "storefront_url": "https://shop.example/",
    "cart_url_template": "https://shop.example/cart/{items}",
    "cancellations_enabled": True,
    "cancellation_request_email": False,
    "cancellation_decision_email": False,
    "returns_enabled": True,
    "return_window_days": 14,
    "return_reasons": ["too_big", "too_small"],
    "return_request_email": False,
    "tracking_update_email": False,
    "return_update_email": False,
    "messages_enabled": True,
    "message_to_store_email": False,
    "message_to_customer_email": False,
    "invoice_email": False,
    "wishlists_enabled": True,
    "saved_carts_enabled": True,
    "quotes_enabled": True,
    "points_enabled": True,
    "points_value": 2,
    "points_currency": "EUR",
    "registries_enabled": True,
    "contact_form_enabled": True,
    "brand_color": "#123456",
    "locale": "de-DE",
    "timezone": "Europe/Berlin",
    "languages": ["de", "en"],
    "email_texts": {"de": {"order_confirmation": {"subject": "Danke!", "intro": "Hallo.\nBis bald."}}},
}


# ------------------------------------------------------------------------------ one list of settings
def test_the_settings_are_the_edge_models_fields_in_its_order() -> None:
    """A new setting is one field in StoreSettingsFields and one in StoreSettings, in the same place.
    StoreSettingsIn adds only the write-only proxy secret, which is kept apart (stores.proxy)."""
    assert StoreSettings._fields == tuple(StoreSettingsFields.model_fields)
    assert set(StoreSettingsIn.model_fields) - set(StoreSettingsFields.model_fields) == {"proxy_secret"}


@pytest.mark.parametrize("name", StoreSettingsFields.model_fields)
def test_each_setting_has_the_edge_models_default(name: str) -> None:
    edge = StoreSettingsFields.model_fields[name]
    if edge.is_required():
        assert edge.default is PydanticUndefined
        assert StoreSettings._field_defaults[name] == REQUIRED_ABSENT[name], "a required setting, absent: empty"
    else:
        default = tuple(edge.default) if isinstance(edge.default, list) else edge.default  # a tuple when read
        assert StoreSettings._field_defaults[name] == default, f"{name}: the defaults have drifted apart"


def test_every_email_toggle_is_a_setting_on_by_default() -> None:
    for toggle in get_args(EmailToggle):
        assert StoreSettings._field_defaults[toggle] is True, toggle
        assert StoreSettings().sends(toggle)
        assert not StoreSettings(**{toggle: False}).sends(toggle)


def test_the_edge_model_and_the_fixture_name_every_setting() -> None:
    assert set(FULL) == set(StoreSettings._fields)
    StoreSettingsIn.model_validate(FULL)


# ------------------------------------------------------------------------------ read once from the item
def test_what_went_through_the_edge_model_is_read_as_stored() -> None:
    read = StoreSettings.from_stored(StoreSettingsIn.model_validate(FULL).stored())
    assert read == StoreSettings(**{**FULL, "return_reasons": ("too_big", "too_small"), "languages": ("de", "en")})
    assert isinstance(read.return_reasons, tuple)  # frozen all the way down


def test_a_setting_an_older_item_lacks_takes_its_default() -> None:
    read = StoreSettings.from_stored({"name": "Bean There", "from_email": "orders@shop.example"})
    assert read == StoreSettings(name="Bean There", from_email="orders@shop.example")
    assert StoreSettings.from_stored({}) == StoreSettings()


def test_a_setting_no_longer_known_is_ignored() -> None:
    assert StoreSettings.from_stored({"name": "Bean There", "loyalty_points": True}) == StoreSettings(name="Bean There")


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        ("name", 5),
        ("from_email", ["orders@shop.example"]),
        ("returns_enabled", "true"),  # only True switches a setting on
        ("returns_enabled", 1),
        ("order_confirmation_email", None),
        ("return_window_days", "14"),
        ("return_window_days", True),
        ("return_window_days", 14.5),
        ("return_window_days", 0),  # no window at all was always the default one
        ("return_window_days", -3),
        ("return_reasons", "damaged"),
        ("return_reasons", ["damaged", 3]),
        ("return_reasons", []),
        ("brand_color", {"hex": "#123456"}),
        ("locale", ""),
        ("timezone", None),
    ],
)
def test_a_hand_written_value_of_the_wrong_kind_takes_the_default(name: str, stored: Any) -> None:
    read = StoreSettings.from_stored({"name": "Bean There", name: stored} if name != "name" else {name: stored})
    assert getattr(read, name) == StoreSettings._field_defaults[name]


# ------------------------------------------------------------------------------ answered as stored
@pytest.mark.parametrize(
    "body",
    [
        {"name": "Bean There", "from_email": "orders@shop.example"},
        {"name": "Bean There", "from_email": "orders@shop.example", "support_email": "help@shop.example"},
        FULL,
    ],
)
def test_the_settings_answer_is_what_the_edge_model_stored(body: dict[str, Any]) -> None:
    """The store-settings route answers stores.logic.settings_view: the same keys and values, in the same
    order, as StoreSettingsIn.stored() put in the item."""
    stored = StoreSettingsIn.model_validate(body).stored()
    answered = StoreSettings.from_stored(stored).stored()
    assert answered == stored
    assert list(answered) == list(stored)


@pytest.mark.parametrize(
    ("settings", "missing"),
    [
        ({"points_enabled": True, "points_currency": "EUR"}, "points_value"),
        ({"points_enabled": True, "points_value": 1}, "points_currency"),
        ({"contact_form_enabled": True}, "support_email"),
    ],
)
def test_a_feature_is_refused_without_what_it_needs(settings: dict[str, object], missing: str) -> None:
    with pytest.raises(ValueError, match=missing):
        StoreSettingsIn.model_validate({"name": "Shop", "from_email": "orders@shop.example", **settings})


def test_a_cart_link_may_carry_a_registry_id_once_after_the_host() -> None:
    base = {"name": "Shop", "from_email": "orders@shop.example"}
    ok = "https://shop.example/cart/{items}?registry={registry_id}"
    assert StoreSettingsIn.model_validate({**base, "cart_url_template": ok}).cart_url_template == ok
    for bad in (
        "https://{registry_id}.example/cart/{items}",
        "https://shop.example/{registry_id}/{items}/{registry_id}",
    ):
        with pytest.raises(ValueError, match="registry_id"):
            StoreSettingsIn.model_validate({**base, "cart_url_template": bad})
