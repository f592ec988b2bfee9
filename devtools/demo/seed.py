"""The demo store of the local server: store `demo` on http://localhost and http://127.0.0.1, with 30
orders for the demo customer (two pages of the list), written through the store-system routes as a store
would. Five recent ones show every status; the rest are a year of history. What happened more than a
week before it arrives is history, as a store loading its history sends it (notifications.rules.is_history):
old orders send no confirmation and their old parcels no shipping update, so only the newest few email.
Most history orders say `delivered`, `returned` or `refunded` without a parcel, as stores that post no
fulfilments do: their lines count as shipped (orders.rules).

A company buys there too (API.md section 11): Acme Supplies, one member of each role, each of whom can log
in (COMPANY_MEMBERS), with three company orders and one company invoice.

The demo customer also has a wish list, a saved cart, two quotes (an open configuration and an expired
quote), a gift registry and reward points: devtools/demo/wishlists_seed.py, carts_seed.py, quotes_seed.py,
registries_seed.py and points_seed.py (API.md section 12); the store's contact form is on."""

from __future__ import annotations

import json
import logging
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from devtools.emulator.gateway import Gateway

log = logging.getLogger("devtools.demo.seed")

DEMO_STORE = "demo"
DEMO_EMAIL = "demo@example.com"
DEMO_NAME = "Dana Demo"
DEMO_HOSTS = ("localhost", "127.0.0.1")

SETTINGS = {
    "name": "Demo Store",
    "from_email": "orders@demo-store.example",
    "support_email": "help@demo-store.example",
    "brand_color": "#4f46e5",
    "order_confirmation_email": True,
    "storefront_url": "https://demo-store.example/",  # the pages' "Back to Demo Store" link
    "cart_url_template": "https://demo-store.example/cart/{items}",  # "order again" (Shopify-style permalink)
    "cancellations_enabled": True,  # the order page offers "Ask to cancel" until anything has shipped
    "returns_enabled": True,  # and "Ask to return" for what has shipped, within 30 days
    "messages_enabled": True,  # and a conversation with the store on every order, files attached
    "wishlists_enabled": True,  # Account -> Wish lists (devtools.demo.wishlists_seed)
    "saved_carts_enabled": True,  # Account -> Saved carts (devtools.demo.carts_seed)
    "quotes_enabled": True,  # Account -> Quotes (devtools.demo.quotes_seed)
    "points_enabled": True,  # Account -> Points (devtools.demo.points_seed): a point is worth 1 cent
    "points_value": 1,
    "points_currency": "USD",
    "registries_enabled": True,  # Account -> Gift registries (devtools.demo.registries_seed)
    "contact_form_enabled": True,  # Account -> Contact, and a link on the login page (to support_email)
}

# The catalog "order again" prices from: (sku, name, unit price now, available, in stock, backorder).
PRODUCTS = (
    ("BEAN-ETH-250", "Ethiopia Yirgacheffe, 250 g", 1750, True, True, False),
    ("BEAN-COL-250", "Colombia Huila, 250 g", 1500, True, False, True),
    ("GRN-HAND", "Hand Grinder, Steel Burr", 6900, True, False, False),
    ("MUG-STONE", "Stoneware Mug, 350 ml", 1800, True, True, False),
    ("SCL-DIG", "Digital Brew Scale", 3900, False, False, False),
)

ADDRESS = {
    "name": DEMO_NAME,
    "line1": "742 Evergreen Terrace",
    "city": "Springfield",
    "region": "OR",
    "postal_code": "97403",
    "country_code": "US",
}


class SeedError(RuntimeError):
    pass


def _when(days_ago: float) -> str:
    return (datetime.now(UTC) - timedelta(days=days_ago)).strftime("%Y-%m-%dT%H:%M:%SZ")


