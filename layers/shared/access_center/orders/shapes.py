"""The order as it travels inside the product, as TypedDicts: the stored order map (`Order`, what
orders.models.StoredOrder describes), the order view the routes answer and the pages show (`OrderView`,
orders.models.OrderView), and their parts (orders.parts: the cancellation request, returns, tracking
events). Code passes plain dicts on the hot path (no model per request); these give mypy their keys.

Typing only: product modules import this under `if TYPE_CHECKING:` (it costs a cold start nothing).
Each TypedDict's keys are its pydantic model's fields (tests/unit/test_stored_shapes.py): a field added
to one and not the other fails that test. A key is `NotRequired` where what is stored may lack it: a
model field that is None unless given (what is stored leaves nulls out), and a few with defaults that
only some writers write (a fulfilment's `events` and `carrier_derived`, the order's `fulfilments`).

Money and quantities are whole numbers (core.fields; access_center.db.values reads them back as int).
"""

from typing import Literal, NotRequired, TypedDict

CancellationStatus = Literal["requested", "approved", "declined"]
Decision = Literal["approved", "declined"]  # the store's answer to a cancellation request
ReturnStatus = Literal["requested", "approved", "declined", "received", "refunded"]
TrackingStatus = Literal[
    "info_received",
    "in_transit",
    "out_for_delivery",
    "available_for_pickup",
    "delivered",
    "attempt_failed",
    "exception",
]


class Address(TypedDict, total=False):
    """orders.models.Address: every part optional."""

    name: str
    company: str
    line1: str
    line2: str
    city: str
    region: str
    postal_code: str
    country: str
    country_code: str
    phone: str


class OrderLine(TypedDict):
    """orders.models.LineItemIn: a line as ordered."""

    line_id: str
    sku: str
    name: str
    quantity: int
    unit_price: int
    image_url: NotRequired[str]


class LineView(OrderLine):
    """orders.models.LineItemView: a line of the order view, with what has shipped of it."""

    fulfilled_quantity: int


class Totals(TypedDict):
    """orders.models.TotalsIn and Totals: minor units of the order's currency."""

    subtotal: int
    discount: int
    shipping: int
    tax: int
    total: int


class FulfilmentLine(TypedDict):
    """orders.models.FulfilmentLine."""

    line_id: str
    quantity: int


class TrackingEvent(TypedDict):
    """orders.parts.TrackingEvent: one step of a parcel's journey."""

    status: TrackingStatus
    occurred_at: str
    location: NotRequired[str]
    description: NotRequired[str]
    estimated_delivery: NotRequired[str]


class Fulfilment(TypedDict):
    """orders.models.Fulfilment: a parcel as stored in its order (and, with `events` and
    `carrier_derived` always there, as answered)."""

    fulfilment_id: str
    items: list[FulfilmentLine]
    carrier: NotRequired[str]
    tracking_number: NotRequired[str]
    tracking_url: NotRequired[str]
    shipped_at: str
    status: str
    carrier_derived: NotRequired[bool]
    tracking_status: NotRequired[TrackingStatus]
    estimated_delivery: NotRequired[str]
    events: NotRequired[list[TrackingEvent]]


class Cancellation(TypedDict):
    """orders.parts.Cancellation: the customer's request, then the store's decision."""

    status: CancellationStatus
    reason: NotRequired[str]
    requested_at: str
    decided_at: NotRequired[str]
    message: NotRequired[str]
    acted_by: NotRequired[str]  # the company member who asked on a colleague's order


class ReturnLine(TypedDict):
    """orders.parts.ReturnLine."""

    line_id: str
    name: str
    quantity: int
    reason: str


class StoredReturn(TypedDict):
    """orders.parts.StoredReturn: one return request as its order keeps it."""

    return_id: str
    number: str
    status: ReturnStatus
    items: list[ReturnLine]
    comment: NotRequired[str]
    message: NotRequired[str]
    label_url: NotRequired[str]
    requested_at: str
    updated_at: str
    acted_by: NotRequired[str]  # the company member who asked on a colleague's order


class OrderFields(TypedDict):
    """What the stored order and its view share (orders.models.OrderFields, but its lines)."""

    number: str
    email: str
    customer_name: str
    contact_id: NotRequired[str]
    contact_created_at: NotRequired[str]
    placed_at: str
    currency: str
    status: str
    totals: Totals
    shipping_address: NotRequired[Address]
    billing_address: NotRequired[Address]
    cancellation: NotRequired[Cancellation]
    language: NotRequired[str]  # the checkout's (BCP 47): the order emails' language where the store offers it
    returns: NotRequired[list[StoredReturn]]
    company_id: NotRequired[str]  # the company's order (API.md section 11)


class Order(OrderFields):
    """orders.models.StoredOrder: the order map of the Orders item (orders.storage.OrderRecord.order)."""

    items: list[OrderLine]
    browser_session_id: NotRequired[str]
    fulfilments: NotRequired[list[Fulfilment]]


class OrderView(OrderFields):
    """orders.models.OrderView: the order as the routes answer it and the order page shows it."""

    order_id: str
    items: list[LineView]
    fulfilment_status: str
    fulfilments: list[Fulfilment]


class ListedOrder(Order):
    """The stored order as its store reads it (orders.logic.get_for_store): with the emails it is listed for."""

    listed_for: list[str]


class SummaryLine(TypedDict):
    """One of the first lines a list entry shows (orders.logic.SUMMARY_LINES), its name cut short."""

    name: str
    quantity: int
    image_url: NotRequired[str]


class OrderEntry(TypedDict):
    """A customer's list entry of an order (the Customers table's `summary`): orders.models.OrderSummary,
    plus, for the orders page, its first lines and the list's shipping filter value (orders.search);
    an entry written before those two lacks them."""

    order_id: str
    number: str
    placed_at: str
    currency: str
    total: int
    status: str
    fulfilment_status: str
    item_count: int
    estimated_delivery: NotRequired[str]
    first_items: NotRequired[list[SummaryLine]]
    shipping: NotRequired[str]
    placed_by: NotRequired[str]  # the company's list only: the placing member's email


class EntryPage(TypedDict):
    """A page of a customer's list (orders.lists.page_for_customer), with the cursors either way."""

    orders: list[OrderEntry]
    next_cursor: str | None
    prev_cursor: str | None


# What the order rules read: a stored order or its view (orders.rules, the features' rules and panels).
AnyOrder = Order | OrderView
