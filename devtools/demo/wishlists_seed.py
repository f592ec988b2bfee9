"""The demo customer's wish list (API.md section 12): "Favourites", shared, with three products of the
demo catalog (devtools.demo.seed.PRODUCTS), one of them the digital scale, no longer sold, so the list
page shows an item "Add all available to cart" leaves out. Wish lists have no store-system route: this
goes through the feature's logic, as the customer's requests would. The demo store's
`wishlists_enabled` must be on first (devtools.demo.seed switches it on); a list already there (a
persisted run) is left as it is."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from devtools.emulator.gateway import Gateway

NAME = "Favourites"
ITEMS = (("SCL-DIG", 1), ("MUG-STONE", 1), ("BEAN-ETH-250", 2))  # the newest last: shown first


def seed_wishlists(gateway: Gateway) -> None:  # the seeds' common signature
    from access_center.stores.logic import get_store
    from access_center.wishlists import logic
    from access_center.wishlists.models import WishlistChanges
    from devtools.demo.seed import DEMO_EMAIL, DEMO_STORE  # here: seed.py imports this module

    store = get_store(DEMO_STORE)
    if any(shown["name"] == NAME for shown in logic.lists(store, DEMO_EMAIL)["wishlists"]):
        return
    list_id = logic.create(store, DEMO_EMAIL, NAME)["list_id"]
    for sku, quantity in ITEMS:
        logic.add_item(store, DEMO_EMAIL, list_id, sku, quantity)
    logic.change(store, DEMO_EMAIL, list_id, WishlistChanges(shared=True))