def _order(number: str, days_ago: float, status: str, lines: list[tuple[str, str, str, int, int]], **extra: Any) -> Any:
    subtotal = sum(quantity * price for _, _, _, quantity, price in lines)
    shipping = 0 if subtotal >= 5000 else 595
    tax = round(subtotal * 0.08)
    return {
        "number": number,
        "email": DEMO_EMAIL,
        "customer_name": DEMO_NAME,
        "placed_at": _when(days_ago),
        "currency": "USD",
        "status": status,
        "items": [
            {"line_id": line_id, "sku": sku, "name": name, "quantity": quantity, "unit_price": price}
            for line_id, sku, name, quantity, price in lines
        ],
        "totals": {
            "subtotal": subtotal,
            "discount": 0,
            "shipping": shipping,
            "tax": tax,
            "total": subtotal + shipping + tax,
        },
        "shipping_address": ADDRESS,
        "billing_address": ADDRESS,
        **extra,
    }


# (order id, order, [(fulfilment id, fulfilment)])
ORDERS: list[tuple[str, dict[str, Any], list[tuple[str, dict[str, Any]]]]] = [
    (
        "demo-1000",
        _order("1000", 61, "cancelled", [("l1", "KTL-GOOSE", "Gooseneck Kettle, Matte Black", 1, 8900)]),
        [],
    ),
    (
        "demo-1001",
        _order(
            "1001",
            38,
            "delivered",
            [
                ("l1", "PO-SET-2", "Ceramic Pour-Over Set", 1, 4200),
                ("l2", "FLT-100", "Paper Filters (100)", 2, 650),
            ],
        ),
        [
            (
                "f1",
                {
                    "carrier": "UPS",
                    "tracking_number": "1Z999AA10123456784",
                    "tracking_url": "https://www.ups.com/track?tracknum=1Z999AA10123456784",
                    "shipped_at": _when(36),
                    "status": "delivered",
                },
            )
        ],
    ),
    (
        "demo-1002",
        _order(
            "1002",
            6,
            "shipped",
            [
                ("l1", "BEAN-ETH-250", "Ethiopia Yirgacheffe, 250 g", 2, 1600),
                ("l2", "BEAN-COL-250", "Colombia Huila, 250 g", 1, 1500),
                ("l3", "GRN-HAND", "Hand Grinder, Steel Burr", 1, 6900),
            ],
        ),
        [
            (
                "f1",
                {
                    "items": [{"line_id": "l1", "quantity": 2}, {"line_id": "l2", "quantity": 1}],
                    "carrier": "USPS",
                    "tracking_number": "9400111899223344556677",
                    "tracking_url": "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223344556677",
                    "shipped_at": _when(4),
                },
            )
        ],
    ),
    (
        "demo-1003",
        _order(
            "1003",
            2,
            "processing",
            [("l1", "MUG-STONE", "Stoneware Mug, 350 ml", 4, 1800), ("l2", "SCL-DIG", "Digital Brew Scale", 1, 3900)],
        ),
        [],
    ),
    (
        "demo-1004",
        _order("1004", 0.2, "pending", [("l1", "BEAN-SUB-3", "Coffee Subscription, 3 months", 1, 5400)]),
        [],
    ),
]


def _total(order_id: str) -> int:
    """An order's total as the seed sends it: an invoice states what its order costs."""
    return int(next(order for oid, order, _ in ORDERS if oid == order_id)["totals"]["total"])


# Two invoices of Dana's, each issued when its order was and for its order's total: the newest (#1002)
# with a PDF uploaded through the store API, an older paid one (#1001) on the ERP's own link (which
# goes nowhere locally: it shows the redirect).
INVOICES = (
    (
        "inv-0042",
        {
            "number": "INV-2026-0042",
            "email": DEMO_EMAIL,
            "issued_at": _when(5.9),
            "due_at": _when(-24),
            "currency": "USD",
            "total": _total("demo-1002"),
            "amount_due": _total("demo-1002"),
            "payment_status": "unpaid",
            "order_ids": ["demo-1002"],
        },
    ),
    (
        "inv-0031",
        {
            "number": "INV-2026-0031",
            "email": DEMO_EMAIL,
            "issued_at": _when(37.9),
            "due_at": _when(8),
            "currency": "USD",
            "total": _total("demo-1001"),
            "amount_due": 0,
            "payment_status": "paid",
            "order_ids": ["demo-1001"],
            "document_url": "https://erp.demo-store.example/invoices/7c1e9a2f4b/INV-2026-0031.pdf",
        },
    ),
)


