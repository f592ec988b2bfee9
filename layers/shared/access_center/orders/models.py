"""Orders and fulfilments at the edge: what a store system sends, what is stored, what the table's
stream delivers and what the routes answer, built from one set of fields.

- OrderFields is the order as a store system describes it. OrderIn (the request) adds its lines and
  `browser_session_id`. What put_order stores is `OrderIn.stored()` plus `fulfilments`: StoredOrder
  describes that map, and StoredOrderItem the Orders item around it as the stream delivers it (the
  change-notices function reads it with `extra="ignore"`, see core.fields.Strict).
- OrderView (the answer) is the stored order without `browser_session_id`, plus `order_id`,
  `fulfilment_status`, each line's `fulfilled_quantity`, and the fulfilments; OrderSummary is the
  customer's list entry as answered (the contract's fields); the stored entry also keeps the order's first
  lines (`first_items`: name, quantity, image) for the orders page, which the JSON list leaves out.
- A line may carry an `image_url` (https; not in the contract's order, an optional addition documented here
  and in openapi.json): the pages show it as the line's thumbnail.
- FulfilmentIn is what a store sends about a parcel; Fulfilment is the parcel as stored and answered.
Where a field is a list of lines, the base types it as a Sequence and each model narrows it to its own list.

The items in the tables are PynamoDB models (access_center.orders.items, written by orders.storage),
separate from these: they know keys, versions and list entries, and carry the order as a plain map.
orders.logic builds answers as plain dicts on the hot path (no model per request, for CPU and cold
starts); the tests check every answer against these models (tests/harness/models.py).
"""

from collections.abc import Iterable, Sequence
from typing import Annotated, Literal, Self, TypeVar

from pydantic import Field, model_validator

from access_center.core.fields import (
    Answer,
    Count,
    Email,
    HttpsUrl,
    Identifier,
    Money,
    Quantity,
    ShortText,
    Strict,
    Text,
    Timestamp,
    WebUrl,
)
from access_center.orders.parts import Cancellation, StoredReturn, TrackingEvent, TrackingStatus

_Line = TypeVar("_Line")
Lines = Annotated[list[_Line], Field(min_length=1, max_length=500)]
Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
OrderNumber = Annotated[str, Field(min_length=1, max_length=64)]
Status = Annotated[str, Field(min_length=1, max_length=50)]
LanguageTag = Annotated[
    str,
    Field(
        max_length=35,
        pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$",
        description=(
            "The checkout's language (BCP 47, e.g. `de` or `de-AT`): the order's emails are in it where the "
            "store offers it (`de-AT` as `de`) and the customer chose no language of their own."
        ),
    ),
]
FulfilmentStatus = Literal["unfulfilled", "partially_fulfilled", "fulfilled"]


class Address(Strict):
    name: ShortText | None = None
    company: ShortText | None = None
    line1: Text | None = None
    line2: Text | None = None
    city: ShortText | None = None
    region: ShortText | None = None
    postal_code: Annotated[str, Field(min_length=1, max_length=32)] | None = None
    country: ShortText | None = None
    country_code: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = None
    phone: Annotated[str, Field(min_length=1, max_length=40)] | None = None


# The answers' own names for the shapes they share with a request: openapi.json describes them as sent
# (a default always there, an absent field left out rather than null), so they cannot share its schema.
class AddressView(Address, Answer):
    pass


ImageUrl = Annotated[
    HttpsUrl, Field(description="A picture of the product (https), shown beside its line on the customer's pages.")
]


class LineItemIn(Strict):
    line_id: Identifier
    sku: Annotated[str, Field(max_length=100)] = ""
    name: Text
    quantity: Quantity
    unit_price: Money
    image_url: ImageUrl | None = None


class LineItemView(LineItemIn, Answer):
    fulfilled_quantity: Count


class TotalsIn(Strict):
    subtotal: Money
    discount: Money = 0
    shipping: Money = 0
    tax: Money = 0
    total: Money


class Totals(TotalsIn, Answer):
    pass


def _check_unique(line_ids: Iterable[str]) -> None:
    seen = list(line_ids)
    if len(seen) != len(set(seen)):
        raise ValueError("line_id values must be unique")


class OrderFields(Strict):
    number: OrderNumber
    email: Email
    customer_name: Annotated[str, Field(max_length=200)] = ""
    contact_id: Identifier | None = None
    contact_created_at: Timestamp | None = None
    placed_at: Timestamp
    currency: Currency
    status: Status
    items: Sequence[LineItemIn]
    totals: TotalsIn
    shipping_address: Address | None = None
    billing_address: Address | None = None
    language: LanguageTag | None = None
    company_id: Identifier | None = Field(
        default=None,
        description="The company the order is placed for: its members see it by role.",
    )


