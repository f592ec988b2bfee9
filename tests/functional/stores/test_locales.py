"""A store's locale: a language the shipped CLDR data covers (access_center.web.locales), any region."""

from __future__ import annotations

import pytest

from access_center.stores.logic import get_store
from tests.harness.support import Client


@pytest.mark.parametrize("locale", ["de", "de-AT", "nb-NO", "zh-TW", "en-US", "pt-BR"])
def test_a_supported_language_in_any_region_is_a_store_locale(admin: Client, locale: str) -> None:
    reply = admin.put("/admin/stores/s1", {"name": "Shop", "from_email": "orders@shop.example", "locale": locale})
    assert reply.status == 200, reply.body
    assert reply.json()["locale"] == locale


@pytest.mark.parametrize("locale", ["sw-KE", "xx", "tlh"])
def test_a_language_outside_the_shipped_data_is_refused_and_nothing_is_stored(admin: Client, locale: str) -> None:
    assert admin.put("/admin/stores/s1", {"name": "Shop", "from_email": "orders@shop.example"}).status == 200
    reply = admin.put("/admin/stores/s1", {"name": "Renamed", "from_email": "orders@shop.example", "locale": locale})
    assert reply.status == 400, reply.body
    assert "locale" in str(reply.json())
    assert get_store("s1").name == "Shop"