# Acme Supplies, a company of the demo store: one member per role (each a login), as a store's B2B system
# pushes it. The buyer placed two of its orders (the newest still cancellable: what a manager may ask to
# cancel for them, and finance may only see), the manager one; the buyer's delivered order has an invoice
# billed to the company, which finance and the admin see. Five writes in all, to keep start-up cheap.
COMPANY_ID = "acme"
COMPANY_NAME = "Acme Supplies"
COMPANY_MEMBERS = {
    "buyer@acme.example": "buyer",
    "manager@acme.example": "manager",
    "finance@acme.example": "finance",
    "admin@acme.example": "admin",
}
ACME_BUYER, ACME_MANAGER = "buyer@acme.example", "manager@acme.example"
ACME_ADDRESS = {
    "name": "Acme Supplies, Receiving",
    "line1": "100 Industrial Way",
    "city": "Eugene",
    "region": "OR",
    "postal_code": "97402",
    "country_code": "US",
}


def _company_order(
    number: str, email: str, days_ago: float, status: str, lines: list[tuple[str, str, str, int, int]]
) -> Any:
    return _order(
        number,
        days_ago,
        status,
        lines,
        email=email,
        customer_name=COMPANY_NAME,
        shipping_address=ACME_ADDRESS,
        billing_address=ACME_ADDRESS,
        company_id=COMPANY_ID,
    )


COMPANY_ORDERS: list[tuple[str, dict[str, Any]]] = [
    (
        "acme-2001",
        _company_order(
            "2001", ACME_BUYER, 1.5, "processing", [("l1", "BEAN-ETH-250", "Ethiopia Yirgacheffe, 250 g", 12, 1600)]
        ),
    ),
    (
        "acme-2002",
        _company_order(
            "2002",
            ACME_BUYER,
            24,
            "delivered",
            [("l1", "MUG-STONE", "Stoneware Mug, 350 ml", 24, 1800), ("l2", "FLT-100", "Paper Filters (100)", 10, 650)],
        ),
    ),
    (
        "acme-2003",
        _company_order("2003", ACME_MANAGER, 0.5, "pending", [("l1", "GRN-HAND", "Hand Grinder, Steel Burr", 2, 6900)]),
    ),
]
ACME_INVOICE = (
    "inv-acme-0007",
    {
        "number": "INV-2026-0007-ACME",
        "email": ACME_BUYER,
        "company_id": COMPANY_ID,
        "issued_at": _when(23.9),
        "due_at": _when(6),
        "currency": "USD",
        "total": COMPANY_ORDERS[1][1]["totals"]["total"],
        "amount_due": COMPANY_ORDERS[1][1]["totals"]["total"],
        "payment_status": "unpaid",
        "order_ids": ["acme-2002"],
    },
)


def _invoice_pdf(number: str) -> bytes:
    """A one-page PDF saying which invoice it is (what an ERP would upload)."""
    text = f"BT /F1 24 Tf 72 720 Td (Demo Store invoice {number}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number_, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number_, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _store_file(key: str, body: bytes) -> None:
    """What the ERP's POST to the upload form leaves in the (emulated) bucket."""
    import boto3

    from access_center.core.config import settings

    boto3.client("s3", region_name=settings().region).put_object(
        Bucket=settings().files_bucket, Key=key, Body=body, ContentType="application/pdf"
    )


# A store message on demo-1002: its conversation, where the customer can answer (with a photo). It says
# what the order's shipments say: the coffee shipped, the grinder has not.
MESSAGES = (
    (
        "demo-1002",
        "Hi Dana, your coffee is on its way from our Portland warehouse. The hand grinder is out of stock: it"
        " follows in its own parcel as soon as it is back.\nIf anything arrives damaged, reply here with a photo.",
    ),
)

# The parcel of demo-1002 on its way, as a carrier-tracking integration posts it (its timeline and the
# expected date on the order page, and the estimate on the order list).
TRACKING_EVENTS: list[tuple[str, str, dict[str, Any]]] = [
    ("demo-1002", "f1", {"status": "info_received", "occurred_at": _when(4.2), "location": "Portland, OR"}),
    (
        "demo-1002",
        "f1",
        {
            "status": "in_transit",
            "occurred_at": _when(3),
            "location": "Salt Lake City, UT",
            "description": "Departed USPS regional facility",
            "estimated_delivery": _when(-2),
        },
    ),
    (
        "demo-1002",
        "f1",
        {"status": "in_transit", "occurred_at": _when(1), "location": "Denver, CO", "estimated_delivery": _when(-1)},
    ),
]


