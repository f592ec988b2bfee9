"""The erasure's confirmation email, sent by the mailer (LoginCodeMailerFunction: the only function
that sends customers email off a request) from the queue message privacy.erasure enqueued, in the
customer's language, while the request it names is still the live one."""

from __future__ import annotations

from access_center.core.errors import NotFound
from access_center.core.observability import count
from access_center.privacy import erasure
from access_center.stores.logic import get_store


def deliver(store_id: str, email: str, issued_at: int, page_language: str | None = None) -> bool:
    """Email the link of the request issued at `issued_at`; False when it is no longer live (used,
    replaced, expired) or the store has no domain for its page. Raises on failures worth retrying."""
    try:
        store = get_store(store_id)
    except NotFound:
        return False
    link = erasure.live_link(store, email, issued_at)
    if link is None:
        count("ErasureLinksWithheld")
        return False
    from access_center.aws import ses
    from access_center.notifications.emails import erasure_email  # jinja2 only where an email is rendered
    from access_center.notifications.languages import email_language

    language = email_language(store, email, page_language=page_language)
    ses.send(erasure_email(store, email, link, language=language))
    count("ErasureLinksSent")
    return True
