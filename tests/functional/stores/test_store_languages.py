"""The store setting `languages` (API.md section 9): the languages a store offers, from those the access
center ships, the first its default; anything else is a 400 in the contract's shape and changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from access_center.stores.logic import get_store
from tests.harness.bodies import store_settings
from tests.harness.support import Client, Shop


def _settings(admin: Client) -> dict[str, Any]:
    reply = admin.put("/admin/stores/s1", store_settings(languages=["de", "en"]))
    assert reply.status == 200
    return dict(reply.json())


def test_a_store_offers_shipped_languages_the_first_its_default(admin: Client, shop: Shop) -> None:
    assert _settings(admin)["languages"] == ["de", "en"]
    assert admin.put("/admin/stores/s1", store_settings()).json()["languages"] == ["en"]  # the default


@pytest.mark.parametrize(
    "languages",
    [[], ["xx"], ["de", "de"], ["DE"], ["de-AT"], ["en-XA\r\n"], "de", [7], ["x" * 9], ["en"] * 17],
)
def test_a_language_the_access_center_does_not_ship_is_a_400_and_changes_nothing(
    admin: Client, shop: Shop, languages: object
) -> None:
    _settings(admin)
    before = get_store("s1").settings
    reply = admin.put("/admin/stores/s1", store_settings(name="Renamed", languages=languages))
    assert reply.status == 400
    assert reply.json()["error"] == "bad_request"
    assert get_store("s1").settings == before


def test_the_pseudo_locale_is_offered_only_where_the_deployment_allows_it(
    admin: Client, shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    from access_center.core.config import settings

    for allowed, status in (("false", 400), ("true", 200)):
        monkeypatch.setenv("PSEUDO_LOCALE", allowed)
        settings.cache_clear()
        try:
            assert admin.put("/admin/stores/s1", store_settings(languages=["en", "en-XA"])).status == status
        finally:
            settings.cache_clear()
