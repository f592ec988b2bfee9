"""Gift registries as TypedDicts (registries.logic builds them; registries.models has their edge models).
Typing only: product modules import this under `if TYPE_CHECKING:`."""

from typing import NotRequired, TypedDict


class RegistryLine(TypedDict):
    sku: str
    name: str
    wanted: int
    purchased: int


class RegistryView(TypedDict):
    """registries.models.GiftRegistry."""

    registry_id: str
    title: str
    event_date: str
    message: str
    closed: bool
    share_url: str
    address_id: NotRequired[str]
    items: list[RegistryLine]


class RegistryList(TypedDict):
    registries: list[RegistryView]


class AddressShown(TypedDict, total=False):
    name: str
    company: str
    line1: str
    line2: str
    city: str
    region: str
    postal_code: str
    country: str
    phone: str


class StoreRegistryView(TypedDict):
    """registries.models.StoreGiftRegistry."""

    registry_id: str
    email: str
    title: str
    event_date: str
    message: str
    closed: bool
    shipping_address: AddressShown | None
    items: list[RegistryLine]


class PurchaseView(TypedDict):
    registry_id: str
    order_id: str
    sku: str
    quantity: int
    wanted: int
    purchased: int


class PublicLine(TypedDict):
    """An item on the public page: what a guest sees and may buy."""

    sku: str
    name: str
    wanted: int
    needed: int
    buy_url: str | None  # the store's cart with what is still needed, where it can be bought now


class PublicRegistry(TypedDict):
    """The public page: never the owner's email, name or address."""

    title: str
    event_date: str
    message: str
    closed: bool
    items: list[PublicLine]
