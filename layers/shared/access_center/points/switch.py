"""The store's points switch at the HTTP edge: a route middleware that answers 404 (the feature does not
exist at this store) before anything else, the session included, where `points_enabled` is off. The JSON
route (points.routes) and the page (points.pages) both run it."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler.api_gateway import APIGatewayRestResolver, Response
from aws_lambda_powertools.event_handler.middlewares import NextMiddleware

from access_center.points.logic import require_on
from access_center.stores.requests import customer_store

OFF = "The store has not switched reward points on (`points_enabled`)."


def points_on(app: APIGatewayRestResolver, next_middleware: NextMiddleware) -> Response[Any]:
    require_on(customer_store(app))
    return next_middleware(app)
