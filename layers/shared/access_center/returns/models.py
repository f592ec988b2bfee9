"""Return requests at the edge (API.md section 6): what a customer and a store system send, the return as
the return routes answer it (with its order: `order_id`, `order_number`), and the store system's list.
The return as stored in its order (`order["returns"]`) is part of the order's shape: orders.parts.StoredReturn.
"""

from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from access_center.core.field_errors import FieldError
from access_center.core.fields import Answer, HttpsUrl, Identifier, Quantity, ShortText, Strict
from access_center.core.i18n import N_
from access_center.orders.parts import Comment, StoredReturn, StoreMessage


class ReturnLineIn(Strict):
    line_id: Identifier
    quantity: Quantity
    reason: ShortText


class ReturnIn(Strict):
    multiline_fields = frozenset({"comment"})
    items: Annotated[list[ReturnLineIn], Field(min_length=1, max_length=100)]
    comment: Comment | None = None

    @model_validator(mode="after")
    def _one_entry_per_line(self) -> Self:
        seen = [line.line_id for line in self.items]
        if len(seen) != len(set(seen)):
            raise FieldError(N_("each line_id at most once"))
        return self


class ReturnUpdateIn(Strict):
    multiline_fields = frozenset({"message"})
    status: Literal["approved", "declined", "received", "refunded"]
    message: StoreMessage | None = None
    label_url: HttpsUrl | None = Field(default=None, description="A return label (https), shown to the customer.")


class Return(StoredReturn):
    """A return as the return routes answer it: with its order."""

    order_id: Identifier
    order_number: str


class ReturnList(Answer):
    returns: list[Return]


class ReturnsPage(Answer):
    returns: list[Return]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next (older) page; null on the last.")
