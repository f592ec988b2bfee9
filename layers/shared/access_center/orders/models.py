"""Request models at the edge (pydantic), separate from stored items (`access_center.db`).

Strict where the contract is strict: money and quantities are integers (no "12", no 12.0), flags are
booleans, unknown fields are refused (a typo in a store system's payload should not vanish silently).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictInt, model_validator

from access_center.core.clock import iso_from
from access_center.core.email_address import normalise_email
from access_center.core.ids import ID_PATTERN


def _email(value: str) -> str:
    return normalise_email(value)


def _timestamp(value: str) -> str:
    """ISO 8601 in, the contract's UTC form out (`2026-11-20T10:00:00Z`); naive times are taken as UTC."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("must be an ISO 8601 date and time, like 2026-11-20T10:00:00Z") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return iso_from(parsed)


def _web_url(value: str) -> str:
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", value, re.IGNORECASE):
        raise ValueError("must be an http(s) URL")
    return value


def _https_url(value: str) -> str:
    if not value.lower().startswith("https://"):
        raise ValueError("must be an https URL")
    return _web_url(value)


# `format` only documents (OpenAPI); the validators decide.
Email = Annotated[str, Field(max_length=320, json_schema_extra={"format": "email"}), AfterValidator(_email)]
Timestamp = Annotated[str, Field(max_length=40, json_schema_extra={"format": "date-time"}), AfterValidator(_timestamp)]
Text = Annotated[str, Field(min_length=1, max_length=500)]
ShortText = Annotated[str, Field(min_length=1, max_length=100)]
Money = Annotated[StrictInt, Field(ge=0, le=10**12)]
Quantity = Annotated[StrictInt, Field(gt=0, le=1_000_000)]
Identifier = Annotated[str, Field(pattern=ID_PATTERN)]
WebUrl = Annotated[str, Field(max_length=2048, json_schema_extra={"format": "uri"}), AfterValidator(_web_url)]
HttpsUrl = Annotated[str, Field(max_length=2048, json_schema_extra={"format": "uri"}), AfterValidator(_https_url)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    def stored(self) -> dict[str, Any]:
        """The plain dict that gets stored: no nulls, so an omitted field stays omitted."""
        return self.model_dump(exclude_none=True)


class StoreSettingsIn(Strict):
    name: Text
    from_email: Email
    support_email: Email | None = None
    order_confirmation_email: StrictBool = True
    shipping_update_email: StrictBool = True
    sticky_contact: StrictBool = False
    logo_url: HttpsUrl | None = None
    brand_color: Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")] | None = None
    locale: Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")] = "en-US"


class DomainIn(Strict):
    domain: Annotated[str, Field(min_length=1, max_length=253)]
    path_prefix: Annotated[str, Field(max_length=200)] = ""
    certificate_arn: Annotated[str, Field(max_length=2048)] | None = None


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


class LineItemIn(Strict):
    line_id: Identifier
    sku: Annotated[str, Field(max_length=100)] = ""
    name: Text
    quantity: Quantity
    unit_price: Money


class TotalsIn(Strict):
    subtotal: Money
    discount: Money = 0
    shipping: Money = 0
    tax: Money = 0
    total: Money


def _unique_lines(lines: list[Any] | None) -> None:
    if lines is None:
        return
    seen = [line.line_id for line in lines]
    if len(seen) != len(set(seen)):
        raise ValueError("line_id values must be unique")


class OrderIn(Strict):
    number: Annotated[str, Field(min_length=1, max_length=64)]
    email: Email
    customer_name: Annotated[str, Field(max_length=200)] = ""
    contact_id: Identifier | None = None
    contact_created_at: Timestamp | None = None
    placed_at: Timestamp
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    status: Annotated[str, Field(min_length=1, max_length=50)]
    items: Annotated[list[LineItemIn], Field(min_length=1, max_length=500)]
    totals: TotalsIn
    shipping_address: Address | None = None
    billing_address: Address | None = None
    browser_session_id: Annotated[str, Field(min_length=1, max_length=128)] | None = None

    @model_validator(mode="after")
    def _lines_are_unique(self) -> OrderIn:
        _unique_lines(self.items)
        return self


class FulfilmentLineIn(Strict):
    line_id: Identifier
    quantity: Quantity


class FulfilmentIn(Strict):
    items: Annotated[list[FulfilmentLineIn], Field(min_length=1, max_length=500)] | None = None
    carrier: ShortText | None = None
    tracking_number: ShortText | None = None
    tracking_url: WebUrl | None = None
    shipped_at: Timestamp | None = None
    status: Annotated[str, Field(min_length=1, max_length=50)] = "shipped"

    @model_validator(mode="after")
    def _lines_are_unique(self) -> FulfilmentIn:
        _unique_lines(self.items)
        return self


class CodeRequest(Strict):
    email: Email


class CodeCheck(Strict):
    email: Email
    code: Annotated[str, Field(max_length=32)]


class DirectFulfilmentIn(FulfilmentIn):
    """The fulfilment function's direct-invocation payload: the body plus the ids the path would carry."""

    store_id: Identifier
    order_id: Identifier
    fulfilment_id: Identifier

    def fulfilment(self) -> FulfilmentIn:
        return FulfilmentIn.model_validate(self.model_dump(exclude={"store_id", "order_id", "fulfilment_id"}))
