"""The store a customer-facing request is for: its Host, and the public path it came in on (the
store's path prefix before `/store/account`). The host lookup is cached per container (stores.logic)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import BaseRouter

from access_center.core.errors import NotFound
from access_center.stores.logic import Store, store_for_host
from access_center.web.paths import ACCOUNT_BASE


def customer_store(app: BaseRouter) -> Store:
    """The store this request is for: its Host, and the public path it came in on."""
    host = app.current_event.headers.get("host") or ""
    store = store_for_host(host)
    match = ACCOUNT_BASE.match(app.current_event.path)
    if match and match.group("prefix") != store.path_prefix:
        raise NotFound("There is no store at this address.")
    return store
