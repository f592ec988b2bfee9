"""A product as it travels inside the product code, as TypedDicts: what a store system sends as stored
(`ProductFields`, catalog.models.ProductIn with its nulls left out) and a product as the Products table
keeps it and the routes answer it (`Product`, catalog.models.ProductOut), which "order again" reads
(access_center.reorder). Typing only: product modules import this under `if TYPE_CHECKING:`;
tests/unit/test_stored_shapes.py keeps each TypedDict's keys its model's fields."""

from typing import NotRequired, TypedDict


class ProductFields(TypedDict):
    """catalog.models.ProductIn: the price in minor units of `currency`."""

    name: str
    unit_price: int
    currency: str
    available: bool
    in_stock: bool
    allow_backorder: NotRequired[bool]  # reorder.rules reads it with .get: False where it is not there
    image_url: NotRequired[str]
    url: NotRequired[str]


class Product(ProductFields):
    """catalog.models.ProductOut: the stored product, with its store, SKU and when it was last pushed."""

    store_id: str
    sku: str
    updated_at: str
