"""A return as it travels beyond its order, as TypedDicts (the order keeps it as orders.shapes.StoredReturn):
a line the customer asks to return (returns.models.ReturnLineIn) and a return as the routes answer it
and the Returns index keeps it (returns.models.Return: the stored return plus its order). Typing only,
imported under `if TYPE_CHECKING:`; tests/unit/test_stored_shapes.py keeps the keys the models' fields."""

from typing import TypedDict

from access_center.orders.shapes import StoredReturn


class RequestedLine(TypedDict):
    """returns.models.ReturnLineIn: a line to return, how many and why (a reason code)."""

    line_id: str
    quantity: int
    reason: str


class Return(StoredReturn):
    """returns.models.Return: the stored return, with its order's id and number."""

    order_id: str
    order_number: str
