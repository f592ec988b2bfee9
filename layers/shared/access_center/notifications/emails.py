"""What every email shares, rendered from templates/email/ (HTML and its plain-text twin): the sender,
the store as emails show it; and the login code email.

Each feature's notices.py composes its emails with these (the order confirmation and the shipping
updates: orders.notices; what every email about an order shares: orders.emails); sending is aws.ses.
Imported only by the functions that send mail, so the others do not pay for jinja2 at cold start.
"""

from __future__ import annotations

import re
from dataclasses import replace
from email.utils import formataddr
from typing import Any

from access_center.aws.ses import Email
from access_center.core.config import settings
from access_center.stores.logic import Store
from access_center.web.colours import DEFAULT_BRAND, is_colour, text_colour_on
from access_center.web.format import web_link
from access_center.web.render import render_template

# One bare address: nothing that could add a recipient or split a header.
ONE_ADDRESS = re.compile(r"^[^\s@<>,;\"]+@[^\s@<>,;\"]+$")


def sender_of(store: Store) -> tuple[str, str | None]:
    """(From, Reply-To): the store's own `from_email` only on the domain SES verified for this store;
    otherwise the platform's address under the store's name, with replies to its support email. So
    no store can send as another store's (or anyone's) address."""
    from_email = store.settings.from_email
    own_domain = from_email is not None and from_email.rpartition("@")[2].lower() == store.sender_domain
    support = store.settings.support_email
    reply_to = support if support is not None and ONE_ADDRESS.match(support) else None
    if store.sender_verified and own_domain:
        return formataddr((store.name, str(from_email))), reply_to
    return formataddr((store.name, settings().platform_sender_email)), reply_to


def compose_email(template: str, store: Store, to: str, subject: str, **context: Any) -> Email:
    colour = store.settings.brand_color
    brand = colour if colour is not None and is_colour(colour) else DEFAULT_BRAND
    values = {
        "store": store.settings,
        "subject": subject,
        "on_brand": text_colour_on(brand),  # the header's text on the brand colour (base.html)
        **context,
    }
    sender, reply_to = sender_of(store)
    return Email(
        to=to,
        sender=sender,
        subject=subject,
        html=render_template(f"email/{template}.html", values),
        text=render_template(f"email/{template}.txt", values),
        reply_to=reply_to,
        tenant=store.email_tenant,  # the store's own reputation, where it has its own domain
    )


def login_code_email(store: Store, to: str, code: str | None, link_url: str, failures: int = 0) -> Email:
    """The code (None: typed codes are off after too many wrong tries) and the one-click sign-in link."""
    store = presentable(store)  # a one-line name: it goes into the subject
    accent = store.settings.brand_color or DEFAULT_BRAND
    subject = f"Your {store.name} login code" if code else f"Your {store.name} login link (codes are off: use the link)"
    return compose_email(
        "login_code",
        store,
        to,
        subject=subject,
        code=code,
        minutes=settings().code_ttl_seconds // 60,
        link_url=link_url,
        link_minutes=settings().link_ttl_seconds // 60,
        failures=failures,
        accent=accent,
        accent_text=text_colour_on(accent),
    )


def one_line(text: str) -> str:
    return " ".join(text.split())


def order_ref(number: str) -> str:
    number = one_line(number)
    return number if number.startswith("#") else f"#{number}"


def presentable(store: Store) -> Store:
    """The store as emails show it: a one-line name, and only a well-formed colour and an https logo
    (settings are validated on the way in; this keeps older or hand-written items from breaking out of
    an inline style or loading a logo over http)."""
    written = store.settings
    shown = written._replace(
        name=one_line(written.name) or store.store_id,
        brand_color=written.brand_color if is_colour(written.brand_color) else None,
        logo_url=web_link(written.logo_url) or None,
        support_email=written.support_email
        if written.support_email and ONE_ADDRESS.match(written.support_email)
        else None,
    )
    return replace(store, settings=shown)
