"""Saved carts (API.md section 12): store systems push a customer's cart (its SKUs and quantities, never
prices); the customer lists theirs, newest saved first, each line at the catalog's price and stock now,
renames, deletes, and restores one: the store's cart link with the lines that can be added (the store's
cart applies its current prices). A store that has switched saved carts off has none for its customers
(NotFound), while its pushes are still kept. Another customer's or store's cart is NotFound, as one that
does not exist. Every change is read, decided, then written conditioned on what was read (db.retry)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from access_center.carts import notices, rules
from access_center.carts import storage as db
from access_center.catalog import cart_links
from access_center.catalog import logic as catalog
from access_center.core import clock, cursor
from access_center.core.errors import Conflict, NotFound
from access_center.core.i18n import N_
from access_center.db.retry import retry_on_conflict
from access_center.stores.logic import Store, get_store

if TYPE_CHECKING:
    from access_center.carts.items import SavedCartEntryItem, SavedCartItem
    from access_center.carts.models import SavedCartIn
    from access_center.carts.shapes import CartLine, RestoredCart, SavedCart, SavedCartList, StoredSavedCart

MAX_PAGE = 100  # carts.models.MAX_PAGE: the routes refuse more
NO_SUCH_CART = N_("There is no such saved cart.")
NOT_HERE = N_("This store has no saved carts.")
BUSY = N_("This saved cart is being changed elsewhere. Try again.")


def require_on(store: Store) -> None:
    """NotFound where the store has switched saved carts off: the feature does not exist there."""
    if not store.settings.saved_carts_enabled:
        raise NotFound(NOT_HERE)


def _busy() -> Exception:
    return Conflict(BUSY)


def _stored(cart: SavedCartItem) -> StoredSavedCart:
    return {
        "cart_id": str(cart.cart_id),
        "email": str(cart.email),
        "name": cart.name,
        "items": db.stored_lines(cart.items),
        "saved_at": str(cart.saved_at),
    }


def put(store_id: str, cart_id: str, body: SavedCartIn) -> tuple[bool, StoredSavedCart]:
    """Create or replace the store's saved cart (True: created). The same body again writes nothing; a
    name the store sent before does not undo the customer's rename (carts.rules.name_after_push); another
    email under the same cart id is a Conflict."""
    get_store(store_id)  # NotFound for a store that does not exist: no carts of nobody's
    lines: list[CartLine] = [{"sku": line.sku, "quantity": line.quantity} for line in body.items]

    def attempt() -> tuple[bool, StoredSavedCart]:
        cart = db.get_cart(store_id, cart_id)
        if cart is not None and cart.email != body.email:
            raise Conflict(N_("A saved cart's email cannot change: delete the cart, then push it under a new id."))
        before = _stored(cart) if cart is not None else None
        pushed_before = cart.pushed_name if cart is not None else None
        name = rules.name_after_push(cart.name if cart is not None else None, pushed_before, body.name)
        pushed = body.name if body.name is not None else pushed_before
        wanted: StoredSavedCart = {
            "cart_id": cart_id,
            "email": body.email,
            "name": name,
            "items": lines,
            "saved_at": body.saved_at,
        }
        if before == wanted and pushed == pushed_before:
            return False, wanted
        item = cart if cart is not None else db.new_cart(store_id, cart_id, body.email)
        moved_from = str(cart.entry_sk) if cart is not None else None
        item.name, item.pushed_name, item.items = name, pushed, db.line_attributes(lines)
        item.saved_at, item.entry_sk = body.saved_at, db.entry_sk(body.saved_at, cart_id)
        item.updated_at = clock.now()
        db.save_cart(store_id, item, moved_from)
        return cart is None, wanted

    return retry_on_conflict(attempt, _busy)


def remove_for_store(store_id: str, cart_id: str) -> None:
    """The store drops a cart (it became an order, say); dropping one that is not there is no error."""

    def attempt() -> None:
        cart = db.get_cart(store_id, cart_id)
        if cart is not None:
            db.delete_cart(store_id, cart)

    retry_on_conflict(attempt, _busy)


def _customers_cart(store: Store, email: str, cart_id: str) -> SavedCartItem:
    require_on(store)
    cart = db.get_cart(store.store_id, cart_id)
    if cart is None or cart.email != email:
        raise NotFound(NO_SUCH_CART)
    return cart


def _shown(store: Store, carts: list[SavedCartItem] | list[SavedCartEntryItem]) -> list[SavedCart]:
    """Each cart with its lines at the catalog's prices now (one BatchGet per 100 SKUs for them all)."""
    stored = [(cart, db.stored_lines(cart.items)) for cart in carts]
    products = catalog.products(store.store_id, [line["sku"] for _, lines in stored for line in lines])
    return [
        {
            "cart_id": str(cart.cart_id),
            "name": cart.name,
            "saved_at": str(cart.saved_at),
            "items": rules.lines(lines, products),
        }
        for cart, lines in stored
    ]


