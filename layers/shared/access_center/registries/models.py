"""Gift registries at the edge (API.md section 12): what the owner sends (a new registry, a change, an
item), what the store system sends (a purchase), and the answers. Whether a SKU is in the catalog, an
address in the owner's book or a date still ahead is registries.logic's (422: the body is well-formed)."""

from typing import Annotated, ClassVar

from pydantic import AfterValidator, Field, StrictBool, StrictInt

from access_center.core.fields import Answer, Email, Identifier, Quantity, Strict


def _date(value: str) -> str:
    from access_center.registries.rules import valid_date  # pure; keeps this module's imports few

    if not valid_date(value):
        raise ValueError("must be a date written YYYY-MM-DD")
    return value


Title = Annotated[str, Field(min_length=1, max_length=100, description="Trimmed; 1 to 100 characters.")]
EventDate = Annotated[
    str,
    Field(max_length=10, description="YYYY-MM-DD; the day after it the registry counts as closed."),
    AfterValidator(_date),
]
Message = Annotated[str, Field(max_length=1000, description="Up to 1000 characters, line breaks allowed.")]
Sku = Annotated[str, Field(min_length=1, max_length=100, description="A SKU of the store's catalog.")]
AddressId = Annotated[str, Field(max_length=128, description="An address of the customer's book.")]
Wanted = Annotated[StrictInt, Field(ge=1, le=999, description="How many are wanted: 1 to 999.")]


class RegistryIn(Strict):
    multiline_fields: ClassVar[frozenset[str]] = frozenset({"message"})

    title: Title
    event_date: EventDate = Field(description="YYYY-MM-DD, today or later.")
    message: Message | None = None
    address_id: AddressId | None = Field(default=None, description="Where the store ships the gifts.")


class RegistryChanges(Strict):
    """What a PATCH names changes; `message` or `address_id` sent as null (or empty) removes it."""

    multiline_fields: ClassVar[frozenset[str]] = frozenset({"message"})

    title: Title | None = None
    event_date: EventDate | None = None
    message: Message | None = None
    address_id: AddressId | None = None
    closed: StrictBool | None = Field(default=None, description="true: guests can no longer buy from it.")


class RegistryItemIn(Strict):
    sku: Sku
    quantity: Wanted = Field(description="How many are wanted (the same SKU again sets it: 200).")


class RegistryPurchaseIn(Strict):
    order_id: Identifier
    sku: Sku
    quantity: Quantity


class GiftRegistryLine(Answer):
    sku: str
    name: str = Field(description="The catalog's name now; the name it had when added, where it has none now.")
    wanted: int
    purchased: int = Field(description="How many the store recorded as bought (never by whom).")


class GiftRegistry(Answer):
    multiline_fields: ClassVar[frozenset[str]] = frozenset({"message"})

    registry_id: str
    title: str
    event_date: str
    message: str = Field(description="Empty where there is none.")
    closed: bool = Field(description="Closed by its owner, or its event date has passed.")
    share_url: str = Field(description="The public page (no login), absolute, on the store's domain.")
    address_id: str | None = Field(default=None, description="Where the store ships the gifts, if chosen.")
    items: list[GiftRegistryLine] = Field(description="Newest first.")


class GiftRegistryList(Answer):
    registries: list[GiftRegistry] = Field(description="Newest first, each with its items.")


class ShippingAddress(Answer):
    name: str
    company: str | None = None
    line1: str
    line2: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str
    phone: str | None = None


class StoreGiftRegistry(Answer):
    """A registry as its store system reads it: with its owner and where to ship."""

    multiline_fields: ClassVar[frozenset[str]] = frozenset({"message"})

    registry_id: str
    email: Email
    title: str
    event_date: str
    message: str
    closed: bool
    shipping_address: ShippingAddress | None = Field(
        description="Read from the owner's address book now; null where none is chosen or it was removed."
    )
    items: list[GiftRegistryLine]


class RegistryPurchase(Answer):
    registry_id: str
    order_id: str
    sku: str
    quantity: int
    wanted: int = Field(description="The item's, now.")
    purchased: int = Field(description="The item's, now, this purchase included.")
