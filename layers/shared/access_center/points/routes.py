"""The customer's reward points, JSON (CustomerListsFunction; API.md section 12): the balance, what it is
worth, what expires soon and the ledger. The Points page shows the same without JavaScript (points.pages).
A store that has switched points off answers 404."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Response, Router
from aws_lambda_powertools.event_handler.openapi.params import Query

from access_center.account.customer import customer, signed_in
from access_center.points import logic
from access_center.points.models import DEFAULT_PAGE, MAX_PAGE
from access_center.points.switch import OFF, points_on
from access_center.web import apidoc
from access_center.web.requests import JSON, json_response

router = Router()


@router.get(
    "/api/points",
    summary="The customer's reward points: balance, its worth, what expires soon, and the ledger",
    description=(
        "`balance` is the sum of the entries the store pushed; `value` is it times the store's `points_value`, "
        "in minor units of `currency` (the store's `points_currency`). `expiring`: earning entries whose "
        "`expires_at` falls within the next 30 days, soonest first. `entries`: the ledger, newest `occurred_at` "
        "first, paged by `next_cursor`."
    ),
    security=apidoc.SESSION,
    responses=apidoc.customer(
        {200: apidoc.json_body("PointsSummary", "The balance and a page of the ledger, and the next page's cursor.")},
        {400: "A `limit` out of 1..100, or a cursor not from this ledger.", 401: None, 404: OFF},
    ),
    middlewares=[points_on, signed_in],
)
def get_points(
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE,
    cursor: Annotated[str | None, Query(max_length=512)] = None,
) -> Response[JSON]:
    who = customer(router)
    return json_response(200, logic.summary(who.store, who.email, limit, cursor))
