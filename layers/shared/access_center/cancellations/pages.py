"""The cancellation request on the order page (PagesFunction): the form while the order can still be
cancelled, then where the request stands; the form posts here and comes back to the order page.
Works without JavaScript."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler.api_gateway import Router

from access_center.cancellations import logic, rules
from access_center.core.errors import BadRequest
from access_center.orders import rules as order_rules
from access_center.orders.pages import Panel
from access_center.stores.logic import Store
from access_center.web import apidoc
from access_center.web.customer import customer
from access_center.web.order_routes import order_page_route
from access_center.web.pages import PageResponse, checked_form, redirect
from access_center.web.requests import OrderId

router = Router()
MAX_REASON_CHARS = 1000


def panel(store: Store, email: str, order: dict[str, Any]) -> Panel | None:
    """What the order page shows: the request and the store's answer, else the form where it is allowed."""
    request = order.get("cancellation")
    if request is None and not rules.can_request(order, logic.enabled(store)):
        return None
    # A co-viewer (sticky contact) sees where the request stands, but gets no form: only the buyer may ask.
    co_viewer = None if order_rules.may_act(order, email) else order_rules.CO_VIEWER
    return Panel("_cancellation.html", {"request": request, "order_id": order["order_id"], "co_viewer": co_viewer})


@order_page_route(
    router,
    "POST",
    "/orders/<order_id>/cancellation",
    summary="Page: ask the store to cancel this order (the order page's form)",
    openapi_extensions=apidoc.form("reason", "csrf", required=("csrf",)),
    ok={
        303: apidoc.no_body(
            "Requested: back to the order page, which shows the request (no session: to the login page).",
            apidoc.REDIRECT,
        )
    },
    errors={
        400: "A reason over 1,000 characters.",
        403: "The form's token is missing or stale (reload the order page).",
        409: "The order can no longer be cancelled here; the page says why.",
    },
)
def request_cancellation(order_id: OrderId) -> PageResponse:
    who = customer(router)
    form = checked_form(router)
    # The JSON route's rule (models.Reason), without building a model in the pages' function.
    reason = form.get("reason", "").strip()
    if len(reason) > MAX_REASON_CHARS:
        raise BadRequest("Keep the reason under 1,000 characters.")
    logic.request(who.store, who.email, order_id, reason or None)
    return redirect(f"{who.store.account_path}/orders/{order_id}#cancellation")
