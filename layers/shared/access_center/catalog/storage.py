"""Products (Products table): one item per store and SKU; the only code that reads or writes them."""

from __future__ import annotations

import random
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from access_center.catalog.items import ProductItem
from access_center.core.config import settings
from access_center.core.errors import Unavailable
from access_center.core.i18n import N_

if TYPE_CHECKING:
    from access_center.catalog.shapes import Product, ProductFields

# BatchGetItem takes at most 100 keys per call: an order with more distinct SKUs costs one call per 100.
BATCH_GET_KEYS = 100
# DynamoDB may answer only part of a batch (UnprocessedKeys: throttling, or the 16 MB answer limit);
# those keys are asked for again, after a short jittered pause, this many times in all before a 503.
BATCH_GET_ATTEMPTS = 5
_BACKOFF_SECONDS = 0.02
_FIELDS = ("name", "unit_price", "currency", "available", "in_stock", "allow_backorder", "image_url", "url")


def product_key(store_id: str, sku: str) -> str:
    return f"{store_id}#{sku}"


def put_product(store_id: str, sku: str, product: ProductFields, updated_at: str) -> Product:
    """Create or replace the product (a PUT replaces every field: one it leaves out is gone)."""
    item = ProductItem(product_key(store_id, sku), store_id=store_id, sku=sku, updated_at=updated_at, **product)
    item.save()
    return _plain(item)


def delete_product(store_id: str, sku: str) -> None:
    """Remove the product; removing one that is not there is not an error (DELETE is idempotent)."""
    ProductItem(product_key(store_id, sku)).delete()


def get_products(store_id: str, skus: Iterable[str]) -> dict[str, Product]:
    """The store's products by SKU, for the SKUs that have one: one BatchGetItem per 100 distinct SKUs
    (a key asked for twice in one call is refused by DynamoDB), plus any retries of unprocessed keys.
    Eventually consistent reads: half the cost, and a product changed a second ago may show as before."""
    wanted = list(dict.fromkeys(skus))
    found: dict[str, Product] = {}
    connection = ProductItem._get_connection()
    for start in range(0, len(wanted), BATCH_GET_KEYS):
        keys: list[dict[str, Any]] = [
            {"pk": product_key(store_id, sku)} for sku in wanted[start : start + BATCH_GET_KEYS]
        ]
        for attempt in range(BATCH_GET_ATTEMPTS):
            if attempt:
                time.sleep(random.uniform(0, _BACKOFF_SECONDS * 2**attempt))
            # Typed as hash key strings, but PynamoDB takes key maps, as its own Model.batch_get sends them.
            answer = connection.batch_get_item(cast(Any, keys))
            for raw in answer.get("Responses", {}).get(settings().products_table, []):
                product = _plain(ProductItem.from_raw_data(raw))
                found[product["sku"]] = product
            keys = (
                answer.get("UnprocessedKeys", {}).get(settings().products_table, {}).get("Keys", [])
            )  # as DynamoDB keys
            if not keys:
                break
        else:
            raise Unavailable(N_("The catalog is busy right now. Retry in a moment."), retry_after=1)
    return found


def _plain(item: ProductItem) -> Product:
    product: dict[str, Any] = {"store_id": item.store_id, "sku": item.sku, "updated_at": item.updated_at}
    for name in _FIELDS:
        value = getattr(item, name)
        if value is not None:
            product[name] = int(value) if name == "unit_price" else value
    return cast("Product", product)  # the item's fields, its nulls left out
