"""Returns on the order page (PagesFunction): each return with its number, state, the store's message
and the return label; and, while something shipped can still be returned, the form (a quantity and a
reason per line, a comment), which posts here and comes back to the order page. Works without JavaScript.
A refused request shows the order page again with the form as it was typed (web.forms)."""

from __future__ import annotations

import re
from typing import Any

from aws_lambda_powertools.event_handler.api_gateway import Router

from access_center.core import clock
from access_center.core.errors import BadRequest, Conflict, DomainError, Unprocessable
from access_center.orders import pages as order_pages
from access_center.orders import rules as order_rules
from access_center.orders.pages import Panel
from access_center.returns import logic, rules
from access_center.stores.logic import Store
from access_center.web import apidoc
from access_center.web.customer import customer
from access_center.web.format import web_link
from access_center.web.forms import Refusal, show_again
from access_center.web.order_page_routes import order_page_route
from access_center.web.pages import PageResponse, checked_form, redirect
from access_center.web.requests import OrderId

router = Router()
MAX_COMMENT_CHARS = 1000
LABELS = {
    "damaged": "Damaged or defective",
    "wrong_item": "Wrong item sent",
    "not_as_described": "Not as described",
    "no_longer_needed": "No longer needed",
    "other": "Other",
}


def panel(store: Store, email: str, order: dict[str, Any]) -> Panel | None:
    existing = [
        {**r, "label": web_link(r.get("label_url")) if r["status"] == "approved" else None}
        for r in reversed(order.get("returns") or [])
    ]
    now = clock.iso(clock.now())
    open_form = rules.refusal(order, store.settings, now) is None
    if not existing and not open_form:
        return None
    # A co-viewer (sticky contact) sees the returns, but gets no form: only the buyer may return.
    co_viewer = None if order_rules.may_act(order, email) else order_rules.CO_VIEWER
    open_form = open_form and co_viewer is None
    left = rules.returnable(order, store.settings, now) if open_form else {}
    lines = [
        {"line_id": item["line_id"], "name": item["name"], "left": left[item["line_id"]]}
        for item in order["items"]
        if left.get(item["line_id"])
    ]
    reasons = [(code, LABELS.get(code, code)) for code in rules.reasons(store.settings)]
    days = rules.window_days(store.settings)
    context = {"order_id": order["order_id"], "returns": existing, "lines": lines, "reasons": reasons, "days": days}
    context["co_viewer"] = co_viewer
    return Panel("_returns.html", context)


@order_page_route(
    router,
    "POST",
    "/orders/<order_id>/returns",
    summary="Page: ask to return items of this order (the order page's form)",
    openapi_extensions=apidoc.form("comment", "csrf", required=("csrf",)),
    description="Fields `quantity:{line_id}` and `reason:{line_id}` per line to return.",
    ok={
        303: apidoc.no_body(
            "Requested: back to the order page, which shows the return (no session: to the login page).",
            apidoc.REDIRECT,
        )
    },
    errors={
        400: "No item chosen, a quantity that is not a whole number, or a comment over 1,000 characters: "
        "the order page again, with what was typed and the error beside the field.",
        403: "The form's token is missing or stale (reload the order page).",
        409: "The order takes no return now: the order page again, saying why.",
        422: "More than can be returned of a line, or a reason not in the store's list: the order page again, "
        "with what was typed and the error beside the field.",
    },
)
def request_return(order_id: OrderId) -> PageResponse:
    who = customer(router)
    form = checked_form(router, max_fields=2 * 500 + 4)
    try:
        lines, comment = _asked(form)
        logic.request(who.store, who.email, order_id, lines, comment)
    except (BadRequest, Conflict, Unprocessable) as refused:
        # The order page again, with what was typed and the error beside the field: nothing was written.
        return show_again(router, _refusal(refused, form), lambda: order_pages.order_page(order_id))
    return redirect(f"{who.store.account_path}/orders/{order_id}#returns")


def _asked(form: dict[str, str]) -> tuple[list[dict[str, Any]], str | None]:
    """The lines asked for (quantity above 0) and the comment; BadRequest naming the field otherwise."""
    lines = []
    for name, value in form.items():
        if not name.startswith("quantity:") or not value.strip():
            continue
        # ASCII digits only: `²` and `①` pass str.isdigit() but int() refuses them (was a 500).
        if not re.fullmatch(r"[0-9]{1,7}", value.strip()):
            raise BadRequest("Enter how many to return as a whole number.", details=[{"field": name}])
        quantity = int(value)
        if quantity:
            line_id = name.partition(":")[2]
            lines.append({"line_id": line_id, "quantity": quantity, "reason": form.get(f"reason:{line_id}", "")})
    if not lines:
        raise BadRequest("Choose how many of at least one item to return.", details=[{"field": "quantity"}])
    comment = form.get("comment", "").strip()
    if len(comment) > MAX_COMMENT_CHARS:
        raise BadRequest("Keep the comment under 1,000 characters.", details=[{"field": "comment"}])
    return lines, comment or None


def _refusal(error: DomainError, form: dict[str, str]) -> Refusal:
    """Where the return form shows `error` (its ids are _returns.html's), in the page's words."""
    asked = [name.partition(":")[2] for name in form if name.startswith("quantity:")]
    about = [str(d.get("field") or "") for d in error.details or () if isinstance(d, dict)]
    lines = [str(d["line_id"]) for d in error.details or () if isinstance(d, dict) and "line_id" in d]
    message, near, fields = error.message, "return-lines", tuple(f"quantity-{line}" for line in asked)
    if about == ["comment"]:
        near, fields = "return-comment", ("return-comment",)
    elif about and about[0].startswith("quantity:"):
        fields = (f"quantity-{about[0].partition(':')[2]}",)
    elif isinstance(error, Conflict):  # the order takes no return now: no field to fix
        near, fields = "returns-heading", ()
    elif any("reasons" in d for d in error.details or ()):
        message, fields = "Choose one of the reasons in the list.", tuple(f"reason-{line}" for line in lines)
    elif lines:
        message = "More than can be returned of the marked item: what has shipped, less what is already being returned."
        fields = tuple(f"quantity-{line}" for line in lines)
    return Refusal("returns", message, near, fields, form, error.status)