class OrderIn(OrderFields):
    items: Lines[LineItemIn]
    browser_session_id: Annotated[str, Field(min_length=1, max_length=128)] | None = None

    @model_validator(mode="after")
    def _lines_are_unique(self) -> Self:
        _check_unique(line.line_id for line in self.items)
        return self


class FulfilmentLineIn(Strict):
    line_id: Identifier
    quantity: Quantity


class FulfilmentLine(FulfilmentLineIn, Answer):
    pass


class FulfilmentFields(Strict):
    items: Sequence[FulfilmentLineIn] | None = None
    carrier: ShortText | None = None
    tracking_number: ShortText | None = None
    # As stored: a request takes only an http(s) link (FulfilmentIn), but what is read back may predate
    # that rule or be written by hand, so whoever shows it links it only if it is one (emails.web_link).
    tracking_url: Annotated[str, Field(max_length=2048)] | None = None
    shipped_at: Timestamp | None = None
    status: Annotated[
        Status, Field(description="`shipped` unless the store said otherwise; `cancelled` releases its lines.")
    ] = "shipped"


class FulfilmentIn(FulfilmentFields):
    items: Lines[FulfilmentLineIn] | None = None
    tracking_url: WebUrl | None = None

    @model_validator(mode="after")
    def _lines_are_unique(self) -> Self:
        if self.items is not None:
            _check_unique(line.line_id for line in self.items)
        return self


class DirectFulfilmentIn(FulfilmentIn):
    """The fulfilment function's direct-invocation payload: the body plus the ids the path would carry."""

    store_id: Identifier
    order_id: Identifier
    fulfilment_id: Identifier

    def fulfilment(self) -> FulfilmentIn:
        return FulfilmentIn.model_validate(self.model_dump(exclude={"store_id", "order_id", "fulfilment_id"}))


class Fulfilment(FulfilmentFields, Answer):
    """A parcel as stored in its order and answered: every line resolved, `shipped_at` always set."""

    fulfilment_id: Identifier
    items: Lines[FulfilmentLine]
    shipped_at: Timestamp
    carrier_derived: bool = Field(
        default=False,
        description="True where the carrier and link were derived from the tracking number, not sent by the store.",
    )
    tracking_status: TrackingStatus | None = Field(default=None, description="The newest tracking event's status.")
    estimated_delivery: Timestamp | None = Field(default=None, description="The newest estimate; none once delivered.")
    events: list[TrackingEvent] = Field(
        default_factory=list, description="Tracking events, newest first (at most 100)."
    )

    @property
    def tracking(self) -> str | None:
        """What identifies this parcel to the customer: the tracking number, else the tracking link."""
        return (self.tracking_number or "").strip() or (self.tracking_url or "").strip() or None


class StoredOrder(OrderIn):
    """The order map of the Orders item: the request as received, with the fulfilments recorded since
    and the customer's cancellation request and returns, if any."""

    fulfilments: list[Fulfilment] = Field(default_factory=list)
    cancellation: Cancellation | None = None
    returns: list[StoredReturn] | None = None


class StoredOrderItem(Strict):
    """An Orders item as the table's stream delivers it; keys, version and list owners are skipped."""

    store_id: Identifier
    order_id: Identifier
    order: StoredOrder
    # When the order reached the service (its first write): an order placed long before is an import.
    created_at: Timestamp | None = None


class OrderView(OrderFields, Answer):
    """The order as the store sent it (without `browser_session_id`), with fulfilment state."""

    order_id: Identifier
    items: Lines[LineItemView]
    totals: Totals
    shipping_address: AddressView | None = None
    billing_address: AddressView | None = None
    fulfilment_status: FulfilmentStatus
    fulfilments: list[Fulfilment]
    cancellation: Cancellation | None = Field(
        default=None, description="The customer's cancellation request and the store's decision; absent if none."
    )
    returns: list[StoredReturn] | None = Field(
        default=None, description="The customer's return requests, oldest first; absent if none."
    )


class OrderSummary(Answer):
    order_id: Identifier
    number: OrderNumber
    placed_at: Timestamp
    currency: Currency
    total: Money
    status: Status
    fulfilment_status: FulfilmentStatus
    item_count: Count
    estimated_delivery: Timestamp | None = Field(
        default=None, description="The nearest estimate of the parcels on their way; none once all arrived."
    )
    placed_by: Email | None = Field(
        default=None, description="`scope=company` only: the email of the member who placed the order."
    )


class OrderList(Answer):
    orders: list[OrderSummary]
    next_cursor: str | None = Field(
        description="Pass as `cursor` (with the same filters) for the next page; null on the last. A filtered"
        " page may hold fewer than `limit` orders, or none, and still have a next page: it reads a bounded"
        " number of orders per request."
    )
