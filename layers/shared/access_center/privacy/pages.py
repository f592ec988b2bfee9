"""The erasure on the pages (PagesFunction), without JavaScript: the Account page's button asks (the
page twin of POST /api/privacy/erasure); the emailed link's page says what is deleted and what the store
keeps, with one button that confirms (a page, not the link itself, so that mail scanners following
links erase nothing); confirming ends the sessions and leads to the login page."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query
from pydantic import Field

from access_center.account.customer import customer, session_cookie
from access_center.account.form_pages import check_token
from access_center.account.pages import login_path, page, signed_in_page
from access_center.core.errors import BadRequest
from access_center.core.i18n import N_
from access_center.privacy import erasure, holdings
from access_center.stores.requests import customer_store
from access_center.web import apidoc
from access_center.web.forms import PageForm, posted
from access_center.web.pages import PageResponse, redirect

router = Router()
# What each holding is, as the confirmation page names it (privacy.holdings); marked, shown translated.
HOLDING_NAMES = {
    "profile": N_("Your profile: name, phone, language and newsletter choice"),
    "addresses": N_("Your saved addresses"),
    "sessions": N_("Your sign-ins on every device"),
    "login_codes": N_("Your login codes"),
    "contact": N_("Your name as the store first recorded it"),
    "order_entries": N_("The list of your orders"),
    "orders": N_("Your orders, with their shipments, returns and cancellations"),
    "returns": N_("Your return requests"),
    "messages": N_("Your messages about orders"),
    "invoices": N_("Your invoices"),
    "company_membership": N_("Your company membership and role, as the store set them"),
    "wishlists": N_("Your wish lists and their shared links"),
    "saved_carts": N_("Your saved carts"),
    "quotes": N_("Your quotes and configurations, and your answers to them"),
    "contact_messages": N_("Your messages through the contact form"),
    "points": N_("Your reward points and their history"),
    "registries": N_("Your gift registries and their public links"),
}
_CSRF = "The form's token is missing or stale (reload the page)."


class AskForm(PageForm):
    """The Account page's "Delete my account" button: its token only."""


class ConfirmForm(PageForm):
    """The emailed link's page: the link's token. The page's form token is not required here: the link's
    token is the authority (only the mailbox has it, so another site cannot forge this post), and the
    confirmation takes the token alone, as the contract has it (a mail client or a script posts just that)."""

    csrf: str = Field(default="", description="The page's hidden field; not required (see the form).")
    token: Annotated[str, Field(max_length=erasure.MAX_TOKEN)] = ""


@router.post(
    "/privacy/erasure",
    summary="Page: ask to delete the account (the Account page's button): the confirmation link is emailed",
    security=apidoc.SESSION,
    responses=apidoc.page(
        {303: apidoc.no_body("Asked: to the Account page, saying the email is on its way.", apidoc.REDIRECT)},
        {400: None, 403: _CSRF},
        form=True,
    ),
    middlewares=[signed_in_page],
)
def ask(form: Annotated[AskForm, posted()]) -> PageResponse:
    who = customer(router)
    check_token(router, form.csrf)
    erasure.request(who.store, who.email)
    return redirect(f"{who.store.account_path}/profile?erasure=sent")


def _confirm_page(token: str, status: int = 200) -> PageResponse:
    store = customer_store(router)
    try:
        email, _ = erasure.pending(store, token)
    except BadRequest as bad:
        return page(
            router,
            store,
            "erasure",
            400,
            title=N_("This link does not work any more"),
            error=bad.translated(),
            email="",
            token="",
            erased=[],
            kept=[],
        )
    return page(
        router,
        store,
        "erasure",
        status,
        title=N_("Delete your account"),
        error=None,
        email=email,
        token=token,
        erased=[HOLDING_NAMES[h.name] for h in holdings.erased() if h.name in HOLDING_NAMES],
        kept=[HOLDING_NAMES[name] for name in holdings.kept() if name in HOLDING_NAMES],
    )


@router.get(
    "/privacy/erasure",
    summary="Page: the emailed erasure link: what is deleted, what the store keeps, one button that confirms",
    responses=apidoc.page(
        {200: apidoc.html_page("The confirmation page.")},
        {400: "The link was used, expired or is not complete: the page says so, without a button."},
    ),
)
def confirm_page(token: Annotated[str, Query(max_length=erasure.MAX_TOKEN)] = "") -> PageResponse:
    return _confirm_page(token)


@router.post(
    "/privacy/erasure/confirm",
    summary="Page: confirm deleting the account (the emailed link's button)",
    responses=apidoc.page(
        {303: apidoc.no_body("Deleted and every session ended: to the login page.", apidoc.REDIRECT)},
        {400: "A bad, replaced, expired or used link: the page says so, and nothing is erased."},
        form=True,
    ),
)
def confirm(form: Annotated[ConfirmForm, posted()]) -> PageResponse:
    store = customer_store(router)
    try:
        erasure.confirm(store, form.token)
    except BadRequest:
        return _confirm_page(form.token)
    return redirect(login_path(store), cookies=[session_cookie(store, "", 0)])
