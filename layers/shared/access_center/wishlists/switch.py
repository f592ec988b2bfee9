"""The middleware every wish list route and page runs first (API.md section 8: a feature the store has
switched off does not exist there): where the store has not switched wish lists on, 404 (the contract's
JSON, or the store's branded page) before anything else, whether or not the visitor is signed in."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler.api_gateway import APIGatewayRestResolver, Response
from aws_lambda_powertools.event_handler.middlewares import NextMiddleware

from access_center.stores.requests import customer_store
from access_center.wishlists.logic import require_on


def offered(app: APIGatewayRestResolver, next_middleware: NextMiddleware) -> Response[Any]:
    require_on(customer_store(app))
    return next_middleware(app)
