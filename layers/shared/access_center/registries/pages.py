"""The gift registry pages in the account (ListPagesFunction; API.md section 12), without JavaScript: the
registries (each with its date and state, a form to start one with a select of the customer's addresses),
and one registry (its items with wanted and purchased counts; forms to add an item by SKU or set how many
are wanted, remove one, change the details, close or reopen, delete; the public link to copy). One
registry's forms all post to its address with an `action`, so the function keeps few routes. The public
page is registries.link_pages."""

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
from access_center.core.errors import Conflict, Unprocessable
from access_center.core.i18n import N_
from access_center.core.ids import ID_PATTERN
from access_center.registries import link_pages, logic, rules
from access_center.registries.models import RegistryChanges, RegistryIn, RegistryItemIn
from access_center.registries.page_parts import CHECK, DETAILS_RULE, DONE, WANTED_RULE, address_choices, router
from access_center.registries.switch import offered
from access_center.web import apidoc
from access_center.web.forms import PageForm, Refusal, posted, posted_values, route_args, show_again, shown_again_by
from access_center.web.pages import PageResponse, redirect

__all__ = ["link_pages", "router"]  # link_pages declares its page on the same router

RegistryId = Annotated[str, Path(pattern=ID_PATTERN, max_length=128)]
Done = Annotated[str, Query(max_length=20)]
NO_SUCH = "No such gift registry of this customer's, or the store has not switched gift registries on."
DETAIL_FIELDS = ("registry-title", "registry-date", "registry-message", "registry-address")


def _registries_page(status: int = 200, done: str = "") -> PageResponse:
    who = customer(router)
    return page(
        router,
        who.store,
        "registries",
        status,
        title=N_("Gift registries"),
        nav="account",
        registries=logic.registries(who.store, who.email)["registries"],
        addresses=address_choices(who.store.store_id, who.email),
        done=DONE.get(done),
        limit=rules.MAX_REGISTRIES,
    )


@router.get(
    "/registries",
    summary="Page: the customer's gift registries, and a form to start one",
    security=apidoc.SESSION,
    responses=apidoc.page({200: apidoc.html_page("The registries."), 303: TO_LOGIN}, {404: NO_SUCH}),
    middlewares=[offered, signed_in_page],
)
def registries_page(done: Done = "") -> PageResponse:
    return _registries_page(done=done)


class DetailsForm(PageForm):
    """A registry's details (the start form, and the registry page's `edit`)."""

    title: Annotated[str, Field(max_length=500)] = ""
    event_date: Annotated[str, Field(max_length=40)] = ""
    message: Annotated[str, Field(max_length=5000)] = ""
    address_id: Annotated[str, Field(max_length=128)] = ""


def _details(form: DetailsForm) -> dict[str, str]:
    return {"title": form.title, "event_date": form.event_date, "message": form.message, "address_id": form.address_id}


def _details_refusal(form: str, status: int, message: str, params: dict[str, object] | None = None) -> Refusal:
    return Refusal(
        form=form,
        message=message,
        near="registry-details",
        fields=DETAIL_FIELDS,
        values=posted_values(router),
        status=status,
        params=params or {},
    )


def _create_shown_again(page_router: BaseRouter, _: RequestValidationError) -> PageResponse:
    refused_post(page_router, signed_in=True)
    return show_again(router, _details_refusal("create", 400, DETAILS_RULE), lambda: _registries_page(400))


@router.post(
    "/registries",
    summary="Page: start a gift registry (the registries page's form)",
    security=apidoc.SESSION,
    responses=apidoc.page(
        {303: apidoc.no_body("Started: to the new registry (no session: to login).", apidoc.REDIRECT)},
        {
            400: "A title, date or message it cannot take: the form again.",
            404: NO_SUCH,
            409: "The customer has 20 registries already: the form again, saying so.",
            422: "A past date, or an address not in the book: the form again.",
        },
        form=True,
    ),
    middlewares=[offered, signed_in_page],
)
@shown_again_by(_create_shown_again)
def create_registry(form: Annotated[DetailsForm, posted()]) -> PageResponse:
    who = customer(router)
    check_token(router, form.csrf)
    fields = {key: value for key, value in _details(form).items() if value.strip() or key == "title"}
    try:
        body = RegistryIn.model_validate(fields)
    except ValidationError:
        return show_again(router, _details_refusal("create", 400, DETAILS_RULE), lambda: _registries_page(400))
    try:
        created = logic.create(who.store, who.email, body)
    except (Conflict, Unprocessable) as refused:
        status = refused.status
        refusal = _details_refusal("create", status, refused.text, dict(refused.values))
        return show_again(router, refusal, lambda: _registries_page(status))
    return redirect(f"{who.store.account_path}/registries/{created['registry_id']}?done=created")


def _registry_page(registry_id: str, status: int = 200, done: str = "") -> PageResponse:
    who = customer(router)
    shown = logic.one(who.store, who.email, registry_id)
    return page(
        router,
        who.store,
        "registry",
        status,
        title=N_("Gift registry: %(title)s"),
        title_values={"title": shown["title"]},
        nav="account",
        registry=shown,
        addresses=address_choices(who.store.store_id, who.email),
        done=DONE.get(done),
        max_wanted=rules.MAX_WANTED,
    )


