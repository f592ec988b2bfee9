"""The login pages' forms, read by the JSON login routes' models (login.models) with the form's token
and the page's own fields (web.forms.PageForm), and what each page answers when its model refuses the
form (registered by login.pages with web.forms.shown_again_by): the page the form is on again, with
what was typed, after the form's token is checked, never Powertools' 422 JSON.

`next` is any text: safe_next makes it a page of this access center (else the orders page).
"""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import BaseRouter
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from pydantic import Field

from access_center.account.form_pages import refused_fields, refused_post
from access_center.account.languages import use_page_language
from access_center.account.pages import page, safe_next
from access_center.core.i18n import N_, _
from access_center.login.models import CodeCheck, CodeRequest
from access_center.login.screens import code_page, link_page
from access_center.login.sign_in import link_refused
from access_center.stores.logic import Store
from access_center.stores.requests import customer_store
from access_center.web.forms import PageForm
from access_center.web.pages import CsrfRefused, PageResponse

NOT_AN_EMAIL = N_("Enter the email address you used at checkout, like name@example.com.")


class EmailForm(CodeRequest, PageForm):
    """The email form (and the code page's "send a new code"): the JSON route's email, where to go after
    logging in, and whether it asks again. Other fields are ignored."""

    cleaned_fields = frozenset({"next", "resend"})
    next: str = ""
    resend: str = ""


class CodeForm(CodeCheck, PageForm):
    """The code form: the JSON route's email and code, and where to go after logging in. Other fields
    are ignored."""

    cleaned_fields = frozenset({"next"})
    next: str = ""


class LinkForm(CodeRequest, PageForm):
    """The emailed link's button: its email and token. Other fields are ignored."""

    token: Annotated[str, Field(max_length=64)]


class LogoutForm(PageForm):
    """The Log out button: its token only. Other fields are ignored."""


def _login_again(page_router: BaseRouter, store: Store, values: dict[str, str]) -> PageResponse:
    """The email form again (400), the email as typed and what is wrong with it."""
    email, next_path = values.get("email", "")[:320], safe_next(store, values.get("next"))
    use_page_language(page_router, store)  # a refused form comes before the middleware that sets it
    error = _(NOT_AN_EMAIL)
    return page(page_router, store, "login", 400, title=N_("Log in"), email=email, next=next_path, error=error)


def email_form_refused(page_router: BaseRouter, _: RequestValidationError) -> PageResponse:
    """An email the model refused (the form's token checked first): the email form again."""
    values = refused_post(page_router, signed_in=False)
    return _login_again(page_router, customer_store(page_router), values)


def code_form_refused(page_router: BaseRouter, error: RequestValidationError) -> PageResponse:
    """A code form the model refused: a code no code can be (over 32 characters, none) is the code page
    again; an email that is none (the form's hidden field, changed) is the email form again."""
    values = refused_post(page_router, signed_in=False)
    store = customer_store(page_router)
    if any(where != ("code",) for where in refused_fields(error)):
        return _login_again(page_router, store, values)
    next_path = safe_next(store, values.get("next"))
    wrong = N_("Enter the 6-digit code from the email.")  # translated by code_page
    return code_page(page_router, store, 400, CodeRequest(email=values["email"]).email, next_path, wrong_code=wrong)


def link_form_refused(page_router: BaseRouter, _: RequestValidationError) -> PageResponse:
    """A link form the model refused (an email that is none, a token too long): it no longer works."""
    values = refused_post(page_router, signed_in=False)
    link_refused()
    return link_page(page_router, customer_store(page_router), values.get("email", "")[:320], "", refused=True)


def token_form_refused(page_router: BaseRouter, _: RequestValidationError) -> PageResponse:
    """A form with only its token, refused: the token is missing or not the page's (the 403 page)."""
    refused_post(page_router, signed_in=False)
    raise CsrfRefused()
