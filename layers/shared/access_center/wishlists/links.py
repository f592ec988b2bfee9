"""What links from outside the account open (API.md section 12): a shared list's read-only page (no
login: the token is the key; never the owner's email, name or address) and the "add to wish list" link a
store's product pages on another host use (one button, after login)."""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING

from access_center.core.errors import NotFound
from access_center.core.i18n import N_
from access_center.stores.logic import Store
from access_center.wishlists import logic, rules, sharing, storage

if TYPE_CHECKING:
    from access_center.wishlists.shapes import SharedList

NO_SUCH_SHARE = N_("This wish list is not shared any more, or the link is not complete.")


def shared(store: Store, token: str) -> SharedList:
    """A shared list as its read-only page shows it: its name and items, never whose it is. NotFound for
    a token that is not a live share of this store's (unshared, deleted, another store's, made up)."""
    logic.require_on(store)
    link = storage.get_share(store.store_id, rules.token_hash(token)) if rules.is_share_token(token) else None
    stored = storage.get_list(store.store_id, link.email, link.list_id) if link else None
    nonce = stored.head.share_nonce if stored else None
    if (
        stored is None
        or nonce is None
        or not hmac.compare_digest(sharing.link_token(stored.head.pk, stored.head.list_id, nonce), token)
    ):
        raise NotFound(NO_SUCH_SHARE)
    products = logic.products_of(store, [stored])
    lines = logic.lines_of(stored, products)
    return {"name": stored.head.name, "items": lines, "addable": [rules.addable(products.get(x["sku"])) for x in lines]}


def add_from_link(store: Store, email: str, sku: str, list_id: str | None, first_name: str) -> str:
    """The "add to wish list" page's button: one of `sku` on the chosen list, or on the only list, or on
    a new list named `first_name` where there is none. Answers the list's id."""
    logic.require_on(store)
    logic.product(store, sku)
    if not list_id:
        existing = sorted(storage.all_lists(store.store_id, email), key=lambda one: float(one.head.created_at))
        list_id = existing[0].head.list_id if existing else logic.create(store, email, first_name)["list_id"]
    logic.add_item(store, email, list_id, sku, 1)
    return list_id
