"""The JSON routes about one of the signed-in customer's orders, declared once: the session they need,
and the answers every one of them can give, written here and nowhere else (the 404 for an order that
is not this customer's, the 403 for a co-viewer where the route acts on the order). The pages' twin is
account.order_page_routes, apart so the JSON functions never load the page machinery (jinja2) at cold start.

The check itself is orders.logic's (get_for_customer, change_order with `email`): an order the
customer does not see is NotFound, as one that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from aws_lambda_powertools.event_handler.api_gateway import BaseRouter

from access_center.account.customer import signed_in
from access_center.web import apidoc

RouteT = TypeVar("RouteT", bound=Callable[..., Any])

NO_SUCH_ORDER = "No such order for this customer at this store."
READ_ONLY = "An order this customer sees only through sticky contact (placed with another email): read-only."


def order_route(
    router: BaseRouter,
    method: str,
    rule: str,
    *,
    summary: str,
    ok: apidoc.ResponseDocs,
    errors: dict[int, str | None] | None = None,
    description: str | None = None,
    acts: bool = False,
) -> Callable[[RouteT], RouteT]:
    """A JSON route about one of the customer's orders: 401 without a session, 400 for a bad order
    id, 404 for an order this customer does not see; `acts` (it changes the order): 403 for a co-viewer."""
    answers: dict[int, str | None] = {400: None, 401: None, 404: NO_SUCH_ORDER}
    if acts:
        answers[403] = READ_ONLY
    return router.route(
        rule,
        method,
        summary=summary,
        description=description,
        security=apidoc.SESSION,
        responses=apidoc.customer(ok, {**answers, **(errors or {})}),
        middlewares=[signed_in],
    )
