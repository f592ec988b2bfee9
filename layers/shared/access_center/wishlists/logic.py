"""Wish lists (API.md section 12): up to 20 lists per customer, up to 200 SKUs per list, up to 999 of one
SKU; prices and availability from the catalog when read (one BatchGet per read); a list may be shared as
a read-only link (a new token each time it is shared; unsharing or deleting the list kills it); its
available items go to the store's cart. A store that has not switched wish lists on has none (404). A
refused change writes nothing; a change publishes its event after the write (wishlists.notices)."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from access_center.catalog import cart_links
from access_center.catalog import logic as catalog
from access_center.catalog.cart import cart_link
from access_center.core import clock
from access_center.core.errors import Conflict, NotFound, Unprocessable
from access_center.core.i18n import N_
from access_center.db.retry import retry_on_conflict
from access_center.stores.logic import Store
from access_center.wishlists import notices, rules, sharing, storage
from access_center.wishlists.items import WishlistEntryItem, WishlistItem, entry_sk, list_sk
from access_center.wishlists.storage import StoredList

if TYPE_CHECKING:
    from access_center.catalog.shapes import Product
    from access_center.wishlists.models import WishlistChanges
    from access_center.wishlists.shapes import (
        CartLine,
        WishlistCart,
        WishlistLine,
        WishlistLists,
        WishlistView,
    )

NOT_OFFERED = N_("This store does not offer wish lists.")
NO_SUCH_LIST = N_("There is no such wish list.")
NO_SUCH_ITEM = N_("This item is not on the wish list.")
NOT_IN_CATALOG = N_("The store has no product %(sku)s.")
TOO_MANY = N_("A wish list holds at most %(count)s of one item.")


def require_on(store: Store) -> None:
    """NotFound where the store has not switched wish lists on: the feature does not exist there."""
    if not store.settings.wishlists_enabled:
        raise NotFound(NOT_OFFERED)


def _busy() -> Exception:
    return Conflict(N_("Your wish lists are being changed elsewhere. Try again."))


def _share_url(store: Store, token: str) -> str | None:
    return store.public_url(f"/wishlists/shared/{token}")


def lines_of(stored: StoredList, products: dict[str, Product]) -> list[WishlistLine]:
    newest_first = sorted(stored.entries, key=lambda entry: -float(entry.added_at))
    return [rules.line(e.sku, int(e.quantity), e.name, products.get(e.sku)) for e in newest_first]


def _view(store: Store, stored: StoredList, products: dict[str, Product]) -> WishlistView:
    head = stored.head
    shown: WishlistView = {
        "list_id": head.list_id,
        "name": head.name,
        "shared": head.share_nonce is not None,
        "items": lines_of(stored, products),
    }
    url = _share_url(store, sharing.link_token(head.pk, head.list_id, head.share_nonce)) if head.share_nonce else None
    if url:
        shown["share_url"] = url
    return shown


def products_of(store: Store, stored: list[StoredList]) -> dict[str, Product]:
    return catalog.products(store.store_id, [entry.sku for one in stored for entry in one.entries])


def _stored(store: Store, email: str, list_id: str) -> StoredList:
    found = storage.get_list(store.store_id, email, list_id) if rules.is_list_id(list_id) else None
    if found is None:
        raise NotFound(NO_SUCH_LIST)
    return found


def lists(store: Store, email: str) -> WishlistLists:
    """Every list with its items at today's prices, newest first (one Query, one catalog read)."""
    require_on(store)
    stored = sorted(storage.all_lists(store.store_id, email), key=lambda one: -float(one.head.created_at))
    products = products_of(store, stored)
    return {"wishlists": [_view(store, one, products) for one in stored]}


def read(store: Store, email: str, list_id: str) -> tuple[WishlistView, list[bool]]:
    """One list at today's prices, and per item whether the store's cart would take it now."""
    require_on(store)
    stored = _stored(store, email, list_id)
    products = products_of(store, [stored])
    shown = _view(store, stored, products)
    return shown, [rules.addable(products.get(line["sku"])) for line in shown["items"]]


def one(store: Store, email: str, list_id: str) -> WishlistView:
    return read(store, email, list_id)[0]


def create(store: Store, email: str, name: str) -> WishlistView:
    """A new, empty list; Conflict past 20 lists."""
    require_on(store)
    list_id = "w" + secrets.token_hex(8)

    def attempt() -> WishlistItem:
        if storage.list_count(store.store_id, email) >= rules.MAX_LISTS:
            raise Conflict(
                N_("You have %(count)s wish lists, the most you can keep. Delete one to start another."),
                count=rules.MAX_LISTS,
            )
        now = clock.now()
        head = WishlistItem(
            f"{store.store_id}#{email}", list_sk(list_id), list_id=list_id, name=name, created_at=now, updated_at=now
        )
        storage.create_list(head, rules.MAX_LISTS)
        return head

    head = retry_on_conflict(attempt, _busy)
    notices.created(store.store_id, email, list_id, name)
    return _view(store, StoredList(head), {})