@router.get(
    "/registries/<registry_id>",
    summary="Page: one gift registry, its items with what was bought, and its forms",
    security=apidoc.SESSION,
    responses=apidoc.page({200: apidoc.html_page("The registry."), 303: TO_LOGIN}, {404: NO_SUCH}),
    middlewares=[offered, signed_in_page],
)
def registry_page(registry_id: RegistryId, done: Done = "") -> PageResponse:
    return _registry_page(registry_id, done=done)


class RegistryForm(DetailsForm):
    """One registry's forms: which one (`action`) and its fields."""

    action: Literal["add", "remove", "edit", "close", "reopen", "delete"]
    sku: Annotated[str, Field(max_length=100)] = ""
    quantity: Annotated[str, Field(max_length=12)] = ""


def _refused(registry_id: str, refusal: Refusal) -> PageResponse:
    return show_again(router, refusal, lambda: _registry_page(registry_id, refusal.status))


def _registry_shown_again(page_router: BaseRouter, _: RequestValidationError) -> PageResponse:
    refused_post(page_router, signed_in=True)
    refusal = Refusal(form="registry", message=CHECK, near="registry", status=400)
    return _refused(route_args(page_router).get("registry_id", ""), refusal)


def _add(registry_id: str, form: RegistryForm) -> PageResponse | None:
    """Put an item on the registry or set how many are wanted; the page again, refusing, otherwise."""
    who = customer(router)
    typed = form.quantity.strip()

    def refusal(status: int, message: str, params: dict[str, object]) -> Refusal:
        return Refusal(
            form="add",
            message=message,
            near="registry-add",
            fields=("registry-sku", "registry-quantity"),
            values={"sku": form.sku, "quantity": form.quantity},
            status=status,
            params=params,
        )

    try:
        if not typed.isascii() or not typed.isdigit():
            raise ValueError(typed)
        body = RegistryItemIn.model_validate({"sku": form.sku, "quantity": int(typed)})
    except (ValueError, ValidationError):
        return _refused(registry_id, refusal(400, WANTED_RULE, {"count": rules.MAX_WANTED}))
    try:
        logic.add_item(who.store, who.email, registry_id, body.sku, body.quantity)
    except (Conflict, Unprocessable) as refused:
        return _refused(registry_id, refusal(refused.status, refused.text, dict(refused.values)))
    return None


def _edit(registry_id: str, form: RegistryForm) -> PageResponse | None:
    who = customer(router)
    fields = {key: value for key, value in _details(form).items() if value.strip() or key != "event_date"}
    try:
        changes = RegistryChanges.model_validate(fields)
    except ValidationError:
        return _refused(registry_id, _details_refusal("edit", 400, DETAILS_RULE))
    try:
        logic.change(who.store, who.email, registry_id, changes)
    except Unprocessable as refused:
        return _refused(registry_id, _details_refusal("edit", refused.status, refused.text, dict(refused.values)))
    return None


@router.post(
    "/registries/<registry_id>",
    summary="Page: change a gift registry (its page's forms: `action` says which)",
    description=(
        "`add` (`sku`, `quantity`: how many are wanted), `remove` (`sku`), `edit` (`title`, `event_date`, "
        "`message`, `address_id`), `close`, `reopen`, `delete`."
    ),
    security=apidoc.SESSION,
    responses=apidoc.page(
        {303: apidoc.no_body("Done: to the registry, or after `delete` to the registries.", apidoc.REDIRECT)},
        {
            400: "A form it cannot read, or a field it cannot take: the page again.",
            404: NO_SUCH + " Or no such item.",
            409: "`add`: the registry holds 200 items: the page again, saying so.",
            422: "`add`: no such SKU; `edit`: a past date or an address not in the book: the page again.",
        },
        form=True,
    ),
    middlewares=[offered, signed_in_page],
)
@shown_again_by(_registry_shown_again)
def change_registry(registry_id: RegistryId, form: Annotated[RegistryForm, posted()]) -> PageResponse:
    who = customer(router)
    check_token(router, form.csrf)
    here = f"{who.store.account_path}/registries/{registry_id}"
    if form.action == "delete":
        logic.delete(who.store, who.email, registry_id)
        return redirect(f"{who.store.account_path}/registries?done=deleted")
    if form.action in ("close", "reopen"):
        logic.change(who.store, who.email, registry_id, RegistryChanges(closed=form.action == "close"))
        return redirect(f"{here}?done={'closed' if form.action == 'close' else 'reopened'}")
    if form.action == "remove":
        logic.remove_item(who.store, who.email, registry_id, form.sku)
        return redirect(f"{here}?done=removed")
    if form.action == "add":
        return _add(registry_id, form) or redirect(f"{here}?done=added")
    return _edit(registry_id, form) or redirect(f"{here}?done=saved")
