"""The Saved carts page (ListPagesFunction), without JavaScript: the customer's carts, newest saved first,
paged ("Older saved carts"), each named (or "Cart saved on <date>"), its lines at today's prices with
whether each can go in the cart ("No longer sold", "Out of stock", as order again says), and its forms:
restore to the cart, rename, delete. They post to the cart's own address (one route: the `action` field
says which), as the JSON routes do the same.

Restoring answers a page with the link to the store's cart and the lines left out (a form cannot
redirect to another site under the pages' Content-Security-Policy, `form-action 'self'`); renaming and
deleting come back to the list. A refused form (a name too long, nothing to restore) shows the list
again, saying why beside that cart (web.forms). A store with saved carts off has no such pages (404)."""

from __future__ import annotations

from typing import Annotated, Literal

from aws_lambda_powertools.event_handler.api_gateway import BaseRouter, Router
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.event_handler.openapi.params import Path, Query
from pydantic import Field, ValidationError

from access_center.account.customer import customer
from access_center.account.form_pages import check_token, refused_fields, refused_post
from access_center.account.languages import use_page_language
from access_center.account.order_page_routes import TO_LOGIN
from access_center.account.pages import page, signed_in_page
from access_center.carts import logic
from access_center.carts.models import MAX_NAME, CartRenameIn
from access_center.carts.switch import OFF, carts_on
from access_center.core.errors import Conflict
from access_center.core.i18n import N_
from access_center.core.ids import ID_PATTERN
from access_center.core.text import ONE_LINE_PROBLEM
from access_center.web import apidoc
from access_center.web.format import web_link
from access_center.web.forms import (
    PageForm,
    Refusal,
    posted,
    posted_values,
    route_args,
    sentence_for,
    show_again,
    shown_again_by,
)
from access_center.web.pages import PageResponse, redirect

router = Router()
CartId = Annotated[str, Path(pattern=ID_PATTERN, max_length=128)]
GUARDS = [carts_on, signed_in_page]
# Marked here, translated where shown (saved_carts.html), once the page's language is known: order
# again's words for the same two reasons.
REASONS = {"unavailable": N_("No longer sold"), "out_of_stock": N_("Out of stock")}
NAME_PROBLEMS = {
    "string_too_long": N_("Keep the name under 200 characters."),
    ONE_LINE_PROBLEM: N_("The name must be one line of text, without control characters."),
}
UNREADABLE = N_("This form could not be read. Reload the page and try again.")


def form_name(cart_id: str) -> str:
    """Each cart's forms are one form for web.forms: a refusal shows beside that cart only."""
    return f"cart-{cart_id}"


def name_field(cart_id: str) -> str:
    return f"cart-name-{cart_id}"


def actions_near(cart_id: str) -> str:
    return f"cart-actions-{cart_id}"


def _list_page(cursor: str | None = None) -> PageResponse:
    who = customer(router)
    listed = logic.list_for_customer(who.store, who.email, 20, cursor)
    return page(
        router,
        who.store,
        "saved_carts",
        title=N_("Saved carts"),
        nav="account",
        carts=listed["carts"],
        older=listed["next_cursor"],
        first=cursor is None,
        reasons=REASONS,
        has_cart=bool(who.store.settings.cart_url_template),
    )


@router.get(
    "/carts",
    summary="Page: the customer's saved carts at today's prices, with restore, rename and delete",
    security=apidoc.SESSION,
    responses=apidoc.page(
        {200: apidoc.html_page("The saved carts page."), 303: TO_LOGIN}, {400: "A cursor not from this list.", 404: OFF}
    ),
    middlewares=GUARDS,
)
def carts_page(cursor: Annotated[str | None, Query(max_length=512)] = None) -> PageResponse:
    return _list_page(cursor)


class CartForm(PageForm):
    """A saved cart's forms on the list: `action` restore or delete (the button alone), or rename (with
    `name`, as the JSON route takes it; blank: no name), and the form's token. Other fields are ignored."""

    action: Literal["restore", "rename", "delete"]
    name: Annotated[str, Field(max_length=MAX_NAME)] = ""


def _refuse(page_router: BaseRouter, refusal: Refusal) -> PageResponse:
    return show_again(page_router, refusal, _list_page)


def _name_refused(cart_id: str, message: str, values: dict[str, str]) -> Refusal:
    field = name_field(cart_id)
    return Refusal(form_name(cart_id), message, field, (field,), values, 400)


def _shown_again(page_router: BaseRouter, error: RequestValidationError) -> PageResponse:
    """The list with the refused form: the name kept, what is wrong beside it (nothing written)."""
    values = refused_post(page_router, signed_in=True)
    store = customer(page_router).store
    logic.require_on(store)
    use_page_language(page_router, store, signed_in_now=True)
    cart_id = route_args(page_router).get("cart_id", "")
    fields = refused_fields(error)
    if fields and fields[0] == ("name",):
        message = sentence_for(error, NAME_PROBLEMS, NAME_PROBLEMS[ONE_LINE_PROBLEM])
        return _refuse(page_router, _name_refused(cart_id, message, values))
    refusal = Refusal(form_name(cart_id), UNREADABLE, actions_near(cart_id), (), values, 400)
    return _refuse(page_router, refusal)


@router.post(
    "/carts/<cart_id>",
    summary="Page: restore, rename or delete a saved cart (its forms on the list: `action`, `name`)",
    security=apidoc.SESSION,
    responses=apidoc.page(
        {
            200: apidoc.html_page("Restored: the link to the store's cart (the store hears `SavedCartRestored`)."),
            303: apidoc.no_body(
                "Renamed or deleted: back to the list (the store hears `SavedCartRenamed` or `SavedCartDeleted`;"
                " no session: to login).",
                apidoc.REDIRECT,
            ),
        },
        {
            400: "A name over 200 characters, or with control characters: the list again, the name kept.",
            403: "The form's token is missing or stale (reload the page).",
            404: OFF,
            409: "Nothing in the cart can be added, or the store has no cart link: the list again, saying so.",
        },
        form=True,
    ),
    middlewares=GUARDS,
)
@shown_again_by(_shown_again)
def cart_action(cart_id: CartId, form: Annotated[CartForm, posted()]) -> PageResponse:
    who = customer(router)
    check_token(router, form.csrf)
    base = who.store.account_path
    if form.action == "rename":
        try:
            name = CartRenameIn.model_validate({"name": form.name}).name
        except ValidationError:
            refusal = _name_refused(cart_id, NAME_PROBLEMS[ONE_LINE_PROBLEM], posted_values(router))
            return _refuse(router, refusal)
        logic.rename(who.store, who.email, cart_id, name)
        return redirect(f"{base}/carts")
    if form.action == "delete":
        logic.delete(who.store, who.email, cart_id)
        return redirect(f"{base}/carts")
    try:
        restored = logic.restore(who.store, who.email, cart_id)
    except Conflict as refused:  # nothing addable, or no cart link: nothing was sent
        values = posted_values(router)
        refusal = Refusal(form_name(cart_id), refused.text, actions_near(cart_id), (), values, 409, refused.values)
        return _refuse(router, refusal)
    cart = logic.view(who.store, who.email, cart_id)
    return page(
        router,
        who.store,
        "saved_cart_restored",
        title=N_("Your cart is ready"),
        nav="account",
        cart=cart,
        skipped=[line for line in cart["items"] if not line["addable"]],
        reasons=REASONS,
        cart_url=web_link(restored["cart_url"]),
    )
