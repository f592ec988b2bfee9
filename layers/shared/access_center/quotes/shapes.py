"""A quote as it travels inside the product, as TypedDicts: its lines and totals as pushed and stored
(`QuoteLine`, `QuoteTotals`), a quote as the customer and as the store read it (`QuoteView`,
`StoreQuoteView`), the customer's list (`QuoteSummary`, `QuoteList`), the cart link of an accepted
quote (`QuoteCart`) and the events' details (`QuoteAccepted`, `QuoteDeclined`). Typing only: product
modules import this under `if TYPE_CHECKING:`; tests/unit/test_quote_shapes.py keeps each TypedDict's
keys its model's fields (quotes.models). Money is whole minor units of `currency`."""

from typing import Literal, NotRequired, TypedDict

Kind = Literal["quote", "configuration"]
Status = Literal["open", "accepted", "declined", "expired"]
StoredStatus = Literal["open", "accepted", "declined"]  # `expired` is decided when read (quotes.rules)


class QuoteOption(TypedDict):
    name: str
    value: str


class QuoteLine(TypedDict):
    line_id: str
    sku: str
    name: str
    quantity: int
    unit_price: int
    options: list[QuoteOption]


class QuoteTotals(TypedDict):
    subtotal: int
    discount: int
    shipping: int
    tax: int
    total: int


class QuoteContent(TypedDict):
    """What the store pushes beyond the number and the email (which never change): the same content
    pushed again changes nothing."""

    kind: Kind
    valid_until: NotRequired[str]
    currency: str
    lines: list[QuoteLine]
    totals: QuoteTotals


class QuoteView(TypedDict):
    """quotes.models.QuoteView."""

    quote_id: str
    number: str
    kind: Kind
    status: Status
    valid_until: NotRequired[str]
    currency: str
    lines: list[QuoteLine]
    totals: QuoteTotals
    created_at: str
    updated_at: str
    decided_at: NotRequired[str]
    decline_reason: NotRequired[str]


class StoreQuoteView(QuoteView):
    """quotes.models.StoreQuoteView."""

    email: str


class QuoteSummary(TypedDict):
    """quotes.models.QuoteSummary: a quote's entry in its customer's list."""

    quote_id: str
    number: str
    kind: Kind
    status: Status
    valid_until: NotRequired[str]
    currency: str
    total: int
    created_at: str


class QuoteList(TypedDict):
    quotes: list[QuoteSummary]
    next_cursor: str | None


class QuoteCart(TypedDict):
    cart_url: str | None


class QuoteAccepted(TypedDict):
    """The `QuoteAccepted` event's detail: what the customer accepted, at the quoted prices, for the store
    system to honour them (its cart applies its own prices unless told)."""

    store_id: str
    email: str
    quote_id: str
    number: str
    kind: Kind
    currency: str
    lines: list[QuoteLine]
    totals: QuoteTotals
    cart_url: str | None
    accepted_at: str


class QuoteDeclined(TypedDict):
    """The `QuoteDeclined` event's detail."""

    store_id: str
    email: str
    quote_id: str
    number: str
    reason: str | None
    declined_at: str
