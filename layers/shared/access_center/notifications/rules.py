"""Order emails: which change of an order sends which email, to whom, saying what.

The Orders table's stream drives this (functions/order_emails). This module decides and renders;
delivery through SES and the exactly-once bookkeeping (Powertools idempotency) stay in the function,
so nothing here creates an AWS client.

What customers get (API.md section 4, pinned in tests/test_order_emails.py):
- A new order (stream INSERT) sends one order confirmation, when the store's
  `order_confirmation_email` is on. Any later change of the order (MODIFY) never confirms again.
- A fulfilment sends one shipping update when it gains tracking (a tracking number or link): a new
  fulfilment that has tracking, or an existing one whose tracking was added later. A corrected
  tracking number sends one more update with the new number; other edits of a fulfilment (status,
  carrier spelling, shipped_at) and fulfilments without tracking send nothing, and a cancelled
  fulfilment never does. Same toggle rules through `shipping_update_email`.
- Exactly once per (store, order, kind[, fulfilment, tracking]): `Notification.idempotency_key`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import quote, urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from access_center.core.errors import NotFound
from access_center.core.observability import count, logger
from access_center.notifications import mailer
from access_center.notifications.mailer import Email
from access_center.orders.rules import RELEASING_STATUSES
from access_center.stores.logic import Store, get_store
from access_center.web.format import format_money

ORDER_CONFIRMATION = "order_confirmation"
SHIPPING_UPDATE = "shipping_update"
# The store setting that switches each kind of email (both default on, as in StoreSettingsIn).
TOGGLES = {ORDER_CONFIRMATION: "order_confirmation_email", SHIPPING_UPDATE: "shipping_update_email"}

# Size discipline: Gmail clips messages over ~102 KB, and an order may carry 500 lines of 500-character
# names. Emails list the first lines in full and point to the order page for the rest.
MAX_LINES_SHOWN = 30
MAX_NAME_CHARS = 120
MAX_SKU_CHARS = 40
DEFAULT_ACCENT = "#1f2937"
_HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_ADDRESS = re.compile(r"^[^\s@<>,;\"]+@[^\s@<>,;\"]+$")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


class BadRecord(Exception):
    """The stream record cannot become an email as it stands (malformed image, unknown store, store
    not set up to send). The message names what is wrong without quoting customer data."""


# ------------------------------------------------------------------------------------ stream images
# The Orders item as the stream delivers it (numbers arrive as Decimal; lax ints take whole Decimals
# and refuse fractions). Unknown attributes are ignored: the stored order may grow.


class _Image(BaseModel):
    model_config = ConfigDict(extra="ignore")


class LineImage(_Image):
    line_id: str
    sku: str = ""
    name: str
    quantity: Annotated[int, Field(ge=0)]
    unit_price: Annotated[int, Field(ge=0)]


class TotalsImage(_Image):
    subtotal: int
    discount: int = 0
    shipping: int = 0
    tax: int = 0
    total: int


class AddressImage(_Image):
    name: str | None = None
    company: str | None = None
    line1: str | None = None
    line2: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None
    country_code: str | None = None


class FulfilmentLineImage(_Image):
    line_id: str
    quantity: Annotated[int, Field(ge=0)]


class FulfilmentImage(_Image):
    fulfilment_id: str
    items: list[FulfilmentLineImage] = Field(default_factory=list)
    carrier: str | None = None
    tracking_number: str | None = None
    tracking_url: str | None = None
    shipped_at: str | None = None
    status: str = "shipped"

    @property
    def tracking(self) -> str | None:
        """What identifies this parcel to the customer: the tracking number, else the tracking link."""
        return (self.tracking_number or "").strip() or (self.tracking_url or "").strip() or None


class OrderImage(_Image):
    number: Annotated[str, Field(min_length=1)]
    email: Annotated[str, Field(min_length=3)]
    customer_name: str = ""
    placed_at: str
    currency: Annotated[str, Field(pattern=r"^[A-Za-z]{3}$")]
    status: str = ""
    items: Annotated[list[LineImage], Field(min_length=1)]
    totals: TotalsImage
    shipping_address: AddressImage | None = None
    fulfilments: list[FulfilmentImage] = Field(default_factory=list)


class OrderItemImage(_Image):
    store_id: Annotated[str, Field(min_length=1)]
    order_id: Annotated[str, Field(min_length=1)]
    order: OrderImage


class _FulfilmentsOnly(_Image):
    class _Order(_Image):
        fulfilments: list[FulfilmentImage] = Field(default_factory=list)

    order: _Order


def _invalid(what: str, error: ValidationError) -> BadRecord:
    # Locations and error types only: pydantic's own message quotes the input (emails, names).
    problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['type']}" for e in error.errors())
    return BadRecord(f"{what} is malformed: {problems}")


def _order_item(image: Mapping[str, Any]) -> OrderItemImage:
    if not image:
        raise BadRecord("the record has no new image")
    try:
        item = OrderItemImage.model_validate(image)
    except ValidationError as error:
        raise _invalid("the order image", error) from None
    if not _ADDRESS.match(item.order.email.strip()):
        raise BadRecord("the order's email is not an address")
    return item


def _fulfilments(image: Mapping[str, Any], which: str) -> list[FulfilmentImage]:
    if not image:
        return []
    try:
        return _FulfilmentsOnly.model_validate(image).order.fulfilments
    except ValidationError as error:
        raise _invalid(f"the {which} image's fulfilments", error) from None


# ------------------------------------------------------------------------------------ what to send


@dataclass(frozen=True)
class Change:
    """One stream record, its images already turned from DynamoDB JSON into Python values."""

    event_name: str  # INSERT | MODIFY | REMOVE
    order_key: str  # the item's key (`{store_id}#{order_id}`), for logs
    new_image: Mapping[str, Any] = field(default_factory=dict)
    old_image: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Notification:
    kind: str
    store_id: str
    order_id: str
    fulfilment_id: str | None = None
    tracking: str | None = None

    def idempotency_key(self) -> dict[str, str | None]:
        """The same email is never sent twice: one confirmation per order, one shipping update per
        fulfilment and tracking (a corrected tracking number is news; a replay of the same one is not)."""
        return {
            "store_id": self.store_id,
            "order_id": self.order_id,
            "kind": self.kind,
            "fulfilment_id": self.fulfilment_id,
            "tracking": self.tracking,
        }


@dataclass(frozen=True)
class Outgoing:
    notification: Notification
    email: Email


def newly_tracked(
    before: list[FulfilmentImage], after: list[FulfilmentImage]
) -> list[tuple[FulfilmentImage, FulfilmentImage | None]]:
    """Fulfilments whose tracking is news to the customer, each with its previous state (None: new)."""
    previous = {f.fulfilment_id: f for f in before}
    found = []
    for fulfilment in after:
        if fulfilment.status in RELEASING_STATUSES or fulfilment.tracking is None:
            continue
        old = previous.get(fulfilment.fulfilment_id)
        if old is None or old.tracking != fulfilment.tracking:
            found.append((fulfilment, old))
    return found


class StoreLookup:
    """Stores by id for one batch: a batch is mostly one store's orders, so each is read once, and a
    settings change applies from the next batch on."""

    def __init__(self, load: Callable[[str], Store] = get_store) -> None:
        self._load = load
        self._found: dict[str, Store | None] = {}

    def __call__(self, store_id: str) -> Store | None:
        if store_id not in self._found:
            try:
                self._found[store_id] = self._load(store_id)
            except NotFound:
                self._found[store_id] = None
        return self._found[store_id]


def emails_for(change: Change, find_store: Callable[[str], Store | None]) -> list[Outgoing]:
    """The emails a stream record calls for (often none). Raises BadRecord when it cannot tell or
    cannot render them; that record fails alone and is retried, then parked in the failure queue."""
    wanted: list[tuple[Notification, FulfilmentImage | None]]
    if change.event_name == "INSERT":
        item = _order_item(change.new_image)
        wanted = [(Notification(ORDER_CONFIRMATION, item.store_id, item.order_id), None)]
    elif change.event_name == "MODIFY":
        # Most modifications are not about tracking: decide from the fulfilments alone first.
        news = newly_tracked(_fulfilments(change.old_image, "old"), _fulfilments(change.new_image, "new"))
        if not news:
            return []
        item = _order_item(change.new_image)
        wanted = [
            (Notification(SHIPPING_UPDATE, item.store_id, item.order_id, f.fulfilment_id, f.tracking), old)
            for f, old in news
        ]
    else:
        return []

    store = find_store(item.store_id)
    if store is None:
        raise BadRecord(f"store {item.store_id!r} does not exist")
    outgoing = []
    for notification, old in wanted:
        if not store.settings.get(TOGGLES[notification.kind], True):
            logger.info(
                "Order email switched off by the store",
                extra={"order_key": change.order_key, "kind": notification.kind},
            )
            count("OrderEmailsSwitchedOff")
            continue
        _check_can_send(store)
        if notification.kind == ORDER_CONFIRMATION:
            email = confirmation_email(store, item.order_id, item.order)
        else:
            fulfilment = next(f for f in item.order.fulfilments if f.fulfilment_id == notification.fulfilment_id)
            email = shipping_email(
                store, item.order_id, item.order, fulfilment, corrected=old is not None and bool(old.tracking)
            )
        outgoing.append(Outgoing(notification, email))
    return outgoing


def _check_can_send(store: Store) -> None:
    from_email = store.settings.get("from_email")
    if not isinstance(from_email, str) or not _ADDRESS.match(from_email):
        raise BadRecord(f"store {store.store_id!r} has no from_email")
    # The contract's email carries a "View Order" button into the store's access center, which only
    # exists on a connected domain. Without one the record fails (logged, counted, retried, then
    # parked in the failure queue for a replay once the domain is connected) rather than sending a
    # confirmation that cannot lead the customer to their order.
    if store.public_url() is None:
        raise BadRecord(f"store {store.store_id!r} has no connected domain for the View Order link")


# ------------------------------------------------------------------------------------ rendering


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _short(text: str, limit: int) -> str:
    text = _one_line(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _order_ref(number: str) -> str:
    number = _one_line(number)
    return number if number.startswith("#") else f"#{number}"


def _date(iso: str) -> str:
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return _one_line(iso)
    return f"{_MONTHS[moment.month - 1]} {moment.day}, {moment.year}"


def web_link(url: str | None) -> str | None:
    """`url` if it is an absolute http(s) link, else None (never a javascript: or data: link)."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url):
        return None
    return url


