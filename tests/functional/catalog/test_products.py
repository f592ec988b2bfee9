"""Store systems push their catalog: PUT and DELETE /admin/stores/{store_id}/products/{sku}."""

from __future__ import annotations

import json
from typing import Any

import pytest

from access_center.catalog.models import ProductOut
from devtools.emulator.gateway import Gateway, Reply
from tests.harness.catalog import product_body, product_path, put_product, stored_products
from tests.harness.models import answer
from tests.harness.support import Client, Shop

# Any principal of the account each store pins (Shop.pin) may address that store, and only it.
S1_ROLE = "arn:aws:sts::111111111111:assumed-role/catalog-sync/push"
S2_ROLE = "arn:aws:sts::222222222222:assumed-role/catalog-sync/push"


def _as(gateway: Gateway, caller: str, method: str, path: str, body: Any = None) -> Reply:
    headers = {"Host": "admin.internal", "Content-Type": "application/json"}
    payload = json.dumps(body) if body is not None else None
    return gateway.request(method, path, headers=headers, body=payload, caller_arn=caller)


def _skus() -> list[tuple[str, str]]:
    return sorted((item["store_id"]["S"], item["sku"]["S"]) for item in stored_products())


def test_a_product_put_is_200_with_the_stored_product(shop: Shop, admin: Client) -> None:
    body = product_body("Mug", 1300, image_url="https://cdn.shop.example/mug.png", url="https://shop.example/p/mug")
    reply = put_product(admin, "s1", "MUG-1", body)
    assert reply.status == 200, reply.body
    product = answer(ProductOut, reply)
    assert product == {
        **body,
        "store_id": "s1",
        "sku": "MUG-1",
        "allow_backorder": False,
        "updated_at": product["updated_at"],
    }
    assert product["updated_at"].endswith("Z")
    assert _skus() == [("s1", "MUG-1")]


def test_a_second_put_replaces_every_field(shop: Shop, admin: Client) -> None:
    put_product(admin, "s1", "MUG-1", product_body(image_url="https://cdn.shop.example/mug.png", allow_backorder=True))
    reply = put_product(admin, "s1", "MUG-1", product_body("Big mug", 1500, in_stock=False))
    product = answer(ProductOut, reply)
    assert (product["name"], product["unit_price"], product["in_stock"]) == ("Big mug", 1500, False)
    assert product["allow_backorder"] is False
    assert "image_url" not in product
    (item,) = stored_products()
    assert "image_url" not in item
    assert item["unit_price"] == {"N": "1500"}


def test_delete_is_204_without_a_body_and_idempotent(shop: Shop, admin: Client) -> None:
    put_product(admin, "s1", "MUG-1")
    for _ in range(2):
        reply = admin.request("DELETE", product_path("s1", "MUG-1"))
        assert reply.status == 204
        assert reply.body == b""
    assert stored_products() == []


def test_a_sku_with_spaces_slashes_and_hashes_is_addressed_percent_encoded(shop: Shop, admin: Client) -> None:
    sku = "Mug 1/2 #blue, ö"
    reply = put_product(admin, "s1", sku)
    assert reply.status == 200, reply.body
    assert answer(ProductOut, reply)["sku"] == sku
    assert _skus() == [("s1", sku)]
    assert admin.request("DELETE", product_path("s1", sku)).status == 204
    assert stored_products() == []


@pytest.mark.parametrize(
    "change",
    [
        {"unit_price": "1300"},
        {"unit_price": 13.0},
        {"unit_price": -1},
        {"currency": "eur"},
        {"available": "yes"},
        {"in_stock": None},
        {"allow_backorder": 1},
        {"name": ""},
        {"name": "Mug\r\nBcc: x@example.com"},
        {"image_url": "http://cdn.shop.example/mug.png"},
        {"url": "javascript:alert(1)"},
        {"colour": "blue"},
    ],
)
def test_a_product_that_breaks_the_rules_is_400_and_stores_nothing(
    shop: Shop, admin: Client, change: dict[str, Any]
) -> None:
    reply = put_product(admin, "s1", "MUG-1", {**product_body(), **change})
    assert reply.status == 400, reply.body
    assert reply.json()["error"] == "bad_request"
    assert stored_products() == []


def test_a_product_without_its_required_fields_is_400(shop: Shop, admin: Client) -> None:
    for field in ("name", "unit_price", "currency", "available", "in_stock"):
        body = {k: v for k, v in product_body().items() if k != field}
        assert put_product(admin, "s1", "MUG-1", body).status == 400, field
    assert stored_products() == []


@pytest.mark.parametrize("segment", ["%20MUG", "MUG%20", "MUG%0A1", "%FF", "x" * 101, "%00"])
def test_a_sku_no_order_line_could_carry_is_400(shop: Shop, admin: Client, segment: str) -> None:
    reply = admin.put(f"/admin/stores/s1/products/{segment}", product_body())
    assert reply.status == 400, reply.body
    assert reply.json()["error"] == "bad_request"
    assert admin.request("DELETE", f"/admin/stores/s1/products/{segment}").status == 400
    assert stored_products() == []


def test_a_product_for_a_store_that_does_not_exist_is_404_and_stores_nothing(shop: Shop, admin: Client) -> None:
    reply = put_product(admin, "nowhere", "MUG-1")
    assert reply.status == 404
    assert reply.json()["error"] == "not_found"
    assert stored_products() == []


def test_a_store_system_may_not_write_or_remove_another_stores_products(shop: Shop, admin: Client) -> None:
    Shop.create(admin, "s2", "other.example", name="Shop Two").pin("222222222222")
    shop.pin("111111111111")
    gateway = admin.gateway
    assert _as(gateway, S1_ROLE, "PUT", product_path("s1", "MUG-1"), product_body()).status == 200
    refused = _as(gateway, S2_ROLE, "PUT", product_path("s1", "MUG-1"), product_body(unit_price=1))
    assert refused.status == 403
    assert refused.json()["error"] == "forbidden"
    assert _as(gateway, S2_ROLE, "PUT", product_path("s1", "TEA-9"), product_body()).status == 403
    assert _as(gateway, S2_ROLE, "DELETE", product_path("s1", "MUG-1")).status == 403
    (item,) = stored_products()
    assert (item["store_id"]["S"], item["unit_price"]["N"]) == ("s1", "1300")
    assert _as(gateway, S2_ROLE, "PUT", product_path("s2", "MUG-1"), product_body()).status == 200


def test_two_stores_keep_their_own_product_under_the_same_sku(shop: Shop, admin: Client) -> None:
    Shop.create(admin, "s2", "other.example", name="Shop Two")
    put_product(admin, "s1", "MUG-1", unit_price=1300)
    put_product(admin, "s2", "MUG-1", unit_price=900)
    assert admin.request("DELETE", product_path("s2", "MUG-1")).status == 204
    (item,) = stored_products()
    assert (item["store_id"]["S"], item["unit_price"]["N"]) == ("s1", "1300")
