"""A registry's public page (API.md section 12): no login, the token is the key. Its title, date, message
and items with how many are wanted and still needed, each with a "Buy" link to the store's cart for what
is still needed (catalog.cart.cart_link with the registry's id, so the store's order names the registry),
where the catalog sells it now and the registry is open. Never the owner's email, name or address."""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING

from access_center.catalog.cart import cart_link
from access_center.core import clock
from access_center.core.errors import NotFound
from access_center.core.i18n import N_
from access_center.registries import logic, rules, sharing, storage
from access_center.stores.logic import Store

if TYPE_CHECKING:
    from access_center.registries.shapes import PublicLine, PublicRegistry

NO_SUCH_SHARE = N_("This gift registry is not there any more, or the link is not complete.")


def shared(store: Store, token: str) -> PublicRegistry:
    """The registry a live token of this store's opens, as its public page shows it; NotFound otherwise
    (deleted, another store's, made up)."""
    logic.require_on(store)
    link = storage.get_share(store.store_id, sharing.token_hash(token)) if sharing.is_token(token) else None
    stored = storage.get_registry(store.store_id, link.registry_id) if link else None
    if stored is None or not hmac.compare_digest(
        sharing.link_token(stored.head.pk, stored.head.registry_id, stored.head.share_nonce), token
    ):
        raise NotFound(NO_SUCH_SHARE)
    head = stored.head
    closed = rules.is_closed(bool(head.closed), head.event_date, clock.now())
    products = logic.products_of(store, stored)
    template = store.settings.cart_url_template
    items: list[PublicLine] = []
    for line in logic.lines_of(stored, products):
        needed = rules.still_needed(line["wanted"], line["purchased"])
        buy = None
        if not closed and needed and rules.buyable(products.get(line["sku"])):
            buy = cart_link(template, [(line["sku"], needed)], registry_id=head.registry_id)
        items.append({"sku": line["sku"], "name": line["name"], "wanted": line["wanted"], "needed": needed,
                      "buy_url": buy})  # fmt: skip
    return {
        "title": head.title,
        "event_date": head.event_date,
        "message": head.message or "",
        "closed": closed,
        "items": items,
    }
