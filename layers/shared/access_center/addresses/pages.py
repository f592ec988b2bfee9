"""The address book's pages (PagesFunction), without JavaScript: the book (defaults first, each address
written the way its country's post reads it, with its edit link and a remove button), and the form to
add or edit one, posting to the same logic as the JSON routes. A refused address is shown again as
typed, each refused field marked and its reason beside it."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import BaseRouter, Router
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.event_handler.openapi.params import Path
from pydantic import Field, ValidationError

from access_center.account.customer import customer
from access_center.account.form_pages import check_token, refused_post
from access_center.account.languages import use_page_language
from access_center.account.order_page_routes import TO_LOGIN
from access_center.account.pages import page, signed_in_page
from access_center.addresses import logic
from access_center.addresses.models import AddressIn
from access_center.core import i18n, phones
from access_center.core.errors import Conflict, Unprocessable
from access_center.core.i18n import N_
from access_center.core.ids import ID_PATTERN
from access_center.stores.logic import Store
from access_center.web import apidoc
from access_center.web.forms import PageForm, Refusal, posted, posted_values, route_args, show_again, shown_again_by
from access_center.web.pages import PageResponse, redirect

router = Router()
FORM = "address"
AddressId = Annotated[str, Path(pattern=ID_PATTERN, max_length=128)]
CHECK = N_("Check the address: each line is at most 200 characters, with no control characters.")
NO_SUCH = N_("There is no such address in your address book.")
_TEXT = Annotated[str, Field(max_length=200)]


class AddressForm(PageForm):
    """The address form: AddressIn's fields as typed, the two default boxes ticked or not."""

    name: _TEXT = ""
    company: _TEXT = ""
    line1: _TEXT = ""
    line2: _TEXT = ""
    city: _TEXT = ""
    region: _TEXT = ""
    postal_code: _TEXT = ""
    country: _TEXT = ""
    phone: _TEXT = ""
    default_shipping: Annotated[str, Field(max_length=8)] = ""
    default_billing: Annotated[str, Field(max_length=8)] = ""


def _countries(language: str) -> list[tuple[str, str]]:
    """Every country as the page's language names it, by name (Babel's territory names)."""
    from babel import Locale

    names = Locale.parse(language.split("-")[0]).territories
    return sorted(
        ((code, name) for code, name in names.items() if len(code) == 2 and code.isalpha()), key=lambda c: c[1]
    )


def _book_page(status: int = 200) -> PageResponse:
    who = customer(router)
    return page(
        router,
        who.store,
        "addresses",
        status,
        title=N_("Address book"),
        nav="account",
        addresses=logic.book(who.store, who.email),
    )


def _form_page(
    store: Store, address_id: str | None, shown: dict[str, str], problems: dict[str, str], status: int = 200
) -> PageResponse:
    country = phones.store_country(store.settings.locale) or "US"
    return page(
        router,
        store,
        "address_form",
        status,
        title=N_("Edit the address") if address_id else N_("Add an address"),
        nav="account",
        address_id=address_id,
        address=shown,
        problems=problems,
        countries=_countries(i18n.current_language()),
        default_country=shown.get("country") or country,
    )


@router.get(
    "/addresses",
    summary="Page: the address book, defaults first",
    security=apidoc.SESSION,
    responses=apidoc.page({200: apidoc.html_page("The address book."), 303: TO_LOGIN}),
    middlewares=[signed_in_page],
)
def addresses_page() -> PageResponse:
    return _book_page()


@router.get(
    "/addresses/new",
    summary="Page: the form to add an address",
    security=apidoc.SESSION,
    responses=apidoc.page({200: apidoc.html_page("The empty address form."), 303: TO_LOGIN}),
    middlewares=[signed_in_page],
)
def new_address_page() -> PageResponse:
    return _form_page(customer(router).store, None, {}, {})


@router.get(
    "/addresses/<address_id>",
    summary="Page: the form to edit one of the customer's addresses",
    security=apidoc.SESSION,
    responses=apidoc.page({200: apidoc.html_page("The address form, filled in."), 303: TO_LOGIN}, {404: NO_SUCH}),
    middlewares=[signed_in_page],
)
def edit_address_page(address_id: AddressId) -> PageResponse:
    who = customer(router)
    shown = logic.one(who.store, who.email, address_id)
    typed = {k: str(v) for k, v in shown.items() if isinstance(v, str)}
    typed.update({k: "yes" for k in ("default_shipping", "default_billing") if shown.get(k)})
    return _form_page(who.store, address_id, typed, {})


