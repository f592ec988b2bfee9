"""The store's saved-carts switch at the HTTP edge: a route middleware that answers 404 (the feature does
not exist at this store) before anything else, the session included, where `saved_carts_enabled` is off.
The JSON routes (carts.routes) and the pages (carts.pages) both run it."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler.api_gateway import APIGatewayRestResolver, Response
from aws_lambda_powertools.event_handler.middlewares import NextMiddleware

from access_center.carts.logic import require_on
from access_center.stores.requests import customer_store

OFF = "The store has not switched saved carts on (`saved_carts_enabled`), or no such cart of this customer's."


def carts_on(app: APIGatewayRestResolver, next_middleware: NextMiddleware) -> Response[Any]:
    require_on(customer_store(app))
    return next_middleware(app)
