"""Gift registries' pure rules (registries.rules, registries.sharing): ids, dates, closing, what is still
needed, and share tokens; and each TypedDict keeps its model's fields."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import get_type_hints

from access_center.core.fields import Answer
from access_center.registries import models, rules, shapes, sharing

NOON = datetime(2026, 6, 15, 12, tzinfo=UTC).timestamp()


def test_a_registry_id_is_r_and_16_hex_digits() -> None:
    assert rules.is_registry_id("r0123456789abcdef")
    for other in ("r1", "w0123456789abcdef", "r0123456789ABCDEF", "r0123456789abcdef0", ""):
        assert not rules.is_registry_id(other)


def test_only_real_calendar_dates_are_valid() -> None:
    assert rules.valid_date("2028-02-29")
    for other in ("2027-02-29", "2026-13-01", "15.06.2026", "2026-6-1", "2026-06-15T00:00"):
        assert not rules.valid_date(other)


def test_the_event_day_itself_is_open_and_the_day_after_closed() -> None:
    assert not rules.is_closed(False, "2026-06-15", NOON)
    assert rules.is_closed(False, "2026-06-14", NOON)
    assert rules.is_closed(True, "2030-01-01", NOON)


def test_still_needed_never_goes_below_zero() -> None:
    assert rules.still_needed(4, 1) == 3
    assert rules.still_needed(2, 5) == 0


def test_a_token_depends_on_the_registry_and_its_nonce() -> None:
    token = sharing.link_token("s1#registry#r1", "r1", "n1")
    assert sharing.is_token(token)
    assert token == sharing.link_token("s1#registry#r1", "r1", "n1")
    assert token != sharing.link_token("s2#registry#r1", "r1", "n1")
    assert token != sharing.link_token("s1#registry#r1", "r1", "n2")
    assert len(sharing.token_hash(token)) == 64


def test_each_answer_shape_has_its_models_fields() -> None:
    pairs: list[tuple[type, type[Answer]]] = [
        (shapes.RegistryView, models.GiftRegistry),
        (shapes.RegistryLine, models.GiftRegistryLine),
        (shapes.StoreRegistryView, models.StoreGiftRegistry),
        (shapes.PurchaseView, models.RegistryPurchase),
    ]
    for shape, model in pairs:
        assert set(get_type_hints(shape)) == set(model.model_fields), shape.__name__
