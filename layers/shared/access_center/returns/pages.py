"""Returns on the order page (PagesFunction): each return with its number, state, the store's message
and the return label; and, while something shipped can still be returned, the form (a quantity and a
reason per line, a comment), which posts here and comes back to the order page. Works without JavaScript.
The form is read by the JSON route's model (ReturnForm: ReturnIn's lines built from the form's fields);
a refused request shows the order page again with the form as it was typed (web.forms)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, Any, cast

from aws_lambda_powertools.event_handler.api_gateway import BaseRouter, Router
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from pydantic import ConfigDict

from access_center.account.customer import customer
from access_center.account.form_pages import check_token, refused_fields, refused_post
from access_center.account.languages import use_page_language
from access_center.account.order_page_routes import order_page_route
from access_center.companies.rules import Action
from access_center.core import clock
from access_center.core.errors import Conflict, DomainError, Unprocessable
from access_center.core.i18n import N_, _
from access_center.core.text import MULTILINE_PROBLEM
from access_center.orders import pages as order_pages
from access_center.orders.acting import Viewer
from access_center.orders.logic import SeenOrder
from access_center.orders.pages import Panel
from access_center.returns import logic, rules
from access_center.returns.models import ReturnIn
from access_center.stores.logic import Store
from access_center.web import apidoc
from access_center.web.format import web_link
from access_center.web.forms import (
    PageForm,
    Refusal,
    posted,
    posted_values,
    refused_form,
    route_args,
    sentence_for,
    show_again,
    shown_again_by,
)
from access_center.web.pages import PageResponse, redirect
from access_center.web.requests import OrderId

if TYPE_CHECKING:
    from access_center.returns.shapes import RequestedLine

router = Router()
FORM = "returns"  # the form's name for web.forms
LABELS = {
    "damaged": N_("Damaged or defective"),
    "wrong_item": N_("Wrong item sent"),
    "not_as_described": N_("Not as described"),
    "no_longer_needed": N_("No longer needed"),
    # Translators: a reason to return an item, the last in the list ("Other" reason).
    "other": N_("Other"),
}
WHOLE_NUMBER = N_("Enter how many to return as a whole number.")
NOTHING_CHOSEN = N_("Choose how many of at least one item to return.")
NOT_A_REASON = N_("Choose one of the reasons in the list.")
TOO_MANY = N_("More than can be returned of the marked item: what has shipped, less what is already being returned.")
# What the comment's model may refuse (by the text rule's problem, or pydantic's type), a sentence each.
COMMENT_PROBLEMS = {
    "string_too_long": N_("Keep the comment under 1,000 characters."),
    "string_too_short": N_("Write a comment, or leave the comment box empty."),
    MULTILINE_PROBLEM: N_("The comment must be text without control or invisible direction characters."),
}


def _as_posted(schema: dict[str, Any]) -> None:
    """openapi.json shows the form's fields as a browser posts them: one pair per order line, not `items`."""
    schema["properties"].pop("items", None)
    schema["required"] = [name for name in schema.get("required", ()) if name != "items"]
    schema["patternProperties"] = {
        "^quantity:": {"type": "string", "description": "How many of line `{line_id}` to return (0: none)."},
        "^reason:": {"type": "string", "description": "Why line `{line_id}` goes back: one of the store's reasons."},
    }


class ReturnForm(ReturnIn, PageForm):
    """The order page's return form: the JSON request's lines, from a `quantity:{line_id}` and a
    `reason:{line_id}` field per order line (a blank or 0 quantity is a line not chosen), its comment,
    and the form's token. Other fields are ignored."""

    model_config = ConfigDict(json_schema_extra=_as_posted)

    @classmethod
    def from_fields(cls, fields: dict[str, str]) -> dict[str, Any]:
        fields = super().from_fields(fields)
        items = []
        for name, value in fields.items():
            kind, _, line_id = name.partition(":")
            if kind != "quantity" or not value:
                continue
            # ASCII digits only (`²` and `①` pass str.isdigit()); anything else is left for the model to refuse.
            quantity: int | str = int(value) if re.fullmatch(r"[0-9]{1,7}", value.strip()) else value
            if quantity == 0:
                continue
            reason = fields.get(f"reason:{line_id}", "")
            items.append({"line_id": line_id, "quantity": quantity, **({"reason": reason} if reason else {})})
        return {"items": items, "comment": fields.get("comment", ""), "csrf": fields.get("csrf", "")}


