"""The profile at the edge (API.md section 8): what a customer may change, and the profile as answered.
Which phone number and language are acceptable is profile.logic's (422, not 400: the value is
well-formed but not one this store can use)."""

from typing import Annotated

from pydantic import Field, StrictBool

from access_center.addresses.models import AddressIn, SavedAddress
from access_center.core.fields import Answer, Email, Strict

Name = Annotated[str, Field(max_length=200, description="Empty: the name of the customer's first contact again.")]
Phone = Annotated[
    str,
    Field(
        max_length=40,
        description="Any way of writing it; without a country code it is read in the store's country. Empty: none.",
    ),
]
LanguageTag = Annotated[str, Field(max_length=16, description="One of the store's `languages`.")]


class ProfileChanges(Strict):
    name: Name | None = None
    phone: Phone | None = None
    language: LanguageTag | None = None
    newsletter: StrictBool | None = Field(default=None, description="Subscribed to the store's newsletter.")


class Newsletter(Answer):
    subscribed: bool
    changed_at: str | None = Field(description="When the consent last changed (ISO 8601, UTC); null if never.")


class Profile(Answer):
    email: Email
    name: str = Field(description="The profile's name once set, else the customer's first contact's.")
    phone: str | None = Field(description="E.164, like +14155550123; null if none.")
    language: str = Field(description="The language pages and emails use for this customer.")
    newsletter: Newsletter


class StoreCustomerIn(ProfileChanges):
    """A customer imported from the store's own records (`PUT /admin/stores/{store_id}/customers`)."""

    addresses: list[AddressIn] | None = Field(
        default=None,
        max_length=500,  # a bound on the body; past the book's 50 is the logic's 422
        description="Replaces the address book (omitted: left as it is). At most 50; the defaults are the "
        "addresses flagged (the last one flagged), else the first.",
    )


class StoreCustomer(Answer):
    profile: Profile
    addresses: list[SavedAddress] = Field(description="Defaults first, then newest first.")
