"""The emails customers get, rendered from templates/email/ (HTML and its plain-text twin).

Which change sends which email is notifications.rules; sending is aws.ses. Imported only by the
functions that send mail, so the others do not pay for jinja2 at cold start.
"""

from __future__ import annotations

import re
from dataclasses import replace
from email.utils import formataddr
from typing import Any
from urllib.parse import quote

from access_center.aws.ses import Email
from access_center.core.config import settings
from access_center.orders import rules
from access_center.orders.models import Fulfilment, StoredOrder
from access_center.stores.logic import Store
from access_center.web.colours import DEFAULT_BRAND, is_colour, text_colour_on
from access_center.web.format import StoreFormat, plain_url, web_link
from access_center.web.render import render as render_template

# Size discipline: Gmail clips messages over ~102 KB, and an order may carry 500 lines of 500-character
# names. Emails list the first lines in full and point to the order page for the rest.
MAX_LINES_SHOWN = 30
MAX_NAME_CHARS = 120
MAX_SKU_CHARS = 40
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


def render(template: str, store: Store, to: str, subject: str, **context: Any) -> Email:
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
    )


def login_code_email(store: Store, to: str, code: str | None, link_url: str, failures: int = 0) -> Email:
    """The code (None: typed codes are off after too many wrong tries) and the one-click sign-in link."""
    store = presentable(store)  # a one-line name: it goes into the subject
    accent = store.settings.brand_color or DEFAULT_BRAND
    subject = f"Your {store.name} login code" if code else f"Your {store.name} login link (codes are off: use the link)"
    return render(
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


def _short(text: str, limit: int) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


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


def order_context(store: Store, order_id: str, order: StoredOrder) -> dict[str, Any]:
    accent = store.settings.brand_color or DEFAULT_BRAND
    written = StoreFormat.of(store.settings)
    return {
        "number": order_ref(order.number),
        "customer_name": one_line(order.customer_name),
        "placed_on": written.date(order.placed_at),
        "view_url": store.public_url(f"/orders/{quote(order_id, safe=':')}"),
        "accent": accent,
        "accent_text": text_colour_on(accent),
        "shipping_address": written.address(order.shipping_address),
    }


def confirmation_email(store: Store, order_id: str, order: StoredOrder) -> Email:
    store = presentable(store)
    written = StoreFormat.of(store.settings)

    def money(amount: int) -> str:
        return written.money(amount, order.currency)

    lines = [
        {
            "name": _short(line.name, MAX_NAME_CHARS),
            "sku": _short(line.sku, MAX_SKU_CHARS),
            "quantity": line.quantity,
            "unit_price": money(line.unit_price),
            "amount": money(line.unit_price * line.quantity),
        }
        for line in order.items
    ]
    t = order.totals
    totals = [("Subtotal", money(t.subtotal))]
    if t.discount:
        totals.append(("Discount", money(-abs(t.discount))))
    totals.append(("Shipping", money(t.shipping)))  # 0 is shown as the amount, as on the order page
    if t.tax:
        totals.append(("Tax", money(t.tax)))
    item_count = sum(line.quantity for line in order.items)
    # What happens next, true for the order's status (a cancelled order promises no shipping email).
    shown = rules.order_status(order.model_dump(), shipping_emails=store.settings.shipping_update_email)
    context = order_context(store, order_id, order)
    number = context["number"]
    return render(
        "order_confirmation",
        store,
        order.email.strip(),
        subject=f"{store.name} order {number} confirmed",
        preheader=f"Order {number} · {money(t.total)} · {item_count} item{'s' if item_count != 1 else ''}",
        lines=lines[:MAX_LINES_SHOWN],
        more_lines=max(0, len(lines) - MAX_LINES_SHOWN),
        totals=totals,
        total=money(t.total),
        outlook=shown.outlook,
        **context,
    )


def shipping_email(
    store: Store, order_id: str, order: StoredOrder, fulfilment: Fulfilment, *, corrected: bool = False
) -> Email:
    store = presentable(store)
    written = StoreFormat.of(store.settings)
    by_id = {line.line_id: line for line in order.items}
    lines = []
    for shipped in fulfilment.items:
        line = by_id.get(shipped.line_id)
        lines.append(
            {
                "name": _short(line.name if line else f"Item {shipped.line_id}", MAX_NAME_CHARS),
                "sku": _short(line.sku if line else "", MAX_SKU_CHARS),
                "quantity": shipped.quantity,
            }
        )
    context = order_context(store, order_id, order)
    number = context["number"]
    ordered = {line.line_id: line.quantity for line in order.items}
    whole_order = {s.line_id: s.quantity for s in fulfilment.items} == {k: v for k, v in ordered.items() if v}
    # What has not shipped yet, by the one shipping state the order page shows (orders.rules).
    states = rules.line_states(order.model_dump())
    waiting = [
        {"name": _short(line.name, MAX_NAME_CHARS), "sku": "", "quantity": states[line.line_id].waiting}
        for line in order.items
        if states[line.line_id].waiting
    ]
    title = "Your package is on its way"
    if corrected:
        title = "Tracking update"
        subject = f"Updated tracking for your {store.name} order {number}"
        headline = f"the tracking details for a shipment from order {number} have changed."
    elif whole_order:
        subject = f"Your {store.name} order {number} has shipped"
        headline = f"good news: your order {number} is on its way."
    elif not waiting:
        subject = f"The rest of your {store.name} order {number} has shipped"
        headline = f"good news: the rest of your order {number} is on its way."
    else:
        subject = f"Part of your {store.name} order {number} has shipped"
        headline = f"good news: part of your order {number} is on its way."
    return render(
        "shipping_update",
        store,
        order.email.strip(),
        subject=subject,
        preheader=headline[:1].upper() + headline[1:],
        title=title,
        headline=headline,
        carrier=one_line(fulfilment.carrier or ""),
        tracking_number=one_line(fulfilment.tracking_number or ""),
        tracking_url=web_link(fulfilment.tracking_url),
        tracking_text=plain_url(fulfilment.tracking_url),
        shipped_on=written.date(fulfilment.shipped_at) if fulfilment.shipped_at else "",
        lines=lines[:MAX_LINES_SHOWN],
        more_lines=max(0, len(lines) - MAX_LINES_SHOWN),
        waiting=waiting[:MAX_LINES_SHOWN],
        more_waiting=max(0, len(waiting) - MAX_LINES_SHOWN),
        **context,
    )
