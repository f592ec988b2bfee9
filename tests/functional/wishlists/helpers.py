"""What the wish list tests share: the products, a new list, an item added."""

from __future__ import annotations

from typing import Any

from tests.harness.catalog import put_product
from tests.harness.support import Client, Shop

ANN, BOB = "ann@example.com", "bob@example.com"
CART = "https://shop.example/cart/{items}"
API = "/store/account/api/wishlists"


def products(shop: Shop, store_id: str = "s1") -> None:
    assert put_product(shop.admin, store_id, "MUG-1", name="Mug", unit_price=1300).status == 200
    assert put_product(shop.admin, store_id, "TEA-9", name="Tea", unit_price=800, in_stock=False).status == 200
    assert put_product(shop.admin, store_id, "OLD-1", name="Old", unit_price=500, available=False).status == 200
    assert (
        put_product(
            shop.admin, store_id, "PRE-1", name="Pre", unit_price=2000, in_stock=False, allow_backorder=True
        ).status
        == 200
    )


def new_list(client: Client, name: str = "Birthday") -> dict[str, Any]:
    reply = client.post(API, {"name": name})
    assert reply.status == 201, reply.body
    return reply.json()  # type: ignore[no-any-return]


def add(client: Client, list_id: str, sku: str, quantity: int | None = None) -> Any:
    body: dict[str, Any] = {"sku": sku} if quantity is None else {"sku": sku, "quantity": quantity}
    return client.post(f"{API}/{list_id}/items", body)
