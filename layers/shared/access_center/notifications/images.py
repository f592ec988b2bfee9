"""The Orders item as the table's stream delivers it, validated before any email is decided or rendered.

Numbers arrive as Decimal; lax ints take whole Decimals and refuse fractions. Unknown attributes are
ignored: the stored order may grow.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

_ADDRESS = re.compile(r"^[^\s@<>,;\"]+@[^\s@<>,;\"]+$")


class BadRecord(Exception):
    """The stream record cannot become an email as it stands (malformed image, unknown store, store
    not set up to send). The message names what is wrong without quoting customer data."""


# ------------------------------------------------------------------------------------ stream images
# The Orders item as the stream delivers it (numbers arrive as Decimal; lax ints take whole Decimals
# and refuse fractions). Unknown attributes are ignored: the stored order may grow.


class _Image(BaseModel):
    model_config = ConfigDict(extra="ignore")


class LineImage(_Image):
    line_id: str
    sku: str = ""
    name: str
    quantity: Annotated[int, Field(ge=0)]
    unit_price: Annotated[int, Field(ge=0)]


class TotalsImage(_Image):
    subtotal: int
    discount: int = 0
    shipping: int = 0
    tax: int = 0
    total: int


class AddressImage(_Image):
    name: str | None = None
    company: str | None = None
    line1: str | None = None
    line2: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None
    country_code: str | None = None


class FulfilmentLineImage(_Image):
    line_id: str
    quantity: Annotated[int, Field(ge=0)]


class FulfilmentImage(_Image):
    fulfilment_id: str
    items: list[FulfilmentLineImage] = Field(default_factory=list)
    carrier: str | None = None
    tracking_number: str | None = None
    tracking_url: str | None = None
    shipped_at: str | None = None
    status: str = "shipped"

    @property
    def tracking(self) -> str | None:
        """What identifies this parcel to the customer: the tracking number, else the tracking link."""
        return (self.tracking_number or "").strip() or (self.tracking_url or "").strip() or None


class OrderImage(_Image):
    number: Annotated[str, Field(min_length=1)]
    email: Annotated[str, Field(min_length=3)]
    customer_name: str = ""
    placed_at: str
    currency: Annotated[str, Field(pattern=r"^[A-Za-z]{3}$")]
    status: str = ""
    items: Annotated[list[LineImage], Field(min_length=1)]
    totals: TotalsImage
    shipping_address: AddressImage | None = None
    fulfilments: list[FulfilmentImage] = Field(default_factory=list)


class OrderItemImage(_Image):
    store_id: Annotated[str, Field(min_length=1)]
    order_id: Annotated[str, Field(min_length=1)]
    order: OrderImage


class _FulfilmentsOnly(_Image):
    class _Order(_Image):
        fulfilments: list[FulfilmentImage] = Field(default_factory=list)

    order: _Order


def _invalid(what: str, error: ValidationError) -> BadRecord:
    # Locations and error types only: pydantic's own message quotes the input (emails, names).
    problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['type']}" for e in error.errors())
    return BadRecord(f"{what} is malformed: {problems}")


def order_item(image: Mapping[str, Any]) -> OrderItemImage:
    if not image:
        raise BadRecord("the record has no new image")
    try:
        item = OrderItemImage.model_validate(image)
    except ValidationError as error:
        raise _invalid("the order image", error) from None
    if not _ADDRESS.match(item.order.email.strip()):
        raise BadRecord("the order's email is not an address")
    return item


def fulfilments(image: Mapping[str, Any], which: str) -> list[FulfilmentImage]:
    if not image:
        return []
    try:
        return _FulfilmentsOnly.model_validate(image).order.fulfilments
    except ValidationError as error:
        raise _invalid(f"the {which} image's fulfilments", error) from None
