"""The store a customer-facing request is for: the host the viewer asked for (web.edge), and the public
path it came in on (the store's path prefix before `/store/account`); and the customer's own address,
which the store's proxy may name (stores.proxy). The host lookup is cached per container (stores.logic)."""

from __future__ import annotations

from typing import cast

from aws_lambda_powertools.event_handler.api_gateway import BaseRouter
from aws_lambda_powertools.utilities.data_classes import APIGatewayProxyEvent

from access_center.core.errors import NotFound
from access_center.core.i18n import N_
from access_center.stores import proxy
from access_center.stores.logic import Store, store_for_host
from access_center.web import edge
from access_center.web.paths import ACCOUNT_BASE


def customer_store(app: BaseRouter) -> Store:
    """The store this request is for: the viewer's host, and the public path it came in on."""
    event = cast(APIGatewayProxyEvent, app.current_event)
    store = store_for_host(edge.viewer(event).host)
    match = ACCOUNT_BASE.match(event.path)
    if match and match.group("prefix") != store.path_prefix:
        raise NotFound(N_("There is no store at this address."))
    return store


def customer_address(app: BaseRouter, store: Store) -> str:
    """The address the per-address limits count for this request (login codes, web.edge).

    The address the platform's edge saw, unless the request carries the store's own proxy secret: then
    the customer the proxy names in X-Forwarded-For, counted within this store only (`{ip} at {store}`),
    so a store's proxy can spend its own customers' budgets but never an address's budget at other
    stores. A wrong or absent secret, or a header naming no address: the proxy's own address counts.
    An IPv6 address counts as its /64 (web.edge.counted_address)."""
    event = cast(APIGatewayProxyEvent, app.current_event)
    seen = edge.viewer(event)
    own = edge.counted_address(seen.address)
    if not proxy.matches(store.store_id, store.proxy_secret_digest, event.headers.get(proxy.PROXY_SECRET_HEADER)):
        return own
    customer = edge.forwarded_customer(event.headers.get(edge.FORWARDED_FOR), seen.address, seen.source)
    return f"{edge.counted_address(customer)} at {store.store_id}" if customer else own
