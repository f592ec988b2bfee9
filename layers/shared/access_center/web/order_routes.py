"""The routes and pages about one of the signed-in customer's orders, declared once: the session they
need, and the answers every one of them can give, written here and nowhere else (the 404 for an order
that is not this customer's, the 403 for a co-viewer where the route acts on the order).

The check itself is orders.logic's (get_for_customer, change_order with `email`): an order the
customer does not see is NotFound, as one that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from aws_lambda_powertools.event_handler.api_gateway import BaseRouter

from access_center.web import apidoc
from access_center.web.customer import signed_in
from access_center.web.pages import signed_in_page

RouteT = TypeVar("RouteT", bound=Callable[..., Any])

NO_SUCH_ORDER = "No such order for this customer at this store."
READ_ONLY = "An order this customer sees only through sticky contact (placed with another email): read-only."
TO_LOGIN = apidoc.no_body("No session: to the login page, with `next` coming back here.", apidoc.REDIRECT)


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


def order_page_route(
    router: BaseRouter,
    method: str,
    rule: str,
    *,
    summary: str,
    ok: apidoc.ResponseDocs,
    errors: dict[int, str | None] | None = None,
    description: str | None = None,
    openapi_extensions: dict[str, Any] | None = None,
) -> Callable[[RouteT], RouteT]:
    """A page about one of the customer's orders, or its form's post: without a session, to the login
    page and back (303); 404 (the not-found page) for an order this customer does not see."""
    answers = dict(ok)
    answers.setdefault(303, TO_LOGIN)
    return router.route(
        rule,
        method,
        summary=summary,
        description=description,
        security=apidoc.SESSION,
        responses=apidoc.page(answers, {400: None, 404: NO_SUCH_ORDER, **(errors or {})}, form=method == "POST"),
        openapi_extensions=openapi_extensions,
        middlewares=[signed_in_page],
    )
