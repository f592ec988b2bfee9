"""Issue a login code and email it where the store knows the email: one path for the JSON route and
the login page, so both keep the same rules and the same no-enumeration answer."""

from __future__ import annotations

from access_center import login, mailer
from access_center.db.orders import get_contact
from access_center.observability import count
from access_center.stores import Store


def send_code(store: Store, email: str, ip: str) -> None:
    """Raises RateLimited when throttled; otherwise returns the same way for known and unknown emails."""
    issued = login.issue_code(store, email, ip)
    if get_contact(store.store_id, email) is None:
        count("CodesWithheld")
        return
    mailer.send(mailer.login_code_email(store, issued.email, issued.code))
    count("CodesSent")
