"""The signed-in customer of a customer-facing route, resolved once by a middleware instead of a
preamble in every route: the store (Host and path prefix) and the email of a live session there; and
the session's cookie."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aws_lambda_powertools.event_handler.api_gateway import APIGatewayRestResolver, BaseRouter, Response
from aws_lambda_powertools.event_handler.middlewares import NextMiddleware
from aws_lambda_powertools.shared.cookies import Cookie, SameSite

from access_center.account import sessions
from access_center.stores.logic import Store
from access_center.stores.requests import customer_store
from access_center.web.requests import SESSION_COOKIE, session_token

_CONTEXT_KEY = "signed_in"


@dataclass(frozen=True)
class SignedIn:
    store: Store
    email: str


def resolve_signed_in(app: BaseRouter) -> SignedIn:
    """The request's store and its logged-in customer; Unauthorized without a live session there."""
    store = customer_store(app)
    return SignedIn(store, sessions.customer_email(store.store_id, session_token(app)))


def signed_in(app: APIGatewayRestResolver, next_middleware: NextMiddleware) -> Response[Any]:
    """Route middleware for JSON routes: 401 without a session, else the route reads `customer(router)`."""
    remember(app, resolve_signed_in(app))
    return next_middleware(app)


def customer(router: BaseRouter) -> SignedIn:
    """The signed-in customer a `signed_in` (or page) middleware put on this request."""
    found: SignedIn = router.context[_CONTEXT_KEY]
    return found


def signed_in_or_none(router: BaseRouter) -> SignedIn | None:
    """The signed-in customer a middleware put on this request, if any (a page says who is logged in)."""
    found = router.context.get(_CONTEXT_KEY)
    return found if isinstance(found, SignedIn) else None


def remember(router: BaseRouter, who: SignedIn) -> None:
    router.context[_CONTEXT_KEY] = who  # cleared by the resolver after each request


def account_cookie(store: Store, name: str, value: str, max_age: int) -> Cookie:
    """A cookie of this store's access center: HttpOnly, Secure, SameSite=Lax, sent to its pages only."""
    return Cookie(
        name=name,
        value=value,
        path=store.account_path,
        secure=True,
        http_only=True,
        same_site=SameSite.LAX_MODE,
        max_age=max_age,
    )


def session_cookie(store: Store, token: str, max_age: int) -> Cookie:
    return account_cookie(store, SESSION_COOKIE, token, max_age)
