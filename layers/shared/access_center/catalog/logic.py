"""The catalog: store systems push their products; "order again" reads them (access_center.reorder)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast
from urllib.parse import unquote

from access_center.catalog import storage as db
from access_center.core import clock
from access_center.core.errors import BadRequest
from access_center.core.i18n import N_
from access_center.core.text import has_control_characters
from access_center.stores.logic import get_store

if TYPE_CHECKING:  # parsed by the products function only
    from access_center.catalog.models import ProductIn
    from access_center.catalog.shapes import Product, ProductFields

MAX_SKU_CHARS = 100  # as an order line's `sku`


def sku_from_path(segment: str) -> str:
    """The SKU a path segment names. API Gateway hands REST path segments over percent-encoded, so a SKU
    with a space, a slash or a `#` arrives as `A%20B`; the SKU is what an order line would carry."""
    try:
        sku = unquote(segment, errors="strict")
    except UnicodeDecodeError:  # `%FF`: percent-encoded bytes that are not UTF-8
        sku = ""
    if not sku or len(sku) > MAX_SKU_CHARS or sku != sku.strip() or has_control_characters(sku):
        raise BadRequest(
            N_(
                "A SKU is 1 to %(max_chars)s characters, without control characters or spaces at its ends "
                "(percent-encoded in the path)."
            ),
            max_chars=MAX_SKU_CHARS,
            details=[{"loc": ["path", "sku"]}],
        )
    return sku


def put_product(store_id: str, segment: str, body: ProductIn) -> Product:
    sku = sku_from_path(segment)
    get_store(store_id)  # 404 for a store that does not exist: no products of nobody's
    fields = cast("ProductFields", body.stored())  # as ProductIn validated it, its nulls left out
    return db.put_product(store_id, sku, fields, clock.iso(clock.now()))


def delete_product(store_id: str, segment: str) -> None:
    db.delete_product(store_id, sku_from_path(segment))


def products(store_id: str, skus: list[str]) -> dict[str, Product]:
    """The store's current products for these SKUs (those without a product are left out)."""
    return db.get_products(store_id, (sku for sku in skus if sku))
