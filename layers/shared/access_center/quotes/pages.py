"""The Quotes pages (ListPagesFunction), without JavaScript: the list (number, kind, total, valid until,
where each stands), and a quote's printable page (its lines with their options, totals, validity and
status) with, while it is open, an "Accept" button and a decline form with an optional reason. Both post
to the quote's own address (one route: the `action` field says which), as the JSON routes do the same.

Accepting answers a page with the link to the store's cart (a form cannot redirect to another site under
the pages' Content-Security-Policy, `form-action 'self'`), or, where the store has no cart link, a page
saying the store has the quote and will be in touch; declining comes back to the quote. A refused answer
(expired, already answered, a reason too long) shows the quote again, saying why (web.forms)."""

from __future__ import annotations

from typing import Annotated, Literal

from aws_lambda_powertools.event_handler.api_gateway import BaseRouter, Router
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.event_handler.openapi.params import Path, Query
from pydantic import Field

from access_center.account.customer import customer
from access_center.account.form_pages import check_token, refused_fields, refused_post
from access_center.account.languages import use_page_language
from access_center.account.order_page_routes import TO_LOGIN
from access_center.account.pages import page, signed_in_page
from access_center.core.errors import Conflict
from access_center.core.i18n import N_, NP_
from access_center.core.ids import ID_PATTERN
from access_center.core.text import MULTILINE_PROBLEM
from access_center.quotes import logic
from access_center.quotes.models import DeclineIn
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
QuoteId = Annotated[str, Path(pattern=ID_PATTERN, max_length=128)]
FORM = "quote"  # the form's name for web.forms
REASON_FIELD = "decline-reason"
ANSWER_NEAR = "answer-heading"
NO_SUCH = "No such quote of this customer's, or the store does not offer quotes (`quotes_enabled` off)."
# Marked here, translated where shown (quotes.html, quote.html), once the page's language is known.
KINDS = {"quote": N_("Quote"), "configuration": N_("Configuration")}
# By kind: a status agrees with what it describes (French "devis" but "configuration": accepté, acceptée).
STATUSES = {
    "quote": {
        "open": NP_("quote status", "Open"),
        "accepted": NP_("quote status", "Accepted"),
        "declined": NP_("quote status", "Declined"),
        "expired": NP_("quote status", "Expired"),
    },
    "configuration": {
        "open": NP_("configuration status", "Open"),
        "accepted": NP_("configuration status", "Accepted"),
        "declined": NP_("configuration status", "Declined"),
        "expired": NP_("configuration status", "Expired"),
    },
}
# The badge colours the order pages already have (portal.css): waiting, done, closed.
BADGES = {"open": "partly_shipped", "accepted": "delivered", "declined": "cancelled", "expired": "cancelled"}
TITLES = {"quote": N_("Quote %(number)s"), "configuration": N_("Configuration %(number)s")}
REASON_PROBLEMS = {
    "string_too_long": N_("Keep the reason under 1,000 characters."),
    MULTILINE_PROBLEM: N_("The reason must be text without control or invisible direction characters."),
}


@router.get(
    "/quotes",
    summary="Page: the customer's quotes and configurations, newest first",
    security=apidoc.SESSION,
    responses=apidoc.page(
        {200: apidoc.html_page("The Quotes page."), 303: TO_LOGIN},
        {400: "A cursor not from this list.", 404: "The store does not offer quotes (`quotes_enabled` off)."},
    ),
    middlewares=[signed_in_page],
)
def quotes_page(cursor: Annotated[str | None, Query(max_length=512)] = None) -> PageResponse:
    who = customer(router)
    listed = logic.list_for_customer(who.store, who.email, 20, cursor)
    return page(
        router,
        who.store,
        "quotes",
        title=N_("Quotes"),
        nav="account",
        quotes=listed["quotes"],
        older=listed["next_cursor"],
        first=cursor is None,
        kinds=KINDS,
        statuses=STATUSES,
        badges=BADGES,
    )


