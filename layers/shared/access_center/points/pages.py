"""The Points page (ListPagesFunction), without JavaScript: the balance and what it is worth in the store's
currency (written as the pages write money, web.format), the points that expire within 30 days, and the
ledger, newest first, paged ("Older entries"). It has no form: the store pushes every change. A store
with points off has no such page (404, before the session is asked for)."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query

from access_center.account.customer import customer
from access_center.account.languages import page_language
from access_center.account.order_page_routes import TO_LOGIN
from access_center.account.pages import page, signed_in_page
from access_center.core.i18n import N_
from access_center.points import logic
from access_center.points.models import DEFAULT_PAGE
from access_center.points.switch import OFF, points_on
from access_center.web import apidoc
from access_center.web.format import StoreFormat
from access_center.web.locales import babel_locale
from access_center.web.pages import PageResponse

router = Router()


def written(points: int, locale: str, signed: bool = False) -> str:
    """A number of points as the page's locale writes numbers ("1,250"; "1.250" in German), with its sign
    where the ledger shows a change ("+120", "-200")."""
    from babel.numbers import format_decimal  # deferred: only this page pays for Babel's number data

    text = format_decimal(points, locale=babel_locale(locale))
    return f"+{text}" if signed and points > 0 else text


@router.get(
    "/points",
    summary="Page: the customer's reward points: balance, its worth, what expires soon, and the ledger",
    security=apidoc.SESSION,
    responses=apidoc.page(
        {200: apidoc.html_page("The Points page."), 303: TO_LOGIN}, {400: "A cursor not from this ledger.", 404: OFF}
    ),
    middlewares=[points_on, signed_in_page],
)
def points_page(cursor: Annotated[str | None, Query(max_length=512)] = None) -> PageResponse:
    who = customer(router)
    shown = logic.summary(who.store, who.email, DEFAULT_PAGE, cursor)
    locale = StoreFormat.of(who.store.settings, page_language(router, who.store)).locale
    return page(
        router,
        who.store,
        "points",
        title=N_("Points"),
        nav="account",
        balance=shown["balance"],
        balance_text=written(shown["balance"], locale),
        value=shown["value"],
        currency=shown["currency"],
        expiring=[{**soon, "text": written(soon["points"], locale)} for soon in shown["expiring"]],
        entries=[{**entry, "text": written(entry["points"], locale, signed=True)} for entry in shown["entries"]],
        older=shown["next_cursor"],
        first=cursor is None,
    )