def panel(store: Store, viewer: Viewer, seen: SeenOrder) -> Panel | None:
    order = seen.view
    existing = [
        {**r, "label": web_link(r.get("label_url")) if r["status"] == "approved" else None}
        for r in reversed(order.get("returns") or [])
    ]
    now = clock.iso(clock.now())
    open_form = rules.refusal(order, store.settings, now) is None
    # A request just refused (the order takes no return now) is shown here, saying why.
    if not existing and not open_form and not refused_form(router).about(FORM):
        return None
    # A co-viewer (sticky contact) or a read-only role sees the returns, but gets no form.
    why_not = seen.access.why_not(Action.RETURN)
    co_viewer = None if why_not is None else _(why_not)
    open_form = open_form and co_viewer is None
    left = rules.returnable(order, store.settings, now) if open_form else {}
    lines = [
        {"line_id": item["line_id"], "name": item["name"], "left": left[item["line_id"]]}
        for item in order["items"]
        if left.get(item["line_id"])
    ]
    # (code, label, shipped): the shipped reasons' labels are translated where shown; a store's own are its words.
    reasons = [(code, LABELS.get(code, code), code in LABELS) for code in rules.reasons(store.settings)]
    days = rules.window_days(store.settings)
    context = {"order_id": order["order_id"], "returns": existing, "lines": lines, "reasons": reasons, "days": days}
    context["co_viewer"] = co_viewer
    return Panel("_returns.html", context)


def _shown_again(page_router: BaseRouter, error: RequestValidationError) -> PageResponse:
    """The order page with the form the model refused: as typed, the error beside the field (nothing written)."""
    values = refused_post(page_router, signed_in=True)
    # Before the middleware that sets the page's language: the panels' texts are in it too.
    use_page_language(page_router, customer(page_router).store, signed_in_now=True)
    order_id = route_args(page_router).get("order_id", "")
    return _again(page_router, order_id, _model_refusal(error, values))


def _model_refusal(error: RequestValidationError, values: dict[str, str]) -> Refusal:
    """Where the model's first error is shown, in the page's words (ids of _returns.html)."""
    lines = [str(item["line_id"]) for item in ReturnForm.from_fields(values)["items"]]
    where, kind = refused_fields(error)[0], str(error.errors()[0].get("type", ""))
    chosen = tuple(f"quantity-{name.partition(':')[2]}" for name in values if name.startswith("quantity:"))
    if where == ("comment",):
        message = sentence_for(error, COMMENT_PROBLEMS, N_("Check the comment and try again."))
        return Refusal(FORM, message, "return-comment", ("return-comment",), values)
    if where == ("items",):
        message = NOTHING_CHOSEN if kind == "too_short" else N_("Return at most 100 lines at once.")
        return Refusal(FORM, message, "return-lines", chosen, values)
    if len(where) == 3 and where[0] == "items" and where[1].isdigit() and int(where[1]) < len(lines):
        line = lines[int(where[1])]
        if where[2] == "quantity":
            message = TOO_MANY if kind == "less_than_equal" else WHOLE_NUMBER
            return Refusal(FORM, message, "return-lines", (f"quantity-{line}",), values)
        if where[2] == "reason":
            return Refusal(FORM, NOT_A_REASON, "return-lines", (f"reason-{line}",), values)
    return Refusal(
        FORM, N_("This form could not be read. Reload the order page and try again."), "return-lines", (), values
    )


def _again(page_router: BaseRouter, order_id: str, refusal: Refusal) -> PageResponse:
    return show_again(page_router, refusal, lambda: order_pages.order_page(order_id))


@order_page_route(
    router,
    "POST",
    "/orders/<order_id>/returns",
    summary="Page: ask to return items of this order (the order page's form)",
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
@shown_again_by(_shown_again)
def request_return(order_id: OrderId, form: Annotated[ReturnForm, posted()]) -> PageResponse:
    who = customer(router)
    check_token(router, form.csrf)
    lines = [cast("RequestedLine", line.model_dump()) for line in form.items]  # as ReturnLineIn validated them
    try:
        logic.request(who.store, Viewer.of(who), order_id, lines, form.comment)
    except (Conflict, Unprocessable) as refused:
        # The order page again, with what was typed and the error beside the field: nothing was written.
        return _again(router, order_id, _refusal(refused, posted_values(router)))
    return redirect(f"{who.store.account_path}/orders/{order_id}#returns")


def _refusal(error: DomainError, values: dict[str, str]) -> Refusal:
    """Where the return form shows the logic's refusal (its ids are _returns.html's), in the page's words."""
    lines = [str(d["line_id"]) for d in error.details or () if isinstance(d, dict) and "line_id" in d]
    if isinstance(error, Conflict):  # the order takes no return now: no field to fix
        return Refusal(FORM, error.text, "returns-heading", (), values, error.status, error.values)
    if any("reasons" in d for d in error.details or ()):
        fields = tuple(f"reason-{line}" for line in lines)
        return Refusal(FORM, NOT_A_REASON, "return-lines", fields, values, error.status)
    fields = tuple(f"quantity-{line}" for line in lines)
    message, params = (TOO_MANY, {}) if lines else (error.text, error.values)
    return Refusal(FORM, message, "return-lines", fields, values, error.status, params)
