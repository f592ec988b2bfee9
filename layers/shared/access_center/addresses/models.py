"""An address at the edge (API.md section 8). Every text field is optional here: which ones a country
requires, and what its postal codes look like, is addresses.rules' (a 422 naming the fields, not a 400),
so the model only bounds sizes and refuses control characters."""

from typing import Annotated

from pydantic import Field, StrictBool

from access_center.core.fields import Answer, Strict

Line = Annotated[str, Field(max_length=200)]
Short = Annotated[str, Field(max_length=100)]


class AddressIn(Strict):
    name: Line = ""
    company: Line = ""
    line1: Line = ""
    line2: Line = ""
    city: Short = ""
    region: Short = ""
    postal_code: Annotated[str, Field(max_length=20)] = ""
    country: Annotated[str, Field(max_length=60, description="ISO 3166-1 alpha-2, like US or DE.")] = ""
    phone: Annotated[str, Field(max_length=40)] = ""
    default_shipping: StrictBool = False
    default_billing: StrictBool = False


class SavedAddress(Answer):
    """An address of the customer's book as answered (an order's addresses are orders.models')."""

    address_id: str
    name: str
    company: str | None = None
    line1: str
    line2: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str
    phone: str | None = None
    default_shipping: bool
    default_billing: bool


class AddressList(Answer):
    addresses: list[SavedAddress] = Field(description="Defaults first, then newest first.")
