"""The demo seed's gift registry (devtools/demo/registries_seed.py): "Our wedding" in 60 days, three items,
the mugs partly bought through the store's route; seeding again adds nothing."""

from __future__ import annotations

from devtools.demo.registries_seed import seed_registries
from devtools.demo.seed import DEMO_EMAIL, PRODUCTS
from devtools.emulator.gateway import Gateway
from tests.functional.registries.helpers import days_ahead
from tests.harness.catalog import put_product
from tests.harness.support import Client, Shop


def test_the_demo_customer_gets_one_wedding_registry_partly_bought(admin: Client, gateway: Gateway) -> None:
    demo = Shop.create(admin, "demo", "demo.example", registries_enabled=True)
    for sku, name, price, available, in_stock, backorder in PRODUCTS:
        put_product(admin, "demo", sku, name=name, unit_price=price, available=available, in_stock=in_stock,
                    allow_backorder=backorder)  # fmt: skip
    seed_registries(gateway)
    seed_registries(gateway)
    dana = Client(gateway, host="demo.example")
    demo.login(dana, DEMO_EMAIL)
    (listed,) = dana.get("/store/account/api/registries").json()["registries"]
    assert (listed["title"], listed["event_date"], listed["closed"]) == ("Our wedding", days_ahead(60), False)
    shown = dana.get(f"/store/account/api/registries/{listed['registry_id']}").json()
    items = {item["sku"]: (item["wanted"], item["purchased"]) for item in shown["items"]}
    assert items == {"BEAN-ETH-250": (6, 0), "GRN-HAND": (1, 0), "MUG-STONE": (4, 2)}
