"""Saved carts as TypedDicts (carts.logic and carts.rules build them): the answers of carts.models, and
the events the store hears. Typing only: product modules import this under `if TYPE_CHECKING:`;
tests/unit/test_saved_cart_shapes.py keeps each answer's keys its model's fields."""

from typing import Literal, NotRequired, TypedDict

Reason = Literal["unavailable", "out_of_stock"]


class CartLine(TypedDict):
    """carts.models.CartLineView: a line as stored."""

    sku: str
    quantity: int


class StoredSavedCart(TypedDict):
    """carts.models.StoredSavedCart."""

    cart_id: str
    email: str
    name: str | None
    items: list[CartLine]
    saved_at: str


class SavedCartLine(TypedDict):
    """carts.models.SavedCartLine: a line with the catalog's product as it is now."""

    sku: str
    quantity: int
    name: str | None
    current_unit_price: int | None
    currency: str | None
    addable: bool
    reason: NotRequired[Reason]


class SavedCart(TypedDict):
    """carts.models.SavedCart."""

    cart_id: str
    name: str | None
    saved_at: str
    items: list[SavedCartLine]


class SavedCartList(TypedDict):
    """carts.models.SavedCartList."""

    carts: list[SavedCart]
    next_cursor: str | None


class SkippedLine(TypedDict):
    """carts.models.SkippedLine."""

    sku: str
    reason: Reason


class RestoredCart(TypedDict):
    """carts.models.RestoredCart."""

    cart_url: str
    skipped: NotRequired[list[SkippedLine]]


class AddedLine(TypedDict):
    """A line `SavedCartRestored` says went to the cart, at the store's current price."""

    sku: str
    quantity: int
    unit_price: int
    currency: str


class SavedCartRestored(TypedDict):
    store_id: str
    email: str
    cart_id: str
    name: str | None
    items: list[AddedLine]
    skipped: list[SkippedLine]
    cart_url: str
