"""The Contact page (ListPagesFunction), without JavaScript, signed in or not: the page twin of
POST /api/contact. Signed out it asks for the email the store should answer; signed in it says which
email the message goes from and offers the customer's recent orders to ask about (optional). Its one
form posts to the page's own address; a message sent comes back to the page, which says so (303, so a
reload sends nothing twice). A refused form is the page again with what was typed and the error beside
its field (web.forms): 400 for what the model refuses, 422, 404 (not one of the customer's orders) and
429 (with Retry-After) as the JSON route answers. A store with the form off has no such page (404)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from aws_lambda_powertools.event_handler.api_gateway import BaseRouter, Router
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.event_handler.openapi.params import Query
from pydantic import Field, ValidationError

from access_center.account.customer import SignedIn, remember, resolve_signed_in, signed_in_or_none
from access_center.account.form_pages import check_token, refused_fields, refused_post
from access_center.account.languages import use_page_language
from access_center.account.pages import page
from access_center.contact import logic
from access_center.contact.models import MAX_BODY, MAX_SUBJECT, ContactIn
from access_center.core.errors import NotFound, RateLimited, Unauthorized, Unprocessable
from access_center.core.i18n import N_
from access_center.core.text import ONE_LINE_PROBLEM
from access_center.stores.logic import Store
from access_center.stores.requests import customer_address, customer_store
from access_center.web import apidoc
from access_center.web.forms import PageForm, Refusal, posted, sentence_for, show_again, shown_again_by
from access_center.web.pages import PageResponse, redirect

router = Router()
FORM = "contact"
OFF = "The store has no contact form (`contact_form_enabled` off)."
# Marked here, translated where shown (contact.html), once the page's language is known.
FIELD_SENTENCES = {
    "subject": {
        "string_too_short": N_("Enter a subject."),
        "missing": N_("Enter a subject."),
        "string_too_long": N_("Keep the subject under 200 characters."),
        ONE_LINE_PROBLEM: N_("The subject must be one line of text, without control characters."),
    },
    "body": {
        "string_too_short": N_("Write your message."),
        "missing": N_("Write your message."),
        "string_too_long": N_("Keep the message under 5,000 characters."),
    },
    "email": {"missing": N_("Enter your email, so that the store can answer you.")},
    "order_id": {},
}
OTHERWISE = {
    "subject": N_("The subject must be one line of text, without control characters."),
    "body": N_("The message must be text, without control or invisible direction characters."),
    "email": N_("Enter an email address, like name@example.com."),
    "order_id": N_("Choose one of your orders, or none."),
}
UNREADABLE = N_("This form could not be read. Reload the page and try again.")
NOT_YOUR_ORDER = N_("Choose one of your orders, or none.")


def _who(app: BaseRouter, store: Store) -> SignedIn | None:
    """The signed-in customer, if any (remembered for the page's frame, in their language)."""
    try:
        who = resolve_signed_in(app)
    except Unauthorized:
        return None
    remember(app, who)
    use_page_language(app, store, signed_in_now=True)
    return who


def _page(sent: bool = False) -> PageResponse:
    store = customer_store(router)
    who = signed_in_or_none(router)
    return page(
        router,
        store,
        "contact",
        title=N_("Contact the store"),
        nav="account" if who is not None else None,
        sent=sent,
        orders=logic.recent_orders(store, who.email) if who is not None else [],
        max_subject=MAX_SUBJECT,
        max_body=MAX_BODY,
    )


@router.get(
    "/contact",
    summary="Page: write to the store, signed in (optionally about an order) or not (with an email to answer)",
    responses=apidoc.page({200: apidoc.html_page("The contact page.")}, {404: OFF}),
)
def contact_page(sent: Annotated[str | None, Query(max_length=1)] = None) -> PageResponse:
    store = customer_store(router)
    logic.require_on(store)
    _who(router, store)
    return _page(sent == "1")


class ContactForm(PageForm):
    """The page's form: `subject`, `body`, signed out `email`, signed in optionally `order_id` (blank:
    none), and the form's token. The lengths and the one-line rule are the JSON route's (ContactIn)."""

    subject: Annotated[str, Field(max_length=MAX_SUBJECT * 2)] = ""
    body: Annotated[str, Field(max_length=MAX_BODY * 2)] = ""
    email: Annotated[str, Field(max_length=320)] = ""
    order_id: Annotated[str, Field(max_length=128)] = ""


def field_id(field: str) -> str:
    """The id of a field of the form (contact.html): `contact-subject`, ..., `contact-order`."""
    return "contact-order" if field == "order_id" else f"contact-{field}"


def _refused(field: str, message: str, values: dict[str, str], status: int, **params: object) -> Refusal:
    return Refusal(FORM, message, field_id(field), (field_id(field),), values, status, params)


def _refuse(refusal: Refusal) -> PageResponse:
    return show_again(router, refusal, _page)


def _shown_again(page_router: BaseRouter, error: RequestValidationError) -> PageResponse:
    """The page again with what was typed (nothing written): only a form too long gets here."""
    store = customer_store(page_router)
    logic.require_on(store)
    _who(page_router, store)
    values = refused_post(page_router, signed_in=False)
    fields = refused_fields(error)
    field = fields[0][0] if fields and fields[0] and fields[0][0] in OTHERWISE else ""
    if not field:
        return _refuse(Refusal(FORM, UNREADABLE, "contact-body", (), values, 400))
    message = sentence_for(error, FIELD_SENTENCES[field], OTHERWISE[field])
    return _refuse(_refused(field, message, values, 400))


def _checked(form: ContactForm, signed_in: bool) -> ContactIn | Refusal:
    """The form as the JSON route would take it, or the refusal of its first wrong field."""
    values = {k: v for k, v in form.model_dump().items() if k != "csrf"}
    wanted = {
        "subject": form.subject,
        "body": form.body,
        **({"order_id": form.order_id} if signed_in and form.order_id else {}),
        **({"email": form.email} if not signed_in and form.email else {}),
    }
    try:
        return ContactIn.model_validate(wanted)
    except ValidationError as error:  # the first wrong field, in its page's words
        errors = error.errors()
        first: Mapping[str, Any] = dict(errors[0]) if errors else {}
        field = str((first.get("loc") or ("body",))[0])
        field = field if field in OTHERWISE else "body"
        raised = (first.get("ctx") or {}).get("error")
        sentences = FIELD_SENTENCES[field]
        key = getattr(raised, "message", None) if raised is not None else None
        message = sentences.get(str(key), sentences.get(str(first.get("type", "")), OTHERWISE[field]))
        return _refused(field, message, values, 400)


@router.post(
    "/contact",
    summary="Page: send the contact form (`subject`, `body`; signed out `email`; signed in optionally `order_id`)",
    responses=apidoc.page(
        {303: apidoc.no_body("Sent: back to the page, which says so (the store's email follows).", apidoc.REDIRECT)},
        {
            400: "A field missing, too long or with a line break where one line is wanted: the page again.",
            403: "The form's token is missing or stale (reload the page).",
            404: OFF + " Or an order that is not the customer's: the page again.",
            422: "Signed out without an email: the page again.",
            429: "Past 5 messages an hour from this email or address: the page again, with Retry-After.",
        },
        form=True,
    ),
)
@shown_again_by(_shown_again)
def send_form(form: Annotated[ContactForm, posted()]) -> PageResponse:
    store = customer_store(router)
    logic.require_on(store)
    who = _who(router, store)
    check_token(router, form.csrf)
    checked = _checked(form, who is not None)
    if isinstance(checked, Refusal):
        return _refuse(checked)
    values = {k: v for k, v in form.model_dump().items() if k != "csrf"}
    try:
        logic.send(
            store,
            subject=checked.subject,
            body=checked.body,
            email=checked.email,
            order_id=checked.order_id,
            signed_in_as=who.email if who is not None else None,
            address=customer_address(router, store),
        )
    except RateLimited as limited:
        shown = _refuse(_refused("body", limited.text, values, 429, **limited.values))
        shown.headers["Retry-After"] = str(limited.retry_after)
        return shown
    except NotFound:  # not one of the customer's orders (the switch was checked above)
        return _refuse(_refused("order_id", NOT_YOUR_ORDER, values, 404))
    except Unprocessable as refused:  # signed out without an email (the page sends no other)
        return _refuse(_refused("email", refused.text, values, 422, **refused.values))
    return redirect(f"{store.account_path}/contact?sent=1")
