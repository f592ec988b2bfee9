"""Quotes and configurations at the edge (API.md section 12): what a store system pushes, what a
customer sends to decline, and the answers (a quote as the customer and as the store see it, the
customer's list, the cart link of an accepted quote). Money is whole minor units of `currency`.

Its own totals and currency types rather than the order models': the functions that parse quotes
load this module and no other feature's models (tests/contract/test_lean_imports.py)."""

from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from access_center.core.fields import Answer, Email, Identifier, Money, Quantity, Strict, Timestamp

MAX_LINES = 200
MAX_OPTIONS = 20  # a line's options (a configuration's choices: "Burr: Steel")
MAX_REASON = 1000

Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 4217, like EUR.")]
Kind = Literal["quote", "configuration"]
Status = Literal["open", "accepted", "declined", "expired"]
Label = Annotated[str, Field(min_length=1, max_length=200)]
Sku = Annotated[str, Field(min_length=1, max_length=100)]
QuoteNumber = Annotated[str, Field(min_length=1, max_length=64)]
Reason = Annotated[str, Field(min_length=1, max_length=MAX_REASON)]
STATUS_TEXT = "`open`; `accepted` or `declined` by the customer; `expired`: open and past `valid_until` when read."


class OptionIn(Strict):
    name: Label
    value: Label


class QuoteLineIn(Strict):
    line_id: Identifier
    sku: Sku
    name: Label
    quantity: Quantity
    unit_price: Money
    options: Annotated[list[OptionIn], Field(max_length=MAX_OPTIONS)] = Field(default_factory=list)


class QuoteTotalsIn(Strict):
    """As an order's totals."""

    subtotal: Money
    discount: Money = 0
    shipping: Money = 0
    tax: Money = 0
    total: Money


class QuoteIn(Strict):
    number: QuoteNumber
    email: Email
    kind: Kind = Field(description="`quote` (prices offered) or `configuration` (a product configured).")
    valid_until: Timestamp | None = Field(default=None, description="After it the customer cannot accept it.")
    currency: Currency
    lines: Annotated[list[QuoteLineIn], Field(min_length=1, max_length=MAX_LINES)]
    totals: QuoteTotalsIn

    @model_validator(mode="after")
    def _lines_are_unique(self) -> Self:
        line_ids = [line.line_id for line in self.lines]
        if len(set(line_ids)) != len(line_ids):
            raise ValueError("line_id values must be unique")
        return self


class DeclineIn(Strict):
    """The customer's reason, optionally (line breaks allowed: shown as text, never in a header)."""

    multiline_fields = frozenset({"reason"})
    reason: Reason | None = None


class QuoteOption(OptionIn, Answer):
    pass


class QuoteLine(Answer):
    line_id: Identifier
    sku: str
    name: str
    quantity: Quantity
    unit_price: Money
    options: list[QuoteOption]


class QuoteTotals(QuoteTotalsIn, Answer):
    pass


class QuoteView(Answer):
    """A quote as its customer sees it."""

    multiline_fields = frozenset({"decline_reason"})
    quote_id: Identifier
    number: str
    kind: Kind
    status: Status = Field(description=STATUS_TEXT)
    valid_until: Timestamp | None = None
    currency: Currency
    lines: list[QuoteLine]
    totals: QuoteTotals
    created_at: Timestamp = Field(description="When the store first pushed it.")
    updated_at: Timestamp = Field(description="When the store last changed it.")
    decided_at: Timestamp | None = Field(default=None, description="When the customer accepted or declined it.")
    decline_reason: str | None = Field(default=None, description="The customer's reason, where they gave one.")


class StoreQuoteView(QuoteView):
    """A quote as its store's systems read it back: with the customer's email."""

    email: Email


class QuoteSummary(Answer):
    quote_id: Identifier
    number: str
    kind: Kind
    status: Status = Field(description=STATUS_TEXT)
    valid_until: Timestamp | None = None
    currency: Currency
    total: Money
    created_at: Timestamp


class QuoteList(Answer):
    quotes: list[QuoteSummary] = Field(description="Newest first (by when the store first pushed each).")
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last.")


class QuoteCart(Answer):
    cart_url: str | None = Field(
        description="The store's cart with the quote's lines; null where the store has no cart link (it still"
        " hears `QuoteAccepted` and can honour the quote its own way)."
    )
