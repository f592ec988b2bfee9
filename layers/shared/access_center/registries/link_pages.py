"""A gift registry's public page (API.md section 12): `/registries/shared/{token}`, without login. Its title,
date and message, and its items with how many are wanted and still needed, each with a "Buy" link to the
store's cart for what is still needed (none once the registry is closed, or for what the store does not
sell now). Never whose it is (no email, name or address). Not for search engines (`noindex` in the page
and in `X-Robots-Tag`); no referrer leaves it (`Referrer-Policy: no-referrer`, as every page)."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Path

from access_center.account.pages import page
from access_center.core.i18n import N_
from access_center.registries import links
from access_center.registries.page_parts import router
from access_center.registries.switch import offered
from access_center.stores.requests import customer_store
from access_center.web import apidoc
from access_center.web.format import web_link
from access_center.web.pages import PageResponse

Token = Annotated[str, Path(max_length=64)]


@router.get(
    "/registries/shared/<token>",
    summary="Page: a gift registry's public page, without login",
    description="Its items with wanted and still-needed counts and a Buy link each; never its owner.",
    responses=apidoc.page(
        {
            200: apidoc.html_page(
                "The registry.", {"X-Robots-Tag": {"description": "noindex", "schema": {"type": "string"}}}
            )
        },
        {404: "The store has not switched gift registries on, or the link is not a live registry's."},
    ),
    middlewares=[offered],
)
def shared_page(token: Token) -> PageResponse:
    store = customer_store(router)
    shown = links.shared(store, token)
    for item in shown["items"]:
        if item["buy_url"]:
            item["buy_url"] = web_link(item["buy_url"])
    answer = page(
        router,
        store,
        "registry_shared",
        title=N_("Gift registry: %(title)s"),
        title_values={"title": shown["title"]},
        noindex=True,
        registry=shown,
    )
    answer.headers["X-Robots-Tag"] = "noindex"
    return answer
