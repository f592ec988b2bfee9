"""Who may act on an order they can see: only its buyer (the email it was placed with)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from access_center.core.errors import Forbidden
from access_center.core.i18n import N_

if TYPE_CHECKING:
    from access_center.orders.shapes import AnyOrder

CO_VIEWER = N_("This order was placed with another email: you can see it here, but only its buyer can act on it.")


def may_act(order: AnyOrder, email: str) -> bool:
    """Whether a customer who may see the order may also act on it (cancel, return, message, order again,
    withdraw): only the email it was placed with. Another email it is listed for (sticky contact, API.md
    section 3) reads it only (API.md section 11: an action on it is 403)."""
    return bool(order["email"] == email)


def check_may_act(order: AnyOrder, email: str) -> None:
    """Forbidden for a customer who sees the order only as a co-viewer (see `may_act`)."""
    if not may_act(order, email):
        raise Forbidden(CO_VIEWER)
