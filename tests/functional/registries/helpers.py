"""What the gift registry tests share: the products, a registry, an item, a store purchase."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.harness.catalog import put_product
from tests.harness.support import Client, Shop

ANN, BOB = "ann@example.com", "bob@example.com"
CART = "https://shop.example/cart/{items}?registry={registry_id}"
API = "/store/account/api/registries"
ADMIN = "/admin/stores/s1/registries"


def days_ahead(days: int) -> str:
    return (datetime.now(UTC).date() + timedelta(days=days)).isoformat()


def products(shop: Shop, store_id: str = "s1") -> None:
    assert put_product(shop.admin, store_id, "MUG-1", name="Mug", unit_price=1300).status == 200
    assert put_product(shop.admin, store_id, "TEA-9", name="Tea", unit_price=800, in_stock=False).status == 200
    assert put_product(shop.admin, store_id, "OLD-1", name="Old", unit_price=500, available=False).status == 200


def new_registry(client: Client, title: str = "Our wedding", **extra: Any) -> dict[str, Any]:
    reply = client.post(API, {"title": title, "event_date": days_ahead(60), **extra})
    assert reply.status == 201, reply.body
    return reply.json()  # type: ignore[no-any-return]


def add(client: Client, registry_id: str, sku: str, quantity: int = 1) -> Any:
    return client.post(f"{API}/{registry_id}/items", {"sku": sku, "quantity": quantity})


def buy(shop: Shop, registry_id: str, order_id: str, sku: str, quantity: int, store_id: str = "s1") -> Any:
    body = {"order_id": order_id, "sku": sku, "quantity": quantity}
    return shop.admin.post(f"/admin/stores/{store_id}/registries/{registry_id}/purchases", body)
