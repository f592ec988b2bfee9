"""The language picker on every page (API.md section 9): `POST {prefix}/store/account/language`, form
`language` and `next`, 303 back to `next` (only inside this store's access center: a page a login may
come back to, or a login page) in the language
chosen. The choice is kept in a cookie until login (login keeps it in the profile), and in the profile
of a signed-in customer; a language the store does not offer changes nothing.

The picker takes no form token: it changes only how pages read, its cookie is the browser's own, and
the profile is written only with the session cookie, which a cross-site post never carries (SameSite=Lax).
"""

from __future__ import annotations

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.api_gateway import Router
from pydantic import BaseModel, ConfigDict, Field, model_validator

from access_center.account import storage
from access_center.account.customer import resolve_signed_in
from access_center.account.languages import language_cookie
from access_center.account.pages import safe_back
from access_center.core.errors import Unauthorized
from access_center.stores.requests import customer_store
from access_center.web import apidoc
from access_center.web.forms import first_value, posted
from access_center.web.pages import PageResponse, redirect

router = Router()


class LanguageForm(BaseModel):
    model_config = ConfigDict(extra="ignore", defer_build=True)  # built on first use, as core.fields says

    language: Annotated[str, Field(max_length=16)] = ""
    next: Annotated[str, Field(max_length=2000)] = ""

    @model_validator(mode="before")
    @classmethod
    def _as_sent(cls, data: Any) -> Any:
        return {name: first_value(values) for name, values in data.items()} if isinstance(data, dict) else data


@router.post(
    "/language",
    summary="Page: choose the pages' language",
    responses=apidoc.page(
        {
            303: apidoc.no_body(
                "Back to `next` (this store's access center only), in the language chosen.", apidoc.REDIRECT
            )
        },
        form=True,
    ),
)
def choose_language(form: Annotated[LanguageForm, posted()]) -> PageResponse:
    store = customer_store(router)
    back = safe_back(store, form.next)
    if form.language not in store.settings.languages:
        return redirect(back)
    try:
        who = resolve_signed_in(router)
    except Unauthorized:
        who = None
    if who is not None:
        storage.keep_profile_language(store.store_id, who.email, form.language)
    return redirect(back, cookies=[language_cookie(store, form.language)])