def _quote_page(quote_id: str, status: int = 200) -> PageResponse:
    who = customer(router)
    quote = logic.one(who.store, who.email, quote_id)
    return page(
        router,
        who.store,
        "quote",
        status,
        title=TITLES[quote["kind"]],
        title_values={"number": quote["number"]},
        nav="account",
        quote=quote,
        kinds=KINDS,
        statuses=STATUSES,
        badges=BADGES,
        has_cart=bool(who.store.settings.cart_url_template),
    )


@router.get(
    "/quotes/<quote_id>",
    summary="Page: a quote or configuration (printable), with its Accept button and decline form while open",
    security=apidoc.SESSION,
    responses=apidoc.page({200: apidoc.html_page("The quote."), 303: TO_LOGIN}, {404: NO_SUCH}),
    middlewares=[signed_in_page],
)
def quote_page(quote_id: QuoteId) -> PageResponse:
    return _quote_page(quote_id)


class AnswerForm(DeclineIn, PageForm):
    """The quote page's two forms: `action` accept (the button alone) or decline (with the optional
    reason, as the JSON route takes it), and the form's token. Other fields are ignored."""

    action: Literal["accept", "decline"]
    # The quote as the customer saw it (its `updated_at`): an answer to a quote the store changed since is
    # refused, saying so, instead of applying to content the customer never read.
    seen: Annotated[str, Field(max_length=40)] = ""


def _shown_again(page_router: BaseRouter, error: RequestValidationError) -> PageResponse:
    """The quote page with the refused form: the reason kept, what is wrong beside it (nothing written)."""
    values = refused_post(page_router, signed_in=True)
    use_page_language(page_router, customer(page_router).store, signed_in_now=True)
    fields = refused_fields(error)
    if fields and fields[0] == ("reason",):
        message = sentence_for(error, REASON_PROBLEMS, N_("Check the reason and try again."))
        refusal = Refusal(FORM, message, REASON_FIELD, (REASON_FIELD,), values)
    else:
        refusal = Refusal(FORM, N_("This form could not be read. Reload the page and try again."), ANSWER_NEAR)
    quote_id = route_args(page_router).get("quote_id", "")
    return show_again(page_router, refusal, lambda: _quote_page(quote_id))


@router.post(
    "/quotes/<quote_id>",
    summary="Page: accept or decline a quote (its page's forms: `action` accept or decline, `reason`)",
    security=apidoc.SESSION,
    responses=apidoc.page(
        {
            200: apidoc.html_page("Accepted: the link to the store's cart (the store hears `QuoteAccepted`)."),
            303: apidoc.no_body(
                "Declined: back to the quote (the store hears `QuoteDeclined`; no session: to login).",
                apidoc.REDIRECT,
            ),
        },
        {
            400: "A reason over 1,000 characters, or with control characters: the quote again, the reason kept.",
            403: "The form's token is missing or stale (reload the page).",
            404: NO_SUCH,
            409: "The quote has expired, or is already accepted or declined: the quote again, saying so.",
        },
        form=True,
    ),
    middlewares=[signed_in_page],
)
@shown_again_by(_shown_again)
def answer_quote(quote_id: QuoteId, form: Annotated[AnswerForm, posted()]) -> PageResponse:
    who = customer(router)
    check_token(router, form.csrf)
    try:
        if form.action == "decline":
            logic.decline(who.store, who.email, quote_id, form.reason, seen=form.seen or None)
            return redirect(f"{who.store.account_path}/quotes/{quote_id}")
        cart = logic.accept(who.store, who.email, quote_id, seen=form.seen or None)
    except Conflict as refused:  # expired or answered meanwhile: nothing was written
        values = posted_values(router)
        refusal = Refusal(FORM, refused.text, ANSWER_NEAR, (), values, refused.status, refused.values)
        return show_again(router, refusal, lambda: _quote_page(quote_id))
    quote = logic.one(who.store, who.email, quote_id)
    return page(
        router,
        who.store,
        "quote_cart",
        title=N_("Quote accepted"),
        nav="account",
        quote=quote,
        kinds=KINDS,
        cart_url=web_link(cart["cart_url"]),
    )
