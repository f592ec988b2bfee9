"""The catalog at the edge (API.md section 6): a product as a store system sends it, and as answered.

What is stored is `ProductIn.stored()` in the product's item (access_center.catalog.items); "order again"
(access_center.reorder) reads the items back as plain dicts, without these models.
"""

from typing import Annotated

from pydantic import Field, StrictBool

from access_center.core.fields import Answer, HttpsUrl, Identifier, Money, Strict, Text, Timestamp

# The same form as an order line's `sku` (one to 100 characters); in a path, percent-encoded.
Sku = Annotated[str, Field(min_length=1, max_length=100)]
Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]


class ProductIn(Strict):
    name: Text
    unit_price: Annotated[Money, Field(description="The current price, in minor units of `currency`.")]
    currency: Currency
    available: Annotated[StrictBool, Field(description="Still sold; false: no longer sold.")]
    in_stock: StrictBool
    allow_backorder: Annotated[StrictBool, Field(description="Out of stock, it can still be ordered.")] = False
    image_url: HttpsUrl | None = None
    url: Annotated[HttpsUrl, Field(description="The product's page in the store.")] | None = None


class ProductOut(ProductIn, Answer):
    store_id: Identifier
    sku: Sku
    updated_at: Timestamp
