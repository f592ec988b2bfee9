"""The wish lists' pages in the account (ListPagesFunction; API.md section 12), without JavaScript: the
lists (each with its count, a form to start one), and one list (its items at today's prices and
availability; forms to change a quantity, remove an item, rename, share or unshare with the link to
copy, delete, and put the available items in the store's cart). One list's forms all post to the list's
address with an `action`, so the function keeps few routes. "Add to cart" answers a page with the
cart's link: a form cannot redirect to another site under the pages' CSP (`form-action 'self'`).
The shared list's read-only page and the "add to wish list" page are wishlists.link_pages."""

from __future__ import annotations

from typing import Annotated, Literal

from aws_lambda_powertools.event_handler.api_gateway import BaseRouter
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.event_handler.openapi.params import Path, Query
from pydantic import Field, ValidationError

from access_center.account.customer import customer
from access_center.account.form_pages import check_token, refused_post
from access_center.account.order_page_routes import TO_LOGIN
from access_center.account.pages import page, signed_in_page
from access_center.core.errors import Conflict, DomainError
from access_center.core.i18n import N_
from access_center.core.ids import ID_PATTERN
from access_center.web import apidoc
from access_center.web.format import web_link
from access_center.web.forms import PageForm, Refusal, posted, posted_values, route_args, show_again, shown_again_by
from access_center.web.pages import PageResponse, redirect
from access_center.wishlists import link_pages, logic, rules
from access_center.wishlists.models import WishlistChanges, WishlistIn
from access_center.wishlists.page_parts import quantity_field, router, rows
from access_center.wishlists.switch import offered

__all__ = ["link_pages", "router"]  # link_pages declares its pages on the same router

ListId = Annotated[str, Path(pattern=ID_PATTERN, max_length=128)]
Done = Annotated[str, Query(max_length=20)]
NAME_RULE = N_("Give the list a name of 1 to 100 characters, on one line.")
CHECK = N_("That form could not be read. Reload the page and try again.")
QUANTITY_RULE = N_("Enter a whole number from 1 to %(count)s.")
NO_SUCH = "No such wish list of this customer's, or the store has not switched wish lists on."
# What the page says after a form worked (`?done=`), marked here, translated where shown.
DONE = {
    "created": N_("Your wish list is ready."),
    "added": N_("Added to your wish list."),
    "saved": N_("Your changes are saved."),
    "shared": N_("Anyone with the link below can now see this list."),
    "unshared": N_("The link no longer works: this list is private again."),
    "removed": N_("The item is off your list."),
    "deleted": N_("The wish list is deleted."),
}


def _lists_page(status: int = 200, done: str = "") -> PageResponse:
    who = customer(router)
    return page(
        router,
        who.store,
        "wishlists",
        status,
        title=N_("Wish lists"),
        nav="account",
        wishlists=logic.lists(who.store, who.email)["wishlists"],
        done=DONE.get(done),
        limit=rules.MAX_LISTS,
    )


@router.get(
    "/wishlists",
    summary="Page: the customer's wish lists, and a form to start one",
    security=apidoc.SESSION,
    responses=apidoc.page({200: apidoc.html_page("The lists."), 303: TO_LOGIN}, {404: NO_SUCH}),
    middlewares=[offered, signed_in_page],
)
def wishlists_page(done: Done = "") -> PageResponse:
    return _lists_page(done=done)


class CreateForm(PageForm):
    """The "start a wish list" form: its name."""

    name: Annotated[str, Field(max_length=500)] = ""


def _create_refused(status: int, message: str, params: dict[str, object] | None = None) -> PageResponse:
    refusal = Refusal(
        form="create",
        message=message,
        near="wishlist-new-name",
        fields=("wishlist-new-name",),
        values={"name": posted_values(router).get("name", "")},
        status=status,
        params=params or {},
    )
    return show_again(router, refusal, lambda: _lists_page(status))


def _create_shown_again(page_router: BaseRouter, _: RequestValidationError) -> PageResponse:
    refused_post(page_router, signed_in=True)
    return _create_refused(400, NAME_RULE)


@router.post(
    "/wishlists",
    summary="Page: start a wish list (the lists page's form)",
    security=apidoc.SESSION,
    responses=apidoc.page(
        {303: apidoc.no_body("Started: to the new list (no session: to login).", apidoc.REDIRECT)},
        {
            400: "No name, or one over 100 characters: the form again.",
            404: NO_SUCH,
            409: "The customer has 20 lists already: the form again, saying so.",
        },
        form=True,
    ),
    middlewares=[offered, signed_in_page],
)
@shown_again_by(_create_shown_again)
def create_wishlist(form: Annotated[CreateForm, posted()]) -> PageResponse:
    who = customer(router)
    check_token(router, form.csrf)
    try:
        name = WishlistIn.model_validate({"name": form.name}).name
    except ValidationError:
        return _create_refused(400, NAME_RULE)
    try:
        created = logic.create(who.store, who.email, name)
    except Conflict as full:
        return _create_refused(409, full.text, dict(full.values))
    return redirect(f"{who.store.account_path}/wishlists/{created['list_id']}?done=created")


