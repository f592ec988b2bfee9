"""What every email shares, rendered from templates/email/ (HTML and its plain-text twin): the sender,
the store as emails show it; and the login code email.

Each email is in one language (notifications.languages.email_language), given to compose_email: its
texts are written inside `i18n.speaking(language)` and its templates rendered in it (`<html lang>`).
The store's own subject and intro for that language and email (setting `email_texts`) replace the
shipped ones there; the intro is the first paragraph, escaped in the HTML part like any value.

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
from access_center.core.i18n import _, speaking
from access_center.stores import email_texts
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


def compose_email(template: str, store: Store, to: str, subject: str, *, language: str, **context: Any) -> Email:
    """The email `template` (also its kind in `email_texts`) in `language`, with the store's own subject
    and intro for that language where it wrote them."""
    colour = store.settings.brand_color
    brand = colour if colour is not None and is_colour(colour) else DEFAULT_BRAND
    texts = store.settings.email_texts
    subject = email_texts.override(texts, language, template, "subject") or subject
    values = {
        "store": store.settings,
        "subject": subject,
        "intro": email_texts.override(texts, language, template, "intro"),
        "on_brand": text_colour_on(brand),  # the header's text on the brand colour (base.html)
        **context,
    }
    sender, reply_to = sender_of(store)
    return Email(
        to=to,
        sender=sender,
        subject=subject,
        html=render_template(f"email/{template}.html", values, language),
        text=render_template(f"email/{template}.txt", values, language),
        reply_to=reply_to,
        tenant=store.email_tenant,  # the store's own reputation, where it has its own domain
    )


def login_code_email(
    store: Store, to: str, code: str | None, link_url: str, failures: int = 0, *, language: str
) -> Email:
    """The code (None: typed codes are off after too many wrong tries) and the one-click sign-in link."""
    store = presentable(store)  # a one-line name: it goes into the subject
    accent = store.settings.brand_color or DEFAULT_BRAND
    with speaking(language):
        if code:
            subject = _("Your %(store)s login code") % {"store": store.name}
        else:
            subject = _("Your %(store)s login link (codes are off: use the link)") % {"store": store.name}
    return compose_email(
        "login_code",
        store,
        to,
        subject=subject,
        language=language,
        code=code,
        minutes=settings().code_ttl_seconds // 60,
        link_url=link_url,
        link_minutes=settings().link_ttl_seconds // 60,
        failures=failures,
        accent=accent,
        accent_text=text_colour_on(accent),
    )


def erasure_email(store: Store, to: str, link_url: str, *, language: str) -> Email:
    """The link that confirms erasing the customer's account at the store (privacy.erasure)."""
    store = presentable(store)
    accent = store.settings.brand_color or DEFAULT_BRAND
    with speaking(language):
        subject = _("Confirm deleting your %(store)s account") % {"store": store.name}
    return compose_email(
        "erasure_confirmation",
        store,
        to,
        subject=subject,
        language=language,
        link_url=link_url,
        hours=24,
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
