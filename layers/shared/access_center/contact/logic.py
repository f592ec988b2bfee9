"""The contact form (API.md section 12): a message from a signed-in customer or a signed-out visitor to
the store's `support_email`, with Reply-To the sender. The request only writes it (contact.storage); the
Messages table's stream emails the store and tells it `ContactMessage` (contact.notices), so the answer
never waits on SES and a failed send is retried. Nothing is ever sent to the email a visitor typed.

Limits: 5 messages an hour per sender's email at the store and per client address (sliding hours, counted
atomically before the write: of racing requests at most 5 pass). Refused input counts nothing: the model
refuses it before any logic runs, a wrong order before the counters. A store that has the form off has
none (NotFound), signed in or not."""

from __future__ import annotations

import secrets

from access_center.contact import rules
from access_center.contact import storage as db
from access_center.contact.shapes import ContactMessage, RecentOrder
from access_center.core import clock
from access_center.core.errors import NotFound
from access_center.core.i18n import N_
from access_center.core.observability import count
from access_center.db import rates
from access_center.orders import lists
from access_center.orders.acting import Viewer
from access_center.orders.logic import seen_by
from access_center.stores.logic import Store

PER_HOUR = 5  # per sender's email at a store, and per client address (API.md section 12)
RECENT_ORDERS = 10  # the page's select of orders to ask about
NOT_HERE = N_("This store has no contact form.")
TOO_MANY = N_("You have sent 5 messages in the last hour. Try again later.")


def require_on(store: Store) -> None:
    """NotFound where the store has switched the contact form off: the feature does not exist there."""
    if not store.settings.contact_form_enabled:
        raise NotFound(NOT_HERE)


def send(
    store: Store,
    *,
    subject: str,
    body: str,
    email: str | None,
    order_id: str | None,
    signed_in_as: str | None,
    address: str,
) -> ContactMessage:
    """Write the message for the store (the stream emails it); answers it as stored. Unprocessable for a
    missing or conflicting email, or an order named signed out; NotFound for an order the customer does
    not see; RateLimited past the hour's budget of the email or of the address."""
    require_on(store)
    sender = rules.sender(signed_in_as, email)
    rules.check_order_reference(signed_in_as is not None, order_id)
    message: ContactMessage = {
        "store_id": store.store_id,
        "message_id": "c" + secrets.token_hex(8),
        "email": sender,
        "subject": subject,
        "body": body,
        "signed_in": signed_in_as is not None,
        "sent_at": "",
    }
    if order_id:
        seen = seen_by(Viewer(store.store_id, sender), order_id)  # NotFound unless the customer sees it
        message["order_id"], message["order_number"] = order_id, str(seen.view["number"])
    now = clock.now()
    # The address first: a flood from one address then never spends the budget of the emails it types.
    # Per store: a busy address at one store (an office's shared network) costs nothing at another.
    rates.throttle("contact", f"{store.store_id}#ip#{address}", PER_HOUR, now, message=TOO_MANY)
    rates.throttle("contact", f"{store.store_id}#{sender}", PER_HOUR, now, message=TOO_MANY)
    message["sent_at"] = clock.iso(now)
    db.save(message)
    count("ContactMessagesSent")
    return message


def recent_orders(store: Store, email: str) -> list[RecentOrder]:
    """The signed-in customer's latest orders (one Query), for the page's optional select."""
    listed = lists.list_for_customer(Viewer(store.store_id, email), RECENT_ORDERS, None)
    return [
        {"order_id": str(o["order_id"]), "number": str(o["number"]), "placed_at": str(o["placed_at"])}
        for o in listed["orders"]
    ]