def _list_page(list_id: str, status: int = 200, done: str = "") -> PageResponse:
    who = customer(router)
    shown, addable = logic.read(who.store, who.email, list_id)
    has_cart = bool(who.store.settings.cart_url_template)
    return page(
        router,
        who.store,
        "wishlist",
        status,
        title=N_("Wish list: %(name)s"),
        title_values={"name": shown["name"]},
        nav="account",
        wishlist=shown,
        rows=rows(shown["items"], addable),
        can_cart=has_cart and any(addable),
        done=DONE.get(done),
    )


@router.get(
    "/wishlists/<list_id>",
    summary="Page: one wish list, its items at today's prices, and its forms",
    security=apidoc.SESSION,
    responses=apidoc.page({200: apidoc.html_page("The list."), 303: TO_LOGIN}, {404: NO_SUCH}),
    middlewares=[offered, signed_in_page],
)
def wishlist_page(list_id: ListId, done: Done = "") -> PageResponse:
    return _list_page(list_id, done=done)


class ListForm(PageForm):
    """One list's forms: which one (`action`) and its fields."""

    action: Literal["rename", "share", "unshare", "delete", "quantity", "remove", "cart"]
    name: Annotated[str, Field(max_length=500)] = ""
    sku: Annotated[str, Field(max_length=100)] = ""
    quantity: Annotated[str, Field(max_length=12)] = ""


def _list_refused(list_id: str, refusal: Refusal) -> PageResponse:
    return show_again(router, refusal, lambda: _list_page(list_id, refusal.status))


def _list_shown_again(page_router: BaseRouter, _: RequestValidationError) -> PageResponse:
    refused_post(page_router, signed_in=True)
    refusal = Refusal(form="list", message=CHECK, near="list", status=400)
    return _list_refused(route_args(page_router).get("list_id", ""), refusal)


def _quantity(list_id: str, form: ListForm) -> PageResponse | None:
    """Set an item's quantity; the page again, refusing, for anything but 1 to 999."""
    who = customer(router)
    typed = form.quantity.strip()
    if not typed.isascii() or not typed.isdigit() or not 0 < int(typed) <= rules.MAX_QUANTITY:
        field = quantity_field(form.sku)
        refusal = Refusal(
            form="quantity",
            message=QUANTITY_RULE,
            near=field,
            fields=(field,),
            values={"quantity": form.quantity, "sku": form.sku},
            status=422,
            params={"count": rules.MAX_QUANTITY},
        )
        return _list_refused(list_id, refusal)
    logic.set_quantity(who.store, who.email, list_id, form.sku, int(typed))
    return None


@router.post(
    "/wishlists/<list_id>",
    summary="Page: change a wish list (its page's forms: `action` says which)",
    description=(
        "`rename` (`name`), `share`, `unshare`, `delete`, `quantity` (`sku`, `quantity`), `remove` (`sku`), "
        "`cart` (answers a page with the link to the store's cart, with the available items)."
    ),
    security=apidoc.SESSION,
    responses=apidoc.page(
        {
            200: apidoc.html_page("`cart`: the link to the store's cart."),
            303: apidoc.no_body(
                "Done: to the list, or after `delete` to the lists (no session: to login).", apidoc.REDIRECT
            ),
        },
        {
            400: "A form it cannot read, or no name: the page again.",
            404: NO_SUCH + " Or no such item.",
            409: "`cart`: nothing can be added, or the store has no cart link: the page again, saying so.",
            422: "`quantity`: not 1 to 999: the page again.",
        },
        form=True,
    ),
    middlewares=[offered, signed_in_page],
)
@shown_again_by(_list_shown_again)
def change_wishlist(list_id: ListId, form: Annotated[ListForm, posted()]) -> PageResponse:
    who = customer(router)
    check_token(router, form.csrf)
    here = f"{who.store.account_path}/wishlists/{list_id}"
    if form.action == "delete":
        logic.delete(who.store, who.email, list_id)
        return redirect(f"{who.store.account_path}/wishlists?done=deleted")
    if form.action in ("share", "unshare"):
        logic.change(who.store, who.email, list_id, WishlistChanges(shared=form.action == "share"))
        return redirect(f"{here}?done={form.action}d")
    if form.action == "rename":
        try:
            changes = WishlistChanges.model_validate({"name": form.name})
        except ValidationError:
            refusal = Refusal(
                form="rename",
                message=NAME_RULE,
                near="wishlist-name",
                fields=("wishlist-name",),
                values={"name": form.name},
                status=400,
            )
            return _list_refused(list_id, refusal)
        logic.change(who.store, who.email, list_id, changes)
        return redirect(f"{here}?done=saved")
    if form.action == "remove":
        logic.remove_item(who.store, who.email, list_id, form.sku)
        return redirect(f"{here}?done=removed")
    if form.action == "quantity":
        return _quantity(list_id, form) or redirect(f"{here}?done=saved")
    return _cart(list_id)


def _cart(list_id: str) -> PageResponse:
    who = customer(router)
    try:
        cart = logic.start_cart(who.store, who.email, list_id)
    except Conflict as refused:
        return _list_refused(list_id, _cart_refusal(refused))
    return page(
        router,
        who.store,
        "wishlist_cart",
        title=N_("Your cart is ready"),
        nav="account",
        list_id=list_id,
        cart_url=web_link(cart["cart_url"]),
    )


def _cart_refusal(refused: DomainError) -> Refusal:
    return Refusal(form="cart", message=refused.text, near="cart", params=dict(refused.values), status=refused.status)
