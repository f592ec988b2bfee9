"""The two APIs' resolvers, with what every route of each needs from its store: web.resolver's checks,
then on the store-system API the caller check and the store's fair share (stores.callers, before
any body is read), on the customer API the store's fair share (web.fair_share). Every API function builds its resolver here, so no route goes uncounted."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler.api_gateway import APIGatewayRestResolver, Response
from aws_lambda_powertools.event_handler.middlewares import NextMiddleware

from access_center.core.errors import NotFound
from access_center.stores.requests import customer_store
from access_center.web.fair_share import fair_share, share_of
from access_center.web.resolver import Resolver, create_resolver


def _count_customer_request(app: APIGatewayRestResolver, next_middleware: NextMiddleware) -> Response[Any]:
    try:
        store = customer_store(app)  # cached per container (stores.logic): no read per request
    except NotFound:
        return next_middleware(app)  # no store here: nothing to count, the route answers 404
    fair_share().admit(store.store_id, share_of(store.requests_per_minute))
    return next_middleware(app)


def customer_resolver(*, pages: bool = False) -> Resolver:
    """A customer-facing function's resolver (JSON routes, or with `pages` the HTML pages')."""
    app = create_resolver(customer_facing=True, pages=pages)
    app.use(middlewares=[_count_customer_request])
    return app


def store_system_resolver() -> Resolver:
    """A store-system function's resolver: only callers that may address the path's store get through."""
    from access_center.stores.callers import only_own_store  # store-system functions only

    app = create_resolver(customer_facing=False)
    app.gates.append(only_own_store)  # before the body is validated: a stranger learns nothing of it
    return app
