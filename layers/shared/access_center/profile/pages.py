"""The Account page (PagesFunction): the customer's profile (name, phone, language, newsletter consent)
as a form that works without JavaScript, posting to the same logic as PATCH /api/profile; and the
links to the address book. A refused form is shown again with what was typed and the reason beside
the field (web.forms)."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import BaseRouter, Router
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.event_handler.openapi.params import Query
from pydantic import Field, ValidationError

from access_center.account.customer import customer
from access_center.account.form_pages import check_token, refused_post
from access_center.account.languages import AUTONYMS, use_page_language
from access_center.account.order_page_routes import TO_LOGIN
from access_center.account.pages import page, signed_in_page
from access_center.companies.logic import membership
from access_center.core import phones
from access_center.core.errors import Unprocessable
from access_center.core.i18n import N_
from access_center.profile import logic
from access_center.profile.models import ProfileChanges
from access_center.web import apidoc
from access_center.web.forms import PageForm, Refusal, posted, posted_values, show_again, shown_again_by
from access_center.web.pages import PageResponse, redirect

router = Router()
FORM = "profile"
CHECK = N_("Check your details: a name is one line of at most 200 characters, a phone number at most 40.")


class ProfileForm(PageForm):
    """The Account page's form: the profile's fields as typed, the newsletter box ticked or not."""

    name: Annotated[str, Field(max_length=200)] = ""
    phone: Annotated[str, Field(max_length=40)] = ""
    language: Annotated[str, Field(max_length=16)] = ""
    newsletter: Annotated[str, Field(max_length=8)] = ""


def _account_page(status: int = 200, saved: bool = False, erasure_sent: bool = False) -> PageResponse:
    who = customer(router)
    profile = logic.read(who.store, who.email)
    country = phones.store_country(who.store.settings.locale)
    return page(
        router,
        who.store,
        "profile",
        status,
        title=N_("Your account"),
        nav="account",
        profile=profile,
        phone_shown=phones.shown(profile["phone"], country) if profile["phone"] else "",
        languages_offered=[(code, AUTONYMS.get(code, code)) for code in who.store.settings.languages],
        saved=saved,
        erasure_sent=erasure_sent,
        in_company=membership(who.store.store_id, who.email) is not None,  # the Company page's link
    )


@router.get(
    "/profile",
    summary="Page: the customer's account: name, phone, language, newsletter, and the address book's link",
    security=apidoc.SESSION,
    responses=apidoc.page({200: apidoc.html_page("The account page."), 303: TO_LOGIN}, {400: None}),
    middlewares=[signed_in_page],
)
def account_page(
    saved: Annotated[str | None, Query(max_length=1)] = None,
    erasure: Annotated[str | None, Query(max_length=4)] = None,
) -> PageResponse:
    return _account_page(saved=saved == "1", erasure_sent=erasure == "sent")


def _refused(page_router: BaseRouter, refused: Unprocessable | None, values: dict[str, str]) -> PageResponse:
    field = "phone" if refused is None else str((refused.details or [{}])[0].get("field", "name"))
    refusal = Refusal(
        form=FORM,
        message=refused.text if refused is not None else CHECK,
        params=refused.values if refused is not None else {},
        near=f"profile-{field}",
        fields=(f"profile-{field}",),
        values=values,
        status=422 if refused is not None else 400,
    )
    return show_again(page_router, refusal, _account_page)


def _shown_again(page_router: BaseRouter, _: RequestValidationError) -> PageResponse:
    values = refused_post(page_router, signed_in=True)
    use_page_language(page_router, customer(page_router).store, signed_in_now=True)
    return _refused(page_router, None, values)


@router.post(
    "/profile",
    summary="Page: change the profile (the account page's form)",
    security=apidoc.SESSION,
    responses=apidoc.page(
        {303: apidoc.no_body("Saved: the account page again, saying so (no session: to login).", apidoc.REDIRECT)},
        {
            400: "A name over 200 characters or a phone over 40: the page again, as typed.",
            403: "The form's token is missing or stale (reload the page).",
            422: "Not a phone number, or a language the store does not offer: the page again, the reason beside it.",
        },
        form=True,
    ),
    middlewares=[signed_in_page],
)
@shown_again_by(_shown_again)
def change_profile(form: Annotated[ProfileForm, posted()]) -> PageResponse:
    who = customer(router)
    check_token(router, form.csrf)
    try:
        # The JSON twin's model: the same limits and text rule (control characters in a name).
        changes = ProfileChanges(
            name=form.name, phone=form.phone, language=form.language or None, newsletter=form.newsletter == "yes"
        )
    except ValidationError:
        return _refused(router, None, posted_values(router))
    try:
        logic.change(who.store, who.email, changes)
    except Unprocessable as refused:
        return _refused(router, refused, posted_values(router))
    return redirect(f"{who.store.account_path}/profile?saved=1")
