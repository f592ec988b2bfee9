"""What the JSON routes answer, as pydantic models: for the OpenAPI description only.

The handlers build their answers as plain dicts (access_center.orders.logic, stores, domains) and nothing
validates them against these models at run time; no function imports this module (it would only add
to cold starts). devtools/openapi.py turns them into `components.schemas`, named as the routes'
`responses=` (access_center.web.apidoc) refer to them, and the fuzz tests check every answer of the
local server against them. Closed models (`additionalProperties: false`): a field added to an answer
must be added here too, or the fuzz tests fail.

A field that may be absent (never null) is typed `X | SkipJsonSchema[None] = None`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

Count = Annotated[int, Field(ge=0)]
Cents = Annotated[int, Field(ge=0, description="Minor units (cents) of `currency`.")]
Time = Annotated[
    str, Field(description="ISO 8601 UTC, like 2026-11-20T10:00:00Z.", json_schema_extra={"format": "date-time"})
]
Email = Annotated[str, Field(description="Trimmed, lower-case.", json_schema_extra={"format": "email"})]
FulfilmentStatus = Literal["unfulfilled", "partially_fulfilled", "fulfilled"]


class View(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorBody(View):
    """Every error: a stable code, a sentence for people, and for validation errors the details."""

    error: str = Field(description="bad_request, unauthorized, invalid_code, forbidden, not_found, conflict, ...")
    message: str
    details: list[Any] | SkipJsonSchema[None] = None


class CodeSent(View):
    status: Literal["sent"]


class Customer(View):
    email: Email
    name: str = Field(description="The first-created contact's name at this store; may be empty.")


class Verified(View):
    customer: Customer


class OrderSummary(View):
    order_id: str
    number: str
    placed_at: Time
    currency: str
    total: Cents
    status: str
    fulfilment_status: FulfilmentStatus
    item_count: Count


class OrderList(View):
    orders: list[OrderSummary]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next (older) page; null on the last.")


class LineItemView(View):
    line_id: str
    sku: str
    name: str
    quantity: Count
    unit_price: Cents
    fulfilled_quantity: Count


class Totals(View):
    subtotal: Cents
    discount: Cents
    shipping: Cents
    tax: Cents
    total: Cents


class FulfilmentLine(View):
    line_id: str
    quantity: Count


class Fulfilment(View):
    fulfilment_id: str
    items: list[FulfilmentLine]
    carrier: str | SkipJsonSchema[None] = None
    tracking_number: str | SkipJsonSchema[None] = None
    tracking_url: str | SkipJsonSchema[None] = None
    shipped_at: Time
    status: str = Field(description="`shipped` unless the store said otherwise; `cancelled` releases its lines.")


class AddressView(View):
    name: str | SkipJsonSchema[None] = None
    company: str | SkipJsonSchema[None] = None
    line1: str | SkipJsonSchema[None] = None
    line2: str | SkipJsonSchema[None] = None
    city: str | SkipJsonSchema[None] = None
    region: str | SkipJsonSchema[None] = None
    postal_code: str | SkipJsonSchema[None] = None
    country: str | SkipJsonSchema[None] = None
    country_code: str | SkipJsonSchema[None] = None
    phone: str | SkipJsonSchema[None] = None


class OrderView(View):
    """The order as the store sent it (without `browser_session_id`), with fulfilment state."""

    order_id: str
    number: str
    email: Email
    customer_name: str
    contact_id: str | SkipJsonSchema[None] = None
    contact_created_at: Time | SkipJsonSchema[None] = None
    placed_at: Time
    currency: str
    status: str
    items: list[LineItemView]
    totals: Totals
    shipping_address: AddressView | SkipJsonSchema[None] = None
    billing_address: AddressView | SkipJsonSchema[None] = None
    fulfilment_status: FulfilmentStatus
    fulfilments: list[Fulfilment]


class StoreSettingsOut(View):
    store_id: str
    name: str
    from_email: Email
    support_email: Email | SkipJsonSchema[None] = None
    order_confirmation_email: bool
    shipping_update_email: bool
    sticky_contact: bool
    logo_url: str | SkipJsonSchema[None] = None
    brand_color: str | SkipJsonSchema[None] = None
    locale: str
    domain: str | None = Field(description="The connected domain, or null.")
    path_prefix: str


class DomainOut(View):
    store_id: str
    domain: str
    path_prefix: str
    url: str | None = Field(description="The access center's orders page on this domain.")
    dns_target: str | None = Field(description="Point the domain here (CNAME or alias); null where not in AWS.")
    dns_target_zone_id: str | None = Field(description="The hosted zone of `dns_target`, for a Route 53 alias.")


MODELS: tuple[type[BaseModel], ...] = (
    ErrorBody,
    CodeSent,
    Customer,
    Verified,
    OrderSummary,
    OrderList,
    OrderView,
    Fulfilment,
    StoreSettingsOut,
    DomainOut,
)