def list_for_customer(store: Store, email: str, limit: int, after: str | None) -> SavedCartList:
    """A page of the customer's saved carts, newest saved first. A cursor answers only for its list."""
    require_on(store)
    partition = f"carts#{db.customer_key(store.store_id, email)}"
    start = cursor.decode(partition, after) if after else None
    found = db.list_page(store.store_id, email, min(max(limit, 1), MAX_PAGE), start)
    return {
        "carts": _shown(store, found.items),
        "next_cursor": cursor.encode(partition, found.last) if found.more and found.last else None,
    }


def rename(store: Store, email: str, cart_id: str, name: str | None) -> SavedCart:
    """Give the cart the customer's name ("" or None: no name); the store hears `SavedCartRenamed`."""
    wanted = name or None
    previous: list[str | None] = []

    def attempt() -> SavedCartItem:
        cart = _customers_cart(store, email, cart_id)
        previous[:] = [cart.name]
        if cart.name != wanted:
            cart.name, cart.updated_at = wanted, clock.now()
            db.save_cart(store.store_id, cart, None)
        return cart

    cart = retry_on_conflict(attempt, _busy)
    if previous[0] != wanted:
        notices.renamed(store.store_id, email, cart_id, wanted, previous[0])
    return _shown(store, [cart])[0]


def delete(store: Store, email: str, cart_id: str) -> None:
    """Delete the customer's cart; the store hears `SavedCartDeleted`."""

    def attempt() -> str | None:
        cart = _customers_cart(store, email, cart_id)
        db.delete_cart(store.store_id, cart)
        return cart.name

    name = retry_on_conflict(attempt, _busy)
    notices.deleted(store.store_id, email, cart_id, name)


def restore(store: Store, email: str, cart_id: str) -> RestoredCart:
    """The store's cart link with the cart's lines that can be added now (at the store's current prices,
    which its cart applies), and those left out and why; the store hears `SavedCartRestored`. Conflict
    when the store has no cart link or nothing can be added. The saved cart stays."""
    cart = _customers_cart(store, email, cart_id)
    if not store.settings.cart_url_template:
        raise Conflict(N_("This store's cart cannot be filled from here: order these items in the store itself."))
    [shown] = _shown(store, [cart])
    link = rules.restore_link(store.settings.cart_url_template, shown["items"])
    skipped = rules.skipped(shown["items"])
    if link is None:
        raise Conflict(
            N_("Nothing in this cart can be added now: every item is no longer sold or out of stock."),
            details=list(skipped),
        )
    cart_links.spend(store.store_id, email)
    notices.restored(
        {
            "store_id": store.store_id,
            "email": email,
            "cart_id": cart_id,
            "name": shown["name"],
            "items": rules.added(shown["items"]),
            "skipped": skipped,
            "cart_url": link,
        }
    )
    answer: RestoredCart = {"cart_url": link}
    if skipped:
        answer["skipped"] = skipped
    return answer


def view(store: Store, email: str, cart_id: str) -> SavedCart:
    """One of the customer's carts, its lines at today's prices (the page after a refused restore)."""
    return _shown(store, [_customers_cart(store, email, cart_id)])[0]