# A year of older orders behind the five above, so the list has a second page: every 2 weeks or so,
# numbered down from 999, mostly delivered, a few with their parcel (and so a shipping update).
_PRODUCTS = [
    ("BEAN-ETH-250", "Ethiopia Yirgacheffe, 250 g", 1600),
    ("BEAN-COL-250", "Colombia Huila, 250 g", 1500),
    ("FLT-100", "Paper Filters (100)", 650),
    ("MUG-STONE", "Stoneware Mug, 350 ml", 1800),
    ("DRP-V60", "Ceramic Dripper", 2600),
    ("CAN-500", "Airtight Coffee Canister", 2200),
    ("TEA-SEN-100", "Sencha Green Tea, 100 g", 1200),
]
_HISTORY_STATUSES = ("delivered", "delivered", "delivered", "refunded", "delivered", "returned", "delivered")
HISTORY = 25


def _history(n: int) -> tuple[str, dict[str, Any], list[tuple[str, dict[str, Any]]]]:
    number, days_ago = str(999 - n), 66 + n * 13.4
    sku, name, price = _PRODUCTS[n % len(_PRODUCTS)]
    lines = [("l1", sku, name, 1 + n % 3, price)]
    if n % 2:  # every other one has a second line
        sku, name, price = _PRODUCTS[(n + 3) % len(_PRODUCTS)]
        lines.append(("l2", sku, name, 1, price))
    status = _HISTORY_STATUSES[n % len(_HISTORY_STATUSES)]
    fulfilments = []
    if status == "delivered" and n % 6 == 0:
        tracking = f"1Z999AA1{n:010d}"
        parcel = {
            "carrier": "UPS",
            "tracking_number": tracking,
            "tracking_url": f"https://www.ups.com/track?tracknum={tracking}",
            "shipped_at": _when(days_ago - 2),
            "status": "delivered",
        }
        fulfilments.append(("f1", parcel))
    return f"demo-{number}", _order(number, days_ago, status, lines), fulfilments


ORDERS += [_history(n) for n in range(HISTORY)]


def _put(
    gateway: Gateway, path: str, body: dict[str, Any], ok: tuple[int, ...] = (200, 201), method: str = "PUT"
) -> Any:
    reply = gateway.request(
        method, path, headers={"Host": "admin.localhost", "Content-Type": "application/json"}, body=json.dumps(body)
    )
    if reply.status not in ok:
        raise SeedError(f"{method} {path} answered {reply.status}: {reply.body[:500]!r}")
    return reply.json()


def _post(gateway: Gateway, path: str, body: dict[str, Any]) -> Any:
    return _put(gateway, path, body, ok=(200,), method="POST")


def _connect_local_hosts() -> None:
    """Point `localhost` and `127.0.0.1` at the demo store.

    `PUT /admin/stores/{id}/domain` rightly refuses both (a single-label name, an IP address: nothing a
    store can connect in AWS), so the seed writes what that route would have written, with the same
    data-access function (one transaction, one owner per domain), then a second domain item for the IP.
    The store's own domain is `localhost`, so links in its emails point at http://localhost:PORT.
    """
    from access_center.stores import storage as stores_db
    from access_center.stores.items import DomainItem

    record = stores_db.get_store(DEMO_STORE)
    if record is None:
        raise SeedError("the demo store was not created")
    stores_db.connect_domain(record, DEMO_HOSTS[0], "", None)
    for host in DEMO_HOSTS[1:]:
        DomainItem(stores_db._domain_key(host), store_id=DEMO_STORE, domain=host, path_prefix="").save()
    # No host cache to clear: nothing has looked these hosts up yet (the server answers after the seed).


def offered_languages() -> list[str]:
    """Every shipped language, English first (the store's default), and the pseudo-locale where this
    server allows it (PSEUDO_LOCALE, as the browser suite runs it): a visitor reads the demo in the
    language their browser asks for."""
    from access_center.core import i18n

    return [*i18n.LANGUAGES, *([i18n.PSEUDO] if i18n.offered(i18n.PSEUDO) else [])]


