"""POST /store/account/api/contact, the contact form's JSON (ContactFunction; API.md section 12), signed
in or not. The Contact page does the same without JavaScript (contact.pages). 404 while the store has
`contact_form_enabled` off."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import BaseRouter, Response, Router

from access_center.account.customer import resolve_signed_in
from access_center.contact import logic
from access_center.contact.models import ContactIn
from access_center.core.errors import Unauthorized
from access_center.stores.requests import customer_address, customer_store
from access_center.web import apidoc
from access_center.web.requests import JSON, json_response

router = Router()


def signed_in_email(app: BaseRouter) -> str | None:
    """The email of the request's live session at this store, None without one (signed out, or ended)."""
    try:
        return resolve_signed_in(app).email
    except Unauthorized:
        return None


@router.post(
    "/api/contact",
    summary="Write to the store (signed in or not)",
    description=(
        "The message reaches the store's `support_email` with Reply-To the sender, and the store hears"
        " `ContactMessage`. Signed in (the session cookie), it is from the customer's email: `email` may be"
        " left out or repeat it, any other is 422; `order_id` may name one of the customer's orders (it shows"
        " in the store's email by its number). Signed out, `email` is required and is only ever a Reply-To:"
        " nothing is sent to it. `order_id` signed out is 422."
    ),
    responses=apidoc.customer(
        {202: apidoc.json_body("ContactSent", "Accepted: the store's support address is emailed shortly.")},
        {
            400: "A subject over 200 characters or with a line break or control character, a body over 5,000"
            " characters, a bad email, an unknown field.",
            404: "The store has no contact form (`contact_form_enabled` off), or `order_id` is no order of the"
            " signed-in customer's.",
            422: "Signed out without `email`, or with `order_id`; signed in with another `email`.",
            429: "Past 5 messages an hour from this email at the store, or from this address.",
        },
    ),
)
def send_message(body: ContactIn) -> Response[JSON]:
    store = customer_store(router)
    logic.require_on(store)  # before the session's read: the feature does not exist here
    logic.send(
        store,
        subject=body.subject,
        body=body.body,
        email=body.email,
        order_id=body.order_id,
        signed_in_as=signed_in_email(router),
        address=customer_address(router, store),
    )
    return json_response(202, {"status": "sent"})
