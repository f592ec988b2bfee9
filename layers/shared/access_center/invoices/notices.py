"""What an invoice push tells (through the Invoices table's stream, in the change-notices function):
store systems get `InvoiceIssued` for a new invoice and `InvoiceUpdated` for each change to one (its
payment, its document, ...), once per stored version; the customer is emailed a new invoice with a
link to their Invoices page, unless the store's `invoice_email` is off (an ERP that mails its own).

The image is our own write (invoices.storage), read here without the invoice models: each field used
is checked for its type, and the one-line ones for what could break a header, before anything is rendered."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from access_center.aws.ses import Email
from access_center.core.i18n import _, speaking
from access_center.core.text import has_control_characters
from access_center.invoices.items import INVOICE_SK
from access_center.notifications.emails import ONE_ADDRESS, compose_email, one_line
from access_center.notifications.languages import email_language
from access_center.notifications.rules import BadRecord, Change, Notice, Notification, Outgoing, Publication, sendable
from access_center.stores.logic import Store
from access_center.stores.settings import EmailToggle
from access_center.web.colours import DEFAULT_BRAND, text_colour_on
from access_center.web.format import StoreFormat

if TYPE_CHECKING:
    from access_center.invoices.shapes import Notified

ISSUED_EVENT = "InvoiceIssued"
UPDATED_EVENT = "InvoiceUpdated"
INVOICE_EMAIL = "invoice_issued"
TOGGLE: EmailToggle = "invoice_email"
_ONE_LINE = ("store_id", "invoice_id", "email")
_DATA_ONE_LINE = ("number", "issued_at", "currency", "payment_status")


def _text(source: Mapping[str, Any], name: str, where: str) -> str:
    value = source.get(name)
    if not isinstance(value, str) or not value or has_control_characters(value):
        raise BadRecord(f"the invoice image's {where}{name} is missing, not text or has control characters")
    return value


def _minor_units(data: Mapping[str, Any], name: str) -> int:
    value = data.get(name)
    if not isinstance(value, (int, Decimal)) or isinstance(value, bool) or value != int(value):
        raise BadRecord(f"the invoice image's data.{name} is not a whole number")
    return int(value)


def _invoice(image: Mapping[str, Any]) -> Notified:
    found: dict[str, Any] = {name: _text(image, name, "") for name in _ONE_LINE}
    if not ONE_ADDRESS.match(found["email"]):
        raise BadRecord("the invoice image's email is not one address")
    data = image.get("data")
    if not isinstance(data, Mapping):
        raise BadRecord("the invoice image has no data")
    found.update({name: _text(data, name, "data.") for name in _DATA_ONE_LINE})
    found["total"], found["amount_due"] = _minor_units(data, "total"), _minor_units(data, "amount_due")
    due = data.get("due_at")
    found["due_at"] = _text(data, "due_at", "data.") if due is not None else None
    orders = data.get("order_ids") or []
    if not isinstance(orders, list) or not all(isinstance(o, str) and not has_control_characters(o) for o in orders):
        raise BadRecord("the invoice image's data.order_ids are malformed")
    found["order_ids"] = list(orders)
    found["has_document"] = data.get("has_document") is True
    version = image.get("version")
    if not isinstance(version, (int, Decimal)) or isinstance(version, bool):
        raise BadRecord("the invoice image has no version")
    found["version"] = int(version)
    return cast("Notified", found)  # each field checked above


def notices(change: Change, find_store: Callable[[str], Store | None]) -> list[Notice]:
    keys = change.new_image.get("sk") if change.new_image else None
    if change.event_name not in ("INSERT", "MODIFY") or keys != INVOICE_SK:
        return []  # a list entry or an order link (written with the invoice), or a removal
    invoice = _invoice(change.new_image)
    issued = change.event_name == "INSERT"
    detail_type = ISSUED_EVENT if issued else UPDATED_EVENT
    detail = {name: value for name, value in invoice.items() if name != "email"}  # the store knows its customer
    # One event per stored version: a replayed record is the same version, a new push is the next.
    key = (invoice["store_id"], invoice["invoice_id"], None, f"v{invoice['version']}")
    found: list[Notice] = [Publication(Notification(f"event:{detail_type}", *key), detail_type, detail)]
    if issued:
        store = find_store(invoice["store_id"])
        if store is None:
            raise BadRecord(f"store {invoice['store_id']!r} does not exist")
        email = _email(store, invoice)
        if email is not None:
            found.append(Outgoing(Notification(INVOICE_EMAIL, invoice["store_id"], invoice["invoice_id"]), email))
    return found


def _email(store: Store, invoice: Notified) -> Email | None:
    where = {"store_id": invoice["store_id"], "invoice_id": invoice["invoice_id"], "kind": INVOICE_EMAIL}
    shown = sendable(store, TOGGLE, to_support=False, what="Invoice", where=where)
    if shown is None:
        return None
    accent = shown.settings.brand_color or DEFAULT_BRAND
    language = email_language(shown, invoice["email"])  # an invoice carries no language of its own
    written = StoreFormat.of(shown.settings, language)
    number = one_line(invoice["number"])
    total = written.money(invoice["total"], invoice["currency"])
    due = written.money(invoice["amount_due"], invoice["currency"])
    with speaking(language):
        subject = _("Invoice %(number)s from %(store)s") % {"number": number, "store": shown.name}
        preheader = _("Invoice %(number)s · %(total)s") % {"number": number, "total": total}
    return compose_email(
        INVOICE_EMAIL,
        shown,
        invoice["email"],
        subject=subject,
        language=language,
        preheader=preheader,
        number=number,
        issued_on=written.date(invoice["issued_at"]),
        due_on=written.date(invoice["due_at"]) if invoice["due_at"] else None,
        total=total,
        amount_due=due if invoice["amount_due"] and invoice["payment_status"] != "paid" else None,
        invoices_url=shown.public_url("/invoices"),  # set: sendable checked the store has a domain
        accent=accent,
        accent_text=text_colour_on(accent),
    )