def seed(gateway: Gateway) -> bool:
    """Create the demo store and its orders unless the store exists (a --persist directory). True if seeded."""
    from access_center.stores import storage as stores_db

    if stores_db.get_store(DEMO_STORE) is not None:
        return False
    started = time.monotonic()
    _put(gateway, f"/admin/stores/{DEMO_STORE}", {**SETTINGS, "languages": offered_languages()}, ok=(200,))
    # Locally SES verifies a sending domain at once, so the demo store's emails come from its own address.
    _put(
        gateway, f"/admin/stores/{DEMO_STORE}/sender", {"domain": SETTINGS["from_email"].rpartition("@")[2]}, ok=(200,)
    )
    _connect_local_hosts()
    for sku, name, price, available, in_stock, backorder in PRODUCTS:
        product = {"name": name, "unit_price": price, "currency": "USD", "available": available, "in_stock": in_stock}
        _put(gateway, f"/admin/stores/{DEMO_STORE}/products/{sku}", product | {"allow_backorder": backorder}, ok=(200,))
    for order_id, order, fulfilments in ORDERS:
        _put(gateway, f"/admin/stores/{DEMO_STORE}/orders/{order_id}", order, ok=(201, 200))
        for fulfilment_id, fulfilment in fulfilments:
            _put(gateway, f"/admin/stores/{DEMO_STORE}/orders/{order_id}/fulfilments/{fulfilment_id}", fulfilment)
    for order_id, fulfilment_id, event in TRACKING_EVENTS:
        path = f"/admin/stores/{DEMO_STORE}/orders/{order_id}/fulfilments/{fulfilment_id}/events"
        _post(gateway, path, event)
    for invoice_id, body in INVOICES:  # as the store's ERP pushes them
        _put(gateway, f"/admin/stores/{DEMO_STORE}/invoices/{invoice_id}", body, ok=(201,))
    form = _put(gateway, f"/admin/stores/{DEMO_STORE}/invoices/inv-0042/document", {}, ok=(201,), method="POST")
    _store_file(form["upload"]["fields"]["key"], _invoice_pdf("INV-2026-0042"))
    _put(gateway, f"/admin/stores/{DEMO_STORE}/invoices/inv-0042/document", {}, ok=(200,))  # claimed: the document
    for order_id, body in MESSAGES:  # the store's side of a conversation, as its help desk posts it
        _put(
            gateway, f"/admin/stores/{DEMO_STORE}/orders/{order_id}/messages", {"body": body}, ok=(201,), method="POST"
        )
    _seed_company(gateway)
    _seed_lists(gateway)
    log.info(
        "seeded the demo store with %d orders and a company in %.2f s",
        len(ORDERS) + len(COMPANY_ORDERS),
        time.monotonic() - started,
    )
    return True


def _seed_lists(gateway: Gateway) -> None:
    """The demo customer's wish list, saved cart, quotes, gift registry and reward points (API.md section 12)."""
    from devtools.demo.carts_seed import seed_carts
    from devtools.demo.points_seed import seed_points
    from devtools.demo.quotes_seed import seed_quotes
    from devtools.demo.registries_seed import seed_registries
    from devtools.demo.wishlists_seed import seed_wishlists

    seed_wishlists(gateway)
    seed_carts(gateway)
    seed_quotes(gateway)
    seed_registries(gateway)
    seed_points(gateway)


def _seed_company(gateway: Gateway) -> None:
    """Acme Supplies, its orders and its invoice, as the store's systems push them."""
    members = [{"email": email, "role": role} for email, role in COMPANY_MEMBERS.items()]
    _put(gateway, f"/admin/stores/{DEMO_STORE}/companies/{COMPANY_ID}", {"name": COMPANY_NAME, "members": members})
    for order_id, order in COMPANY_ORDERS:
        _put(gateway, f"/admin/stores/{DEMO_STORE}/orders/{order_id}", order, ok=(201,))
    invoice_id, invoice = ACME_INVOICE
    _put(gateway, f"/admin/stores/{DEMO_STORE}/invoices/{invoice_id}", invoice, ok=(201,))
