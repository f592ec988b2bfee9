"""The answers of "order again" (API.md section 6). The routes answer plain dicts (reorder.logic); the
tests hold them to these closed models, and openapi.json describes them.

Beyond the contract's fields: `currency` (the order's, that `paid_unit_price` is in) and each line's
`current_currency` (the product's, that `current_unit_price` is in; present whenever that price is).
"""

from typing import Annotated, Literal

from pydantic import Field, StrictBool

from access_center.core.fields import Answer, Identifier, Money, Quantity
from access_center.orders.models import Currency


class ReorderLine(Answer):
    line_id: Identifier
    sku: Annotated[str, Field(max_length=100, description="Empty where the order line had none.")]
    name: str
    quantity: Quantity
    paid_unit_price: Annotated[Money, Field(description="In the order's `currency`.")]
    current_unit_price: Money | None = Field(
        description="The store's price now, in `current_currency`; null where it has no such product."
    )
    current_currency: Currency | None = None
    addable: StrictBool
    reason: (
        Annotated[
            Literal["unavailable", "out_of_stock"],
            Field(description="Why not addable: no longer sold (or no such product), or out of stock (no backorder)."),
        ]
        | None
    ) = None


class ReorderPreview(Answer):
    currency: Currency
    lines: list[ReorderLine]
    cart_url: str | None = Field(description="The store's cart with the addable lines; null if none or no cart link.")


class ReorderCart(Answer):
    cart_url: str = Field(description="The store's cart with only the addable lines; send the customer there.")