def _text_colour_on(background: str) -> str:
    """White or near-black, whichever reads better on `background` (#rrggbb), by WCAG contrast."""

    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else float(((c + 0.055) / 1.055) ** 2.4)

    r, g, b = (channel(background[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    dark = 0.0116  # luminance of #111827
    return "#111827" if (luminance + 0.05) / (dark + 0.05) > 1.05 / (luminance + 0.05) else "#ffffff"


def _presentable(store: Store) -> Store:
    """The store as emails show it: a one-line name, and only a well-formed colour and an https logo
    (settings are validated on the way in; this keeps older or hand-written items from breaking out of
    an inline style or loading a logo over http)."""
    settings = dict(store.settings)
    settings["name"] = _one_line(store.name) or store.store_id
    if not (isinstance(settings.get("brand_color"), str) and _HEX_COLOUR.match(settings["brand_color"])):
        settings.pop("brand_color", None)
    logo = settings.get("logo_url")
    if not (isinstance(logo, str) and (web_link(logo) or "").lower().startswith("https://")):
        settings.pop("logo_url", None)
    support = settings.get("support_email")
    if not (isinstance(support, str) and _ADDRESS.match(support)):
        settings.pop("support_email", None)
    return replace(store, settings=settings)


def _address_lines(address: AddressImage | None) -> list[str]:
    if address is None:
        return []
    place = ", ".join(p for p in (address.city, address.region) if p)
    if address.postal_code:
        place = f"{place} {address.postal_code}".strip()
    parts = (
        address.name,
        address.company,
        address.line1,
        address.line2,
        place,
        address.country or address.country_code,
    )
    return [_one_line(p) for p in parts if p and p.strip()]


def _common(store: Store, order_id: str, order: OrderImage) -> dict[str, Any]:
    accent = store.settings.get("brand_color") or DEFAULT_ACCENT
    return {
        "number": _order_ref(order.number),
        "customer_name": _one_line(order.customer_name),
        "placed_on": _date(order.placed_at),
        "view_url": store.public_url(f"/orders/{quote(order_id, safe=':')}"),
        "accent": accent,
        "accent_text": _text_colour_on(accent),
        "shipping_address": _address_lines(order.shipping_address),
    }


def confirmation_email(store: Store, order_id: str, order: OrderImage) -> Email:
    store = _presentable(store)
    currency, locale = order.currency.upper(), str(store.settings.get("locale") or "en-US")

    def money(amount: int) -> str:
        return format_money(amount, currency, locale)

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
    totals.append(("Shipping", money(t.shipping) if t.shipping else "Free"))
    if t.tax:
        totals.append(("Tax", money(t.tax)))
    item_count = sum(line.quantity for line in order.items)
    context = _common(store, order_id, order)
    number = context["number"]
    return mailer.render(
        "order_confirmation",
        store,
        order.email.strip(),
        subject=f"{store.name} order {number} confirmed",
        preheader=f"Order {number} · {money(t.total)} · {item_count} item{'s' if item_count != 1 else ''}",
        lines=lines[:MAX_LINES_SHOWN],
        more_lines=max(0, len(lines) - MAX_LINES_SHOWN),
        totals=totals,
        total=money(t.total),
        **context,
    )


def shipping_email(
    store: Store, order_id: str, order: OrderImage, fulfilment: FulfilmentImage, *, corrected: bool = False
) -> Email:
    store = _presentable(store)
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
    context = _common(store, order_id, order)
    number = context["number"]
    ordered = {line.line_id: line.quantity for line in order.items}
    whole_order = {s.line_id: s.quantity for s in fulfilment.items} == {k: v for k, v in ordered.items() if v}
    title = "Your package is on its way"
    if corrected:
        title = "Tracking update"
        subject = f"Updated tracking for your {store.name} order {number}"
        headline = f"the tracking details for a shipment from order {number} have changed."
    elif whole_order:
        subject = f"Your {store.name} order {number} has shipped"
        headline = f"good news: your order {number} is on its way."
    else:
        subject = f"Part of your {store.name} order {number} has shipped"
        headline = f"good news: part of your order {number} is on its way."
    return mailer.render(
        "shipping_update",
        store,
        order.email.strip(),
        subject=subject,
        preheader=headline[:1].upper() + headline[1:],
        title=title,
        headline=headline,
        carrier=_one_line(fulfilment.carrier or ""),
        tracking_number=_one_line(fulfilment.tracking_number or ""),
        tracking_url=web_link(fulfilment.tracking_url),
        shipped_on=_date(fulfilment.shipped_at) if fulfilment.shipped_at else "",
        lines=lines[:MAX_LINES_SHOWN],
        more_lines=max(0, len(lines) - MAX_LINES_SHOWN),
        **context,
    )
