"""The demo customer's gift registry (API.md section 12): "Our wedding", its event 60 days ahead, shipping
to the customer's default shipping address (else the newest in their book; none where the book is empty),
with three products of the demo catalog (devtools.demo.seed.PRODUCTS), two mugs of four already bought:
a purchase the store records through its own route, as a guest's order would. The demo store's
`registries_enabled` must be on first (devtools.demo.seed switches it on); a registry already there (a
persisted run) is left as it is."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from devtools.emulator.gateway import Gateway

TITLE = "Our wedding"
MESSAGE = "Thank you for celebrating with us! Anything still needed below would make our new home."
ITEMS = (("BEAN-ETH-250", 6), ("GRN-HAND", 1), ("MUG-STONE", 4))  # the newest last: shown first
PURCHASE = ("DEMO-REG-1", "MUG-STONE", 2)  # a guest's order: 2 of the 4 mugs


def seed_registries(gateway: Gateway) -> None:  # the seeds' common signature
    from access_center.account import storage as profiles
    from access_center.addresses import storage as address_book
    from access_center.registries import logic
    from access_center.registries.models import RegistryIn
    from access_center.stores.logic import get_store
    from devtools.demo.seed import DEMO_EMAIL, DEMO_STORE, _post  # here: seed.py imports this module

    store = get_store(DEMO_STORE)
    if any(shown["title"] == TITLE for shown in logic.registries(store, DEMO_EMAIL)["registries"]):
        return
    book = sorted(address_book.list_addresses(DEMO_STORE, DEMO_EMAIL), key=lambda item: -float(item.created_at))
    profile = profiles.get_profile(DEMO_STORE, DEMO_EMAIL)
    default = profile.default_shipping if profile else None
    address_id = default or (book[0].address_id if book else None)
    event_date = (datetime.now(UTC).date() + timedelta(days=60)).isoformat()
    body = RegistryIn(title=TITLE, event_date=event_date, message=MESSAGE, address_id=address_id)
    registry_id = logic.create(store, DEMO_EMAIL, body)["registry_id"]
    for sku, wanted in ITEMS:
        logic.add_item(store, DEMO_EMAIL, registry_id, sku, wanted)
    order_id, sku, quantity = PURCHASE
    _post(
        gateway,
        f"/admin/stores/{DEMO_STORE}/registries/{registry_id}/purchases",
        {"order_id": order_id, "sku": sku, "quantity": quantity},
    )
