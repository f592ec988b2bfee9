"""Saved carts in the Customers table (carts.items): a cart and its customer's list entry are written in
one transaction guarded by the cart's version, so the list and the cart never disagree, a cart whose
saved_at changes leaves no entry behind where it was, and of two writers that read the same cart (the
store pushing it while the customer renames it) one wins and the other reads again (db.retry)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from access_center.account.storage import profile_key
from access_center.carts.items import CART_SK, ENTRY_PREFIX, CartLineAttribute, SavedCartEntryItem, SavedCartItem
from access_center.db.pages import Page, newest_first
from access_center.db.transactions import transaction

if TYPE_CHECKING:
    from access_center.carts.shapes import CartLine


def cart_key(store_id: str, cart_id: str) -> str:
    return f"{store_id}#cart#{cart_id}"


def customer_key(store_id: str, email: str) -> str:
    return profile_key(store_id, email)


def entry_sk(saved_at: str, cart_id: str) -> str:
    return f"{ENTRY_PREFIX}{saved_at}#{cart_id}"


def get_cart(store_id: str, cart_id: str) -> SavedCartItem | None:
    try:
        return SavedCartItem.get(cart_key(store_id, cart_id), CART_SK, consistent_read=True)
    except SavedCartItem.DoesNotExist:
        return None


def new_cart(store_id: str, cart_id: str, email: str) -> SavedCartItem:
    return SavedCartItem(cart_key(store_id, cart_id), CART_SK, cart_id=cart_id, email=email)


def stored_lines(lines: list[CartLineAttribute]) -> list[CartLine]:
    return [{"sku": str(line.sku), "quantity": int(line.quantity)} for line in lines or ()]


def line_attributes(lines: list[CartLine]) -> list[CartLineAttribute]:
    return [CartLineAttribute(sku=line["sku"], quantity=line["quantity"]) for line in lines]


def _as_read(cart: SavedCartItem) -> Any:
    """The cart is still the one read: its version (PynamoDB adds that condition) and its write's id."""
    if cart.version is None:
        return None  # new: PynamoDB's condition is that no version exists
    return SavedCartItem.write_id == cart.write_id if cart.write_id else SavedCartItem.write_id.does_not_exist()


def save_cart(store_id: str, cart: SavedCartItem, moved_from: str | None) -> None:
    """Write the cart and its entry (at `cart.entry_sk`), deleting the entry at `moved_from` where it was
    elsewhere. WriteConflict when the cart is no longer the one read (or, new, exists already)."""
    condition = _as_read(cart)
    cart.write_id = secrets.token_hex(8)
    entry = SavedCartEntryItem(
        profile_key(store_id, str(cart.email)),
        str(cart.entry_sk),
        cart_id=cart.cart_id,
        name=cart.name,
        items=cart.items,
        saved_at=cart.saved_at,
    )
    with transaction() as tx:
        tx.save(cart, condition=condition)  # and the version condition
        tx.save(entry)
        if moved_from is not None and moved_from != cart.entry_sk:
            tx.delete(SavedCartEntryItem(entry.pk, moved_from))


def delete_cart(store_id: str, cart: SavedCartItem) -> None:
    """Delete the cart (as read: WriteConflict when it changed since) and its entry."""
    with transaction() as tx:
        tx.delete(cart, condition=_as_read(cart))  # and the version condition
        tx.delete(SavedCartEntryItem(profile_key(store_id, str(cart.email)), str(cart.entry_sk)))


def list_page(store_id: str, email: str, limit: int, after: str | None) -> Page[SavedCartEntryItem]:
    """The customer's carts, newest saved first, older than `after` (a sort key): one Query."""
    return newest_first(SavedCartEntryItem, profile_key(store_id, email), ENTRY_PREFIX, limit, after)


def has_carts(store_id: str, email: str) -> bool:
    """Whether the store saved any cart for this email (login.delivery: a customer the store knows)."""
    found = SavedCartEntryItem.query(
        profile_key(store_id, email), SavedCartEntryItem.sk.startswith(ENTRY_PREFIX), limit=1, attributes_to_get=["pk"]
    )
    return next(iter(found), None) is not None


def all_entries(store_id: str, email: str) -> Iterator[SavedCartEntryItem]:
    """Every list entry of the customer's, newest first, page by page (the privacy export and erasure)."""
    yield from SavedCartEntryItem.query(
        profile_key(store_id, email), SavedCartEntryItem.sk.startswith(ENTRY_PREFIX), scan_index_forward=False
    )


def erase(store_id: str, email: str) -> None:
    """Delete every saved cart of the customer's, found through their entries, and the entries
    (privacy erasure). Idempotent: what is gone already is not an error."""
    for entry in list(all_entries(store_id, email)):
        cart = get_cart(store_id, str(entry.cart_id))
        with transaction() as tx:
            if cart is not None and cart.email == email:
                tx.delete(cart, add_version_condition=False)
            tx.delete(entry)


def exported(store_id: str, email: str) -> Iterator[dict[str, object]]:
    """The customer's saved carts for the privacy export, newest saved first: as saved, without prices
    (the catalog's, not the customer's)."""
    for entry in all_entries(store_id, email):
        yield {
            "cart_id": str(entry.cart_id),
            "name": entry.name,
            "saved_at": str(entry.saved_at),
            "items": stored_lines(entry.items),
        }
