"""Saved carts at the edge (API.md section 12): what a store system pushes, what the customer sends to
rename one, and the answers. Prices are never pushed: they are the catalog's when the cart is read."""

from typing import Annotated, Literal, Self

from pydantic import Field, StrictInt, model_validator

from access_center.core.fields import Answer, Email, Identifier, Money, Strict, Timestamp

MAX_ITEMS = 200
MAX_QUANTITY = 9999
MAX_NAME = 200
MAX_PAGE = 100

Sku = Annotated[str, Field(min_length=1, max_length=100)]
CartName = Annotated[str, Field(max_length=MAX_NAME)]
Reason = Literal["unavailable", "out_of_stock"]


class CartLineIn(Strict):
    sku: Sku
    quantity: Annotated[StrictInt, Field(ge=1, le=MAX_QUANTITY)]


class SavedCartIn(Strict):
    email: Email
    name: CartName | None = Field(
        default=None,
        description='Left out: the cart keeps the name it has (a customer may have renamed it). `""`: no name.',
    )
    items: Annotated[list[CartLineIn], Field(min_length=1, max_length=MAX_ITEMS)]
    saved_at: Timestamp

    @model_validator(mode="after")
    def _one_line_per_sku(self) -> Self:
        skus = [line.sku for line in self.items]
        if len(set(skus)) != len(skus):
            raise ValueError("each sku must be in items once (add up its quantities)")
        return self


class CartRenameIn(Strict):
    name: CartName | None = Field(description='The new name; `""` or null: no name (shown by its date).')


class CartLineView(Answer):
    sku: str
    quantity: StrictInt


class StoredSavedCart(Answer):
    """A saved cart as the store system's PUT answers it."""

    cart_id: Identifier
    email: Email
    name: str | None = Field(description="The name the customer sees (theirs, once they renamed it); null: none.")
    items: list[CartLineView]
    saved_at: Timestamp


class SavedCartLine(Answer):
    sku: str
    quantity: StrictInt
    name: str | None = Field(description="The product's name now; null where the store has no such product.")
    current_unit_price: Money | None = Field(description="The store's price now, in `currency`; null: no product.")
    currency: str | None
    addable: bool
    reason: Reason | None = Field(
        default=None, description="Why not addable: no longer sold (or no such product), or out of stock."
    )


class SavedCart(Answer):
    cart_id: Identifier
    name: str | None = Field(description="Null: unnamed (the pages say when it was saved).")
    saved_at: Timestamp
    items: list[SavedCartLine]


class SavedCartList(Answer):
    carts: list[SavedCart] = Field(description="Newest `saved_at` first.")
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last.")


class SkippedLine(Answer):
    sku: str
    reason: Reason


class RestoredCart(Answer):
    cart_url: str = Field(description="The store's cart with the addable lines; send the customer there.")
    skipped: list[SkippedLine] | None = Field(default=None, description="The lines left out, and why.")
