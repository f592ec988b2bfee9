"""The customer's budget of cart links from their lists (wish lists, saved carts): each link tells the
store's systems (an event), so a person gets a few a minute, a script not hundreds (db.rates: a counter in
the Codes table, `rate#cartlink#{store}#{email}`, shared by every container). Order again keeps its own
budget (reorder.logic); accepting a quote happens once per quote."""

from __future__ import annotations

import math

from access_center.core import clock
from access_center.core.errors import RateLimited
from access_center.core.i18n import N_
from access_center.db import rates

CART_LINKS_PER_HOUR = 30


def spend(store_id: str, email: str) -> None:
    """One cart link from the customer's hourly budget; RateLimited past it, saying when to try again."""
    try:
        rates.throttle("cartlink", f"{store_id}#{email}", CART_LINKS_PER_HOUR, clock.now())
    except RateLimited as limited:
        minutes = max(1, math.ceil(limited.retry_after / 60))
        raise RateLimited(
            limited.retry_after,
            N_("You have filled the cart many times in the last hour. Try again in %(minutes)s min."),
            minutes=minutes,
        ) from None
