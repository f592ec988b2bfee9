"""What every email about an order shares (the order's own, and the features' emails about an order:
cancellations, returns, tracking): its number, customer, date, address and its page's link, written
the store's way (web.format.StoreFormat). What every email shares is notifications.emails."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from access_center.notifications.emails import one_line, order_ref
from access_center.notifications.languages import email_language, profile_name
from access_center.orders.models import StoredOrder
from access_center.stores.logic import Store
from access_center.web.colours import DEFAULT_BRAND, text_colour_on
from access_center.web.format import StoreFormat


def order_context(
    store: Store, order_id: str, order: StoredOrder, language: str, name: str | None = None
) -> dict[str, Any]:
    """`name`: the customer's profile name where they set one (customer_name below), else the order's."""
    accent = store.settings.brand_color or DEFAULT_BRAND
    written = StoreFormat.of(store.settings, language)
    return {
        "number": order_ref(order.number),
        "customer_name": one_line(name or order.customer_name),
        "placed_on": written.date(order.placed_at),
        "view_url": store.public_url(f"/orders/{quote(order_id, safe=':')}"),
        "accent": accent,
        "accent_text": text_colour_on(accent),
        "shipping_address": written.address(order.shipping_address),
    }


def customer_name(store: Store, order: StoredOrder) -> str | None:
    """The name the customer set in their profile, which wins over the order's in every email (API.md
    section 8): read by the notices before they compose, so composing stays free of reads."""
    return profile_name(store.store_id, order.email.strip())


def customer_language(store: Store, order: StoredOrder) -> str:
    """The language of an email about `order` to its customer (notifications.languages)."""
    return email_language(store, order.email.strip(), order_language=order.language)
