"""The pages about one of the signed-in customer's orders and their forms' posts, declared once: the
login redirect and the one 404 text (account.order_routes has the JSON routes' twin)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from aws_lambda_powertools.event_handler.api_gateway import BaseRouter

from access_center.account.order_routes import NO_SUCH_ORDER
from access_center.account.pages import signed_in_page
from access_center.web import apidoc

RouteT = TypeVar("RouteT", bound=Callable[..., Any])

TO_LOGIN = apidoc.no_body("No session: to the login page, with `next` coming back here.", apidoc.REDIRECT)


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
