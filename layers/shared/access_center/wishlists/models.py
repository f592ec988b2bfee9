"""Wish lists at the edge (API.md section 12): what a customer sends (a new list, a change, an item) and
a list as answered. Which SKUs exist and how far a quantity may grow is wishlists.logic's (422, not 400:
the body is well-formed, the catalog or the limit refuses it)."""

from typing import Annotated

from pydantic import Field, StrictBool, StrictInt

from access_center.core.fields import Answer, Strict

ListName = Annotated[str, Field(min_length=1, max_length=100, description="Trimmed; 1 to 100 characters.")]
Sku = Annotated[str, Field(min_length=1, max_length=100, description="A SKU of the store's catalog.")]


class WishlistIn(Strict):
    name: ListName


class WishlistChanges(Strict):
    name: ListName | None = None
    shared: StrictBool | None = Field(
        default=None,
        description="true: the list gets a read-only link (`share_url`); false: the link stops working.",
    )


class WishlistItemIn(Strict):
    sku: Sku
    quantity: Annotated[
        StrictInt,
        Field(gt=0, le=1_000_000, description="Added to the quantity already on the list (999 at most in all)."),
    ] = 1


class WishlistLine(Answer):
    sku: str
    quantity: int
    name: str = Field(description="The catalog's name now; the name it had when added, where it has none now.")
    current_unit_price: int | None = Field(
        description="Minor units of `currency`, from the catalog now; null where it has no such product."
    )
    currency: str | None = Field(description="ISO 4217; null where the catalog has no such product.")
    available: bool = Field(description="Still sold (false where the catalog has no such product).")
    in_stock: bool


class Wishlist(Answer):
    list_id: str
    name: str
    shared: bool
    share_url: str | None = Field(
        default=None, description="While shared: the read-only page, absolute, on the store's domain."
    )
    items: list[WishlistLine] = Field(description="Newest first.")


class WishlistList(Answer):
    wishlists: list[Wishlist] = Field(description="Newest first.")


class WishlistCart(Answer):
    cart_url: str = Field(description="The store's cart with the list's available items; send the customer there.")
