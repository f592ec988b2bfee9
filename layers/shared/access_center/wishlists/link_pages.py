"""The wish list pages that links from outside the account open (API.md section 12):

- `/wishlists/add?sku=`: what a store's product page on another host links to. After login if need be
  (the login comes back here with the SKU), the product and one button that puts it on a list: the
  chosen one where the customer has several, the only one, or a new one named "Wish list" in the
  page's language where there is none; then the list.
- `/wishlists/shared/{token}`: a shared list, read-only, without login: the list's name and items at
  today's prices, never whose it is (no email, name or address). Not for search engines (`noindex` in
  the page and in `X-Robots-Tag`); no referrer leaves it (`Referrer-Policy: no-referrer`, as every page)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from aws_lambda_powertools.event_handler.api_gateway import APIGatewayRestResolver, BaseRouter
from aws_lambda_powertools.event_handler.middlewares import NextMiddleware
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.event_handler.openapi.params import Path, Query
from pydantic import Field

from access_center.account.customer import customer, remember, resolve_signed_in
from access_center.account.form_pages import check_token, refused_post
from access_center.account.languages import use_page_language
from access_center.account.order_page_routes import TO_LOGIN
from access_center.account.pages import login_path, page, safe_next
from access_center.core.errors import Conflict, DomainError, Unauthorized, Unprocessable
from access_center.core.i18n import N_, _
from access_center.stores.requests import customer_store
from access_center.web import apidoc
from access_center.web.forms import PageForm, Refusal, posted, posted_values, show_again, shown_again_by
from access_center.web.pages import LoginRequired, PageResponse, redirect
from access_center.wishlists import links, logic, storage
from access_center.wishlists.page_parts import router, rows
from access_center.wishlists.switch import offered

FIRST_LIST = N_("Wish list")  # the name of the list the button starts where the customer has none
NOT_OFFERED = "The store has not switched wish lists on."
Sku = Annotated[str, Query(max_length=100, description="The product's SKU, as the store's catalog has it.")]
Token = Annotated[str, Path(max_length=64)]


def signed_in_to_add(app: APIGatewayRestResolver, next_middleware: NextMiddleware) -> PageResponse:
    """As account.pages.signed_in_page, but the way back from login keeps the SKU percent-encoded
    whole (a SKU may hold `/`, `&` or spaces), so the customer lands on this page again."""
    try:
        who = resolve_signed_in(app)
    except Unauthorized:
        store = customer_store(app)
        sku = (app.current_event.query_string_parameters or {}).get("sku", "")
        here = f"{store.account_path}/wishlists/add?sku={quote(sku, safe='')}"
        raise LoginRequired(login_path(store, next_path=safe_next(store, here))) from None
    remember(app, who)
    use_page_language(app, who.store, signed_in_now=True)
    return next_middleware(app)


def _add_page(sku: str, status: int = 200) -> PageResponse:
    who = customer(router)
    error: DomainError | None = None
    try:
        product = logic.product(who.store, sku) if sku else None
    except Unprocessable as missing:
        product, error, status = None, missing, 422 if status == 200 else status
    lists = sorted(storage.all_lists(who.store.store_id, who.email), key=lambda one: -float(one.head.created_at))
    return page(
        router,
        who.store,
        "wishlist_add",
        status,
        title=N_("Add to a wish list"),
        nav="account",
        sku=sku,
        product=product,
        choices=[(one.head.list_id, one.head.name) for one in lists],
        error=error,
    )


@router.get(
    "/wishlists/add",
    summary="Page: put a product on a wish list (what the store's product pages link to)",
    description="One button; without a session, to login first and back here with the SKU.",
    security=apidoc.SESSION,
    responses=apidoc.page(
        {200: apidoc.html_page("The product and the button."), 303: TO_LOGIN},
        {404: NOT_OFFERED, 422: "No such SKU in the store's catalog: the page says so, without a button."},
    ),
    middlewares=[offered, signed_in_to_add],
)
def add_page(sku: Sku = "") -> PageResponse:
    return _add_page(sku)


class AddForm(PageForm):
    """The "add to wish list" button: the SKU, and the chosen list where there are several."""

    sku: Annotated[str, Field(max_length=100)] = ""
    list_id: Annotated[str, Field(max_length=128)] = ""


def _add_shown_again(page_router: BaseRouter, _: RequestValidationError) -> PageResponse:
    refused_post(page_router, signed_in=True)
    refusal = Refusal(form="add", message=N_("That form could not be read. Reload the page and try again."))
    return show_again(page_router, refusal, lambda: _add_page(""))


@router.post(
    "/wishlists/add",
    summary="Page: put a product on a wish list (the button)",
    security=apidoc.SESSION,
    responses=apidoc.page(
        {303: apidoc.no_body("Added: to the list (no session: to login).", apidoc.REDIRECT)},
        {
            400: "A form it cannot read.",
            404: NOT_OFFERED + " Or the chosen list is not this customer's.",
            409: "The list holds 200 items, or the customer has 20 lists and none chosen: the page again.",
            422: "No such SKU, or the list would hold more than 999 of it: the page again.",
        },
        form=True,
    ),
    middlewares=[offered, signed_in_to_add],
)
@shown_again_by(_add_shown_again)
def add_to_list(form: Annotated[AddForm, posted()]) -> PageResponse:
    who = customer(router)
    check_token(router, form.csrf)
    try:
        list_id = links.add_from_link(who.store, who.email, form.sku, form.list_id or None, _(FIRST_LIST))
    except (Conflict, Unprocessable) as refused:
        status = refused.status
        refusal = Refusal(
            form="add", message=refused.text, params=dict(refused.values), status=status, values=posted_values(router)
        )
        return show_again(router, refusal, lambda: _add_page(form.sku, status))
    return redirect(f"{who.store.account_path}/wishlists/{list_id}?done=added")


@router.get(
    "/wishlists/shared/<token>",
    summary="Page: a shared wish list, read-only, without login",
    description="The list's name and items at today's prices; never its owner's email, name or address.",
    responses=apidoc.page(
        {
            200: apidoc.html_page(
                "The list.", {"X-Robots-Tag": {"description": "noindex", "schema": {"type": "string"}}}
            )
        },
        {404: NOT_OFFERED + " Or the link is not a live share (unshared, the list deleted, made up)."},
    ),
    middlewares=[offered],
)
def shared_page(token: Token) -> PageResponse:
    store = customer_store(router)
    shown = links.shared(store, token)
    answer = page(
        router,
        store,
        "wishlist_shared",
        title=N_("Wish list: %(name)s"),
        title_values={"name": shown["name"]},
        noindex=True,
        wishlist=shown,
        rows=rows(shown["items"], shown["addable"]),
    )
    answer.headers["X-Robots-Tag"] = "noindex"
    return answer
