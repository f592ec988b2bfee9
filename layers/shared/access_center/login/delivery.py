"""Login codes: issued on the request, emailed off the response path.

The request does the same work for every email, known at this store or not (throttle, new code
state, one queue message), so neither its answer nor its timing tells whether the email has orders
here. The queue consumer decides whether to email the code, and emails only the code that is still
live, computed again from its counter (the message carries no code).
"""

from __future__ import annotations

from urllib.parse import quote

from access_center.aws import sqs
from access_center.carts.storage import has_carts
from access_center.companies.storage import get_membership
from access_center.core import i18n
from access_center.core.errors import NotFound
from access_center.core.observability import count
from access_center.login import codes
from access_center.orders.storage import get_contact
from access_center.quotes.storage import has_quotes
from access_center.stores.logic import Store, get_store


def send_code(store: Store, email: str, ip: str) -> None:
    """Raises RateLimited when throttled; otherwise returns the same way for known and unknown emails.
    The page's language goes with the code: the mailer runs later, outside this request."""
    issued = codes.issue_code(store, email, ip)
    sqs.enqueue_login_code(issued.store_id, issued.email, issued.counter, i18n.current_language())


def _known(store_id: str, email: str) -> bool:
    """A contact from an order, a member of one of the store's companies (API.md section 11), or a customer
    the store saved a cart for or sent a quote (section 12: its email may link them). Each is a key lookup
    or a one-item Query, asked only while the ones before found nothing."""
    return (
        get_contact(store_id, email) is not None
        or get_membership(store_id, email) is not None
        or has_carts(store_id, email)
        or has_quotes(store_id, email)
    )


def deliver(store_id: str, email: str, counter: int, page_language: str | None = None) -> bool:
    """Email the code named by `counter` if the store knows the email and the code is still live, in the
    customer's language (notifications.languages; `page_language`: the page's that asked for it).
    Returns whether an email went out. Raises on failures worth retrying (SES, DynamoDB)."""
    try:
        store = get_store(store_id)
    except NotFound:
        count("CodesWithheld")
        return False
    if not _known(store_id, email):
        count("CodesWithheld")
        return False
    live = codes.live_code(store_id, email)
    if live is None or live.counter != counter:
        count("CodesSuperseded")  # used, expired, or replaced by a newer code (whose message follows)
        return False
    link = store.public_url(f"/login/link?email={quote(email, safe='@')}&token={live.link_token}")
    if link is None:  # no connected domain: nowhere to sign in
        count("CodesWithheld")
        return False
    from access_center.aws import ses
    from access_center.notifications.emails import login_code_email  # jinja2 only where an email is rendered
    from access_center.notifications.languages import email_language

    language = email_language(store, email, page_language=page_language)
    ses.send(login_code_email(store, email, live.code, link, live.failures_since_login, language=language))
    count("CodesSent" if live.code else "LinksSentWithoutCode")
    return True
