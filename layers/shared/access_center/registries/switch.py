"""The middleware every registry customer route and page runs first (API.md section 8: a feature the store
has switched off does not exist there): where the store has not switched gift registries on, 404 (the
contract's JSON, or the store's branded page) before anything else, signed in or not."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler.api_gateway import APIGatewayRestResolver, Response
from aws_lambda_powertools.event_handler.middlewares import NextMiddleware

from access_center.registries.logic import require_on
from access_center.stores.requests import customer_store


def offered(app: APIGatewayRestResolver, next_middleware: NextMiddleware) -> Response[Any]:
    require_on(customer_store(app))
    return next_middleware(app)