def _refused(
    page_router: BaseRouter,
    address_id: str | None,
    values: dict[str, str],
    problems: dict[str, str],
    message: str,
    params: dict[str, object],
    status: int,
) -> PageResponse:
    first = next(iter(problems), "name")
    refusal = Refusal(
        form=FORM,
        message=message,
        params=params,
        near=f"address-{first}",
        fields=tuple(f"address-{field}" for field in problems) or (f"address-{first}",),
        values=values,
        status=status,
    )
    store = customer(page_router).store
    return show_again(page_router, refusal, lambda: _form_page(store, address_id, values, problems, status))


def _shown_again(page_router: BaseRouter, _: RequestValidationError) -> PageResponse:
    values = refused_post(page_router, signed_in=True)
    use_page_language(page_router, customer(page_router).store, signed_in_now=True)
    return _refused(page_router, route_args(page_router).get("address_id"), values, {}, CHECK, {}, 400)


def _save(address_id: str | None, form: AddressForm) -> PageResponse:
    who = customer(router)
    check_token(router, form.csrf)
    values = posted_values(router)
    try:
        body = AddressIn.model_validate(
            {
                **form.model_dump(exclude={"csrf"}),
                "default_shipping": form.default_shipping == "yes",
                "default_billing": form.default_billing == "yes",
            }
        )
    except ValidationError:
        return _refused(router, address_id, values, {}, CHECK, {}, 400)
    try:
        if address_id is None:
            logic.add(who.store, who.email, body)
        else:
            logic.replace(who.store, who.email, address_id, body)
    except Unprocessable as refused:
        problems = {str(d["field"]): str(d["message"]) for d in refused.details or [] if isinstance(d, dict)}
        return _refused(router, address_id, values, problems, refused.text, refused.values, 422)
    except Conflict as full:
        return _refused(router, address_id, values, {}, full.text, full.values, 409)
    return redirect(f"{who.store.account_path}/addresses")


ADDRESS_ERRORS = {
    400: "A line over 200 characters or with control characters: the form again, as typed.",
    403: "The form's token is missing or stale (reload the page).",
    422: "Not valid for its country: the form again, each refused field marked with its reason.",
}


@router.post(
    "/addresses",
    summary="Page: add an address (the address form)",
    security=apidoc.SESSION,
    responses=apidoc.page(
        {303: apidoc.no_body("Added: to the address book (no session: to login).", apidoc.REDIRECT)},
        {**ADDRESS_ERRORS, 409: "The book already has 50 addresses: the form again, saying so."},
        form=True,
    ),
    middlewares=[signed_in_page],
)
@shown_again_by(_shown_again)
def add_address(form: Annotated[AddressForm, posted()]) -> PageResponse:
    return _save(None, form)


@router.post(
    "/addresses/<address_id>",
    summary="Page: change an address (the address form)",
    security=apidoc.SESSION,
    responses=apidoc.page(
        {303: apidoc.no_body("Saved: to the address book (no session: to login).", apidoc.REDIRECT)},
        {**ADDRESS_ERRORS, 404: NO_SUCH},
        form=True,
    ),
    middlewares=[signed_in_page],
)
@shown_again_by(_shown_again)
def change_address(address_id: AddressId, form: Annotated[AddressForm, posted()]) -> PageResponse:
    return _save(address_id, form)


class RemoveForm(PageForm):
    """The remove button's form: its token only."""


@router.post(
    "/addresses/<address_id>/delete",
    summary="Page: remove an address (its button in the address book)",
    security=apidoc.SESSION,
    responses=apidoc.page(
        {303: apidoc.no_body("Removed: to the address book (no session: to login).", apidoc.REDIRECT)},
        {400: None, 403: "The form's token is missing or stale (reload the page).", 404: NO_SUCH},
        form=True,
    ),
    middlewares=[signed_in_page],
)
def remove_address(address_id: AddressId, form: Annotated[RemoveForm, posted()]) -> PageResponse:
    who = customer(router)
    check_token(router, form.csrf)
    logic.remove(who.store, who.email, address_id)
    return redirect(f"{who.store.account_path}/addresses")
