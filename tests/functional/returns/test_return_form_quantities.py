"""The order page's return form takes a quantity as ASCII digits only: `²`, `①`, Arabic-Indic `٣` and
fullwidth `\uff13` are digits to str.isdigit() (the first two are not to int(), which raised: a 500); every one
is a 400 that says what to enter, and writes nothing."""

from __future__ import annotations

import re
from html import unescape

import pytest

from tests.harness.support import Client, Shop


@pytest.fixture
def ann(shop: Shop, customer: Client) -> Client:
    shop.settings(returns_enabled=True)
    assert shop.put_order("o1").status == 201
    assert shop.fulfil("o1", "f1", {"items": [{"line_id": "l1", "quantity": 2}], "carrier": "UPS"}).status == 200
    shop.login(customer, "ann@example.com")
    return customer


@pytest.mark.parametrize("quantity", ["²", "①", "٣", "\uff13", "1²", "+1", "1.0", "12345678"])
def test_a_quantity_that_is_not_ascii_digits_is_a_400(shop: Shop, ann: Client, quantity: str) -> None:
    page = ann.get("/store/account/orders/o1").body.decode()
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found
    before = shop.stored_order("o1")
    fields = {"csrf": unescape(found.group(1)), "quantity:l1": quantity, "reason:l1": "other"}
    refused = ann.form("/store/account/orders/o1/returns", fields)
    assert refused.status == 400
    assert "whole number" in refused.body.decode()
    assert shop.stored_order("o1") == before
