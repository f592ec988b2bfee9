"""The answers of "order again" as TypedDicts (reorder.logic and reorder.rules build them): a line at
today's price (`ReorderLine`, reorder.models.ReorderLine), the preview (`ReorderPreview`), the cart link
(`ReorderCart`), and the `ReorderStarted` event the store hears (`ReorderStarted`). Typing only:
product modules import this under `if TYPE_CHECKING:`; tests/unit/test_stored_shapes.py keeps each
TypedDict's keys its model's fields."""

from typing import Literal, NotRequired, TypedDict

Reason = Literal["unavailable", "out_of_stock"]


class ReorderLine(TypedDict):
    """reorder.models.ReorderLine: an order line with what was paid and what it costs now."""

    line_id: str
    sku: str
    name: str
    quantity: int
    paid_unit_price: int
    current_unit_price: int | None  # None where the store has no such product
    current_currency: NotRequired[str]  # there whenever current_unit_price is a price
    addable: bool
    reason: NotRequired[Reason]  # there whenever the line is not addable


class ShownLine(ReorderLine):
    """A line as the order-again page shows it: with why it cannot be added, in words ("" if it can)."""

    why_not: str


class ReorderPreview(TypedDict):
    """reorder.models.ReorderPreview."""

    currency: str
    lines: list[ReorderLine]
    cart_url: str | None


class ReorderCart(TypedDict):
    """reorder.models.ReorderCart."""

    cart_url: str


class CartLine(TypedDict):
    """A line the `ReorderStarted` event says went to the cart, at the store's current price."""

    line_id: str
    sku: str
    quantity: int
    unit_price: int | None
    currency: str


class SkippedLine(TypedDict):
    """A line left out of the cart, and why."""

    line_id: str
    sku: str
    reason: Reason


class ReorderStarted(TypedDict):
    """The `ReorderStarted` event's detail: no email address (the store knows its customer by the order)."""

    store_id: str
    order_id: str
    order_number: str
    items: list[CartLine]
    skipped: list[SkippedLine]
    cart_url: str | None
    acted_by: NotRequired[str]  # a company member ordering a colleague's order again (API.md section 11)
