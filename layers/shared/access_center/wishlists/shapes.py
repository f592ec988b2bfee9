"""Wish lists as TypedDicts (wishlists.logic and wishlists.rules build them): an item at today's catalog
price (`WishlistLine`, wishlists.models.WishlistLine), a list (`WishlistView`), the lists, and the cart
link. Typing only: product modules import this under `if TYPE_CHECKING:`;
tests/unit/test_wishlist_rules.py keeps each TypedDict's keys its model's fields."""

from typing import NotRequired, TypedDict


class WishlistLine(TypedDict):
    """wishlists.models.WishlistLine: an item with the catalog's price and flags now."""

    sku: str
    quantity: int
    name: str
    current_unit_price: int | None  # None where the catalog has no such product any more
    currency: str | None
    available: bool
    in_stock: bool


class WishlistView(TypedDict):
    """wishlists.models.Wishlist."""

    list_id: str
    name: str
    shared: bool
    share_url: NotRequired[str]  # while shared
    items: list[WishlistLine]


class WishlistLists(TypedDict):
    """wishlists.models.WishlistList."""

    wishlists: list[WishlistView]


class WishlistCart(TypedDict):
    """wishlists.models.WishlistCart."""

    cart_url: str


class CartLine(TypedDict):
    """A line the `WishlistCartStarted` event says went to the cart, at the catalog's price then."""

    sku: str
    quantity: int
    unit_price: int | None
    currency: str | None


class SharedList(TypedDict):
    """What the read-only page of a shared list shows: never the owner's email, name or address."""

    name: str
    items: list[WishlistLine]
    addable: list[bool]  # per item: whether the store's cart would take it now
