"""The demo seed's wish list (devtools/demo/wishlists_seed.py): "Favourites", shared, three of the demo
products with the no-longer-sold scale among them; seeding again adds nothing."""

from __future__ import annotations

from devtools.demo.seed import DEMO_EMAIL, PRODUCTS
from devtools.demo.wishlists_seed import seed_wishlists
from devtools.emulator.gateway import Gateway
from tests.harness.catalog import put_product
from tests.harness.support import Client, Shop


def test_the_demo_customer_gets_one_shared_favourites_list(admin: Client, gateway: Gateway) -> None:
    demo = Shop.create(admin, "demo", "demo.example", wishlists_enabled=True)
    for sku, name, price, available, in_stock, backorder in PRODUCTS:
        put_product(admin, "demo", sku, name=name, unit_price=price, available=available, in_stock=in_stock,
                    allow_backorder=backorder)  # fmt: skip
    seed_wishlists(gateway)
    seed_wishlists(gateway)
    dana = Client(gateway, host="demo.example")
    demo.login(dana, DEMO_EMAIL)
    (favourites,) = dana.get("/store/account/api/wishlists").json()["wishlists"]
    assert favourites["name"] == "Favourites"
    assert favourites["shared"] is True
    items = {item["sku"]: item for item in favourites["items"]}
    assert set(items) == {"BEAN-ETH-250", "MUG-STONE", "SCL-DIG"}
    assert items["SCL-DIG"]["available"] is False
    assert items["BEAN-ETH-250"]["quantity"] == 2
