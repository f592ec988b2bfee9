"""Gift registries' fixtures: store s1 with registries on and a cart link naming the registry, three
products (one out of stock, one no longer sold), and Ann signed in."""

from __future__ import annotations

import pytest

from tests.functional.registries.helpers import ANN, CART, products
from tests.harness.support import Client, Shop


@pytest.fixture
def on(shop: Shop) -> Shop:
    shop.settings(registries_enabled=True, cart_url_template=CART)
    products(shop)
    return shop


@pytest.fixture
def ann(on: Shop, customer: Client) -> Client:
    on.login(customer, ANN)
    return customer
