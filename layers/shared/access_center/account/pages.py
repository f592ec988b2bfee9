"""The store's page frame, which every customer page shares: the page resolver and its error pages (the
store's branded pages, never JSON), a page rendered in the store's frame with its form token and who
is logged in, the signed-in middleware of pages, and where a login may come back to.

The pages themselves live with their features (login.pages, orders.pages, account.assets); PagesFunction
includes their routers. What every HTML answer shares without a store (security headers, redirects,
forms and their CSRF check) is web.pages.

No raw JSON on a customer's screen: every address under `{prefix}/store/account/` that is not a JSON
route (those are under `api/`) answers a page. A trailing slash redirects to the address without it;
any address no page has is the store's branded "not found" page (404, HTML). In AWS the customer
API routes such addresses to PagesFunction with a catch-all (`GET /{proxy+}`) beside the pages' own
routes; `api/...` addresses that reach it still answer the contract's JSON 404.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from aws_lambda_powertools.event_handler.api_gateway import APIGatewayRestResolver, BaseRouter, Response
from aws_lambda_powertools.event_handler.middlewares import NextMiddleware
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.shared.cookies import Cookie, SameSite

from access_center.account.customer import remember, resolve_signed_in, signed_in_or_none
from access_center.account.languages import AUTONYMS, page_language, use_page_language
from access_center.core import i18n
from access_center.core.errors import DomainError, Forbidden, NotFound, RateLimited, Unauthorized
from access_center.core.i18n import N_, _
from access_center.core.text import has_control_characters
from access_center.stores.apis import customer_resolver
from access_center.stores.logic import Store
from access_center.stores.requests import customer_store
from access_center.web import csrf
from access_center.web.errors import error_response
from access_center.web.format import web_link
from access_center.web.forms import NOT_REFUSED, refused_form, refused_form_answer
from access_center.web.pages import SECURITY_HEADERS, LoginRequired, PageNotFound, PageResponse, redirect
from access_center.web.render import render_template
from access_center.web.requests import request_cookie, session_token
from access_center.web.resolver import Resolver

# The pages a login may come back to: the orders page, an order, an order's "order again" page, invoices,
# the wish lists, one of them, the "add to wish list" page a store's product page links to, a shared list's
# page (where its language picker comes back to), the saved carts, and the quotes and one of them (a
# store's email may link a quote), the contact form (log in first to ask about an order), and the gift
# registries, one of them, and a registry's public page (where its language picker comes back to).
_SAFE_NEXT = re.compile(
    r"^/(?:orders(?:/[A-Za-z0-9._:-]{1,128}(?:/reorder)?)?|invoices"
    r"|wishlists(?:/add|/w[0-9a-f]{16}|/shared/[A-Za-z0-9_-]{32})?|carts"
    r"|quotes(?:/[A-Za-z0-9._:-]{1,128})?|contact"
    r"|registries(?:/r[0-9a-f]{16}|/shared/[A-Za-z0-9_-]{32})?)?"
    r"(?:\?[A-Za-z0-9=&._:%-]{0,600})?$"
)


def safe_next(store: Store, raw: str | None) -> str:
    """The public path to go to after login: only ever inside this store's access center.

    Accepts the public form (`{prefix}/store/account/orders/o1`) and answers in it; anything else
    (another host, `//evil`, backslashes, `..`, another store's prefix) falls back to the orders page.
    """
    fallback = store.account_path + "/orders"
    if not raw or len(raw) > 700 or "\\" in raw or ".." in raw or has_control_characters(raw):
        return fallback
    parts = urlsplit(raw)
    if parts.scheme or parts.netloc or not raw.startswith(store.account_path + "/"):
        return fallback
    rest = raw[len(store.account_path) :]
    return store.account_path + rest if _SAFE_NEXT.fullmatch(rest) else fallback


# Beyond where a login may come back to, the language picker may come back to the login pages themselves.
_LOGIN_PAGES = re.compile(r"^/login(?:/code|/link)?(?:\?[A-Za-z0-9=&._:%@+-]{0,700})?$")


def safe_back(store: Store, raw: str | None) -> str:
    """Where the language picker goes back to: a page safe_next allows, or a login page."""
    base = store.account_path
    if raw and len(raw) <= 800 and raw.startswith(base + "/login") and not has_control_characters(raw):
        rest = raw[len(base) :]
        if "\\" not in rest and ".." not in rest and _LOGIN_PAGES.fullmatch(rest):
            return raw
    return safe_next(store, raw)


def login_path(store: Store, next_path: str | None = None, email: str | None = None) -> str:
    query = []
    if email:
        query.append(f"email={quote(email, safe='@')}")
    if next_path:
        query.append(f"next={quote(next_path, safe='/')}")
    return f"{store.account_path}/login" + (f"?{'&'.join(query)}" if query else "")


def render_page(page: str, store: Store, language: str | None = None, **context: Any) -> str:
    """A page in `language` (the current one when None), with the language picker's choices."""
    storefront = web_link(store.settings.storefront_url)
    values = {
        "store": store.settings,
        "base": store.account_path,
        # The picker (account.language_routes): each offered language named in itself; `here` comes back.
        "languages": [(code, AUTONYMS.get(code, code)) for code in store.settings.languages],
        "here": "",
        # The way back to the shop, and the logo: only ever an https link (web.format.web_link).
        "storefront": storefront,
        "storefront_host": urlsplit(storefront).hostname if storefront else None,
        "logo": web_link(store.settings.logo_url),
        "logged_in": False,
        "signed_in_as": None,
        "nav": None,
        # A page's title is a marked text (N_), translated by base.html once the page's language is set,
        # its `%(name)s` values in title_values.
        "title_values": {},
        "csrf": "",
        "refused": NOT_REFUSED,  # a refused form shown again (web.forms)
        **context,
    }
    return render_template(f"portal/{page}.html", values, language)


def _csrf_seed(router: BaseRouter) -> tuple[str, list[Cookie]]:
    """The pre-session CSRF seed: the browser's, or a new one (and the cookie that carries it)."""
    seed = request_cookie(router, csrf.CSRF_COOKIE)
    if seed and len(seed) <= 64:
        return seed, []
    seed = csrf.new_csrf_seed()
    store = customer_store(router)
    cookie = Cookie(
        name=csrf.CSRF_COOKIE,
        value=seed,
        path=store.account_path,
        secure=True,
        http_only=True,
        same_site=SameSite.LAX_MODE,
    )
    return seed, [cookie]


def page(
    router: BaseRouter, store: Store, name: str, status: int = 200, cookies: list[Cookie] | None = None, **context: Any
) -> PageResponse:
    """An HTML page with its form token (and the seed cookie where the browser has none yet); a page
    for a signed-in customer says who is logged in; a page showing a refused form again (web.forms)
    keeps what was typed and says what is wrong."""
    seed, seed_cookies = _csrf_seed(router)
    language = page_language(router, store)
    i18n.set_language(language)  # the page's texts, and any message it shows, in its language
    context.setdefault("refused", refused_form(router))
    context.setdefault("here", _here(router, store))
    who = signed_in_or_none(router)
    if who is not None:
        context = {"logged_in": True, "signed_in_as": who.email, **context}
    return Response(
        status_code=status,
        content_type="text/html; charset=utf-8",
        body=render_page(name, store, language, csrf=csrf.csrf_token(seed, session_token(router)), **context),
        headers=SECURITY_HEADERS,  # Response copies it
        cookies=[*seed_cookies, *(cookies or [])],
    )


def _here(router: BaseRouter, store: Store) -> str:
    """This page's public address, for the language picker to come back to (safe_next checks it)."""
    event = router.current_event
    query = urlencode(event.query_string_parameters or {}) if event.http_method == "GET" else ""
    rest = _relative_path(store, event.path)
    return store.account_path + (rest or "/orders") + (f"?{query}" if query and rest else "")


def signed_in_page(app: APIGatewayRestResolver, next_middleware: NextMiddleware) -> PageResponse:
    """Route middleware for pages: without a session, to login and back here after."""
    try:
        who = resolve_signed_in(app)
        remember(app, who)
        use_page_language(app, who.store, signed_in_now=True)  # the profile's language, if any
    except Unauthorized:
        store = customer_store(app)  # the host cache answers: no second read
        event = app.current_event
        query = "&".join(f"{k}={v}" for k, v in (event.query_string_parameters or {}).items())
        here = event.path + (f"?{query}" if query else "")
        raise LoginRequired(login_path(store, next_path=safe_next(store, here))) from None
    return next_middleware(app)


def _relative_path(store: Store, path: str) -> str | None:
    """`path` below the store's access center (`/orders/`), "" for the access center itself, None elsewhere."""
    base = store.account_path
    return path[len(base) :] if path == base or path.startswith(base + "/") else None


def without_trailing_slash(app: APIGatewayRestResolver, next_middleware: NextMiddleware) -> PageResponse:
    """Global middleware: a page's address with a trailing slash (`/orders/`) redirects to it without."""
    event = app.current_event
    path = event.path
    if event.http_method in ("GET", "HEAD") and path.endswith("/") and not has_control_characters(path):
        store = customer_store(app)
        rest = _relative_path(store, path.rstrip("/"))
        if rest:  # the access center's own address (`/store/account/`) is the home route's
            query = urlencode(event.query_string_parameters or {})
            target = quote(store.account_path + rest, safe="/:@!$&'()*+,;=-._~%")
            return redirect(target + (f"?{query}" if query else ""))
    return next_middleware(app)


def in_page_language(app: APIGatewayRestResolver, next_middleware: NextMiddleware) -> PageResponse:
    """Global middleware: the request speaks its page's language before any route runs (titles and
    messages a route writes are then in it); a signed-in page's profile refines it (signed_in_page)."""
    with contextlib.suppress(DomainError):  # no store here: the route answers that as it always has
        use_page_language(app, customer_store(app))
    return next_middleware(app)


def create_page_resolver() -> Resolver:
    """The pages' resolver: form posts refused cross-site (links from emails still work), every error
    a branded HTML page rather than JSON, and every address without a page the branded 404 page."""
    app = customer_resolver(pages=True)
    app.use(middlewares=[without_trailing_slash, in_page_language])

    @app.exception_handler(LoginRequired)
    def _to_login(error: LoginRequired) -> PageResponse:
        return redirect(error.location)

    def error_page(error: DomainError) -> PageResponse:
        titles = {403: N_("Please try again"), 404: N_("Page not found"), 429: N_("Please wait a moment")}
        try:
            store = customer_store(app)
        except (NotFound, Forbidden) as no_store:  # no store's page to brand: no store, or around the edge
            body = "Not found" if isinstance(no_store, NotFound) else "Forbidden"
            return Response(
                status_code=no_store.status,
                content_type="text/plain; charset=utf-8",
                body=body,
                headers=SECURITY_HEADERS,
            )
        i18n.set_language(page_language(app, store))
        title = titles.get(error.status, N_("Something is not right"))
        response = page(app, store, "error", error.status, title=title, message=error.translated())
        if isinstance(error, RateLimited):
            response.headers["Retry-After"] = str(error.retry_after)
        return response

    def invalid_link(error: RequestValidationError) -> PageResponse:
        # A page form its model refused: its page again, with what was typed (web.forms).
        try:
            shown = refused_form_answer(app, error)
        except LoginRequired as away:
            return redirect(away.location)
        except DomainError as refused:
            return error_page(refused)
        return shown if shown is not None else error_page(DomainError(N_("That link is not valid.")))

    app.exception_handler(DomainError)(error_page)
    app.exception_handler(RequestValidationError)(invalid_link)

    @app.not_found
    def _no_such_page(_error: Exception) -> PageResponse:
        try:
            rest = _relative_path(customer_store(app), app.current_event.path)
        except NotFound as unknown:
            return error_page(unknown)
        if rest is not None and rest.startswith("/api/"):  # a JSON route's address: the contract's 404
            return error_response(404, "not_found", _("No such route."))
        with contextlib.suppress(Unauthorized):  # a signed-in customer keeps the navigation
            remember(app, resolve_signed_in(app))
        return error_page(PageNotFound())

    return app