def change(store: Store, email: str, list_id: str, changes: WishlistChanges) -> WishlistView:
    """Rename and share or unshare; sharing a shared list keeps its link, a new share has a new token."""
    require_on(store)
    if not rules.is_list_id(list_id):
        raise NotFound(NO_SUCH_LIST)

    def attempt() -> tuple[str | None, bool]:
        head = storage.get_head(store.store_id, email, list_id)
        if head is None:
            raise NotFound(NO_SUCH_LIST)
        renamed = changes.name if changes.name is not None and changes.name != head.name else None
        nonce: str | None = head.share_nonce
        if changes.shared is not None and changes.shared != (nonce is not None):
            nonce = sharing.new_nonce() if changes.shared else None
        if renamed is not None or nonce != head.share_nonce:
            storage.change_list(store.store_id, email, head, renamed, nonce, clock.now())
        return renamed, nonce != head.share_nonce

    renamed, reshared = retry_on_conflict(attempt, _busy)
    shown = one(store, email, list_id)
    if renamed is not None:
        notices.renamed(store.store_id, email, list_id, renamed)
    if reshared:
        notices.shared(store.store_id, email, list_id, shown["shared"], shown.get("share_url"))
    return shown


def delete(store: Store, email: str, list_id: str) -> None:
    """The list, its items and its share link; the link is 404 from then on."""
    require_on(store)

    def attempt() -> None:
        stored = _stored(store, email, list_id)
        storage.delete_list(store.store_id, stored, counted=storage.list_count(store.store_id, email) > 0)

    retry_on_conflict(attempt, _busy)
    notices.deleted(store.store_id, email, list_id)


def product(store: Store, sku: str) -> Product:
    """The catalog's product for `sku`; Unprocessable where the store has none."""
    found = catalog.products(store.store_id, [sku]).get(sku)
    if found is None:
        raise Unprocessable(NOT_IN_CATALOG, sku=sku, details=[{"field": "sku", "problem": "not_in_catalog"}])
    return found


def add_item(store: Store, email: str, list_id: str, sku: str, quantity: int) -> tuple[WishlistView, bool]:
    """`quantity` of `sku` on the list: a new item (True) or added to the one there (False).
    Unprocessable for a SKU the catalog lacks or past 999 of it; Conflict past 200 items."""
    require_on(store)
    if not rules.is_list_id(list_id):
        raise NotFound(NO_SUCH_LIST)
    name = product(store, sku)["name"]

    def attempt() -> tuple[bool, int]:
        head = storage.get_head(store.store_id, email, list_id)
        if head is None:
            raise NotFound(NO_SUCH_LIST)
        entry = storage.get_entry(store.store_id, email, list_id, sku)
        total = rules.added_quantity(int(entry.quantity) if entry else 0, quantity)
        if total is None:
            raise Unprocessable(TOO_MANY, count=rules.MAX_QUANTITY)
        if entry is not None:
            storage.set_quantity(entry, total)
            return False, total
        if int(head.item_count or 0) >= rules.MAX_ITEMS:
            raise Conflict(
                N_("This wish list holds %(count)s items, the most it can. Remove one to add another."),
                count=rules.MAX_ITEMS,
            )
        entry = WishlistEntryItem(
            head.pk, entry_sk(list_id, sku), list_id=list_id, sku=sku, name=name, quantity=total, added_at=clock.now()
        )
        storage.add_entry(entry, rules.MAX_ITEMS)
        return True, total

    created, total = retry_on_conflict(attempt, _busy)
    notices.item_added(store.store_id, email, list_id, sku, quantity, total)
    return one(store, email, list_id), created


def set_quantity(store: Store, email: str, list_id: str, sku: str, quantity: int) -> None:
    """The item's quantity as the list page's form sets it (1 to 999)."""
    require_on(store)
    if not 0 < quantity <= rules.MAX_QUANTITY:
        raise Unprocessable(TOO_MANY, count=rules.MAX_QUANTITY)

    def attempt() -> bool:
        entry = storage.get_entry(store.store_id, email, list_id, sku) if rules.is_list_id(list_id) else None
        if entry is None:
            raise NotFound(NO_SUCH_ITEM)
        if int(entry.quantity) == quantity:
            return False
        storage.set_quantity(entry, quantity)
        return True

    if retry_on_conflict(attempt, _busy):
        notices.item_changed(store.store_id, email, list_id, sku, quantity)


def remove_item(store: Store, email: str, list_id: str, sku: str) -> None:
    require_on(store)

    def attempt() -> None:
        if not rules.is_list_id(list_id) or storage.get_entry(store.store_id, email, list_id, sku) is None:
            raise NotFound(NO_SUCH_ITEM)
        storage.remove_entry(store.store_id, email, list_id, sku)

    retry_on_conflict(attempt, _busy)
    notices.item_removed(store.store_id, email, list_id, sku)


def start_cart(store: Store, email: str, list_id: str) -> WishlistCart:
    """The store's cart link with the list's items that can go in it now, after telling the store.
    Conflict where the store has no cart link or nothing on the list can be added."""
    require_on(store)
    stored = _stored(store, email, list_id)
    products = products_of(store, [stored])
    lines = lines_of(stored, products)
    if not store.settings.cart_url_template:
        raise Conflict(N_("This store's cart cannot be filled from here: add these items in the store itself."))
    pairs = rules.cart_pairs(lines, products)
    url = cart_link(store.settings.cart_url_template, pairs)
    if url is None:
        raise Conflict(
            N_("Nothing on this wish list can be added to the cart now: every item is no longer sold or out of stock.")
        )
    prices = {line["sku"]: line for line in lines}
    added: list[CartLine] = [
        {
            "sku": sku,
            "quantity": n,
            "unit_price": prices[sku]["current_unit_price"],
            "currency": prices[sku]["currency"],
        }
        for sku, n in pairs
    ]
    cart_links.spend(store.store_id, email)
    notices.cart_started(store.store_id, email, list_id, added, url)
    return {"cart_url": url}
