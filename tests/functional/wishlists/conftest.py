"""Wish lists' fixtures: store s1 with wish lists on and a cart link, four products (one no longer sold,
one out of stock, one out of stock but on backorder), and Ann signed in."""

from __future__ import annotations

import pytest

from tests.functional.wishlists.helpers import ANN, CART, products
from tests.harness.support import Client, Shop


@pytest.fixture
def on(shop: Shop) -> Shop:
    shop.settings(wishlists_enabled=True, cart_url_template=CART)
    products(shop)
    return shop


@pytest.fixture
def ann(on: Shop, customer: Client) -> Client:
    on.login(customer, ANN)
    return customer
