"""Fixtures of the quote tests: a store with quotes on and a cart link, and Ann signed in there."""

from __future__ import annotations

import pytest

from tests.functional.quotes.helpers import ANN, CART
from tests.harness.support import Client, Shop


@pytest.fixture
def quoting(shop: Shop) -> Shop:
    shop.settings(quotes_enabled=True, cart_url_template=CART)
    return shop


@pytest.fixture
def ann(quoting: Shop, customer: Client) -> Client:
    quoting.login(customer, ANN)
    return customer
