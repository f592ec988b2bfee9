"""What the access center holds about a customer at a store, table by table: the one list the privacy
export and the erasure read (API.md section 8). A feature that stores customer data adds its holding
here; tests/contract/test_privacy_holdings.py fails while a table of the template is in neither this
list nor NO_CUSTOMER_DATA, so no new table of customer data can be forgotten by either.

`on_erasure`: DELETE (the customer's own: deleted when they erase their account), KEEP (the store's
record, kept for it to decide on under its own obligations: named in CustomerErasureRequested), or
EXPIRES (short-lived state not keyed by the email, so no key lookup or Query finds it: it is gone within
its TTL).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

DELETE: Final = "delete"
KEEP: Final = "keep"
EXPIRES: Final = "expires"
OnErasure = Literal["delete", "keep", "expires"]


@dataclass(frozen=True)
class Holding:
    name: str  # the export's section, and the name CustomerErasureRequested gives what is kept
    table: str  # the template's logical id of the table
    key: str  # how the customer's items are found: a key lookup or a Query, nothing else
    on_erasure: OnErasure


HOLDINGS: tuple[Holding, ...] = (
    Holding("profile", "CustomersTable", "pk {store}#{email}, sk profile (name, phone, language, consents)", DELETE),
    Holding("addresses", "CustomersTable", "pk {store}#{email}, sk begins with address#", DELETE),
    Holding(
        "sessions",
        "CustomersTable",
        "pk {store}#{email}, sk begins with session# (each names its SessionsTable item)",
        DELETE,
    ),
    Holding("signed_in_sessions", "SessionsTable", "token_hash, from the customer's session# entries", DELETE),
    Holding("erasure_request", "CustomersTable", "pk {store}#{email}, sk erasure (a pending erasure's time)", DELETE),
    Holding("login_codes", "CodesTable", "pk {store}#{email} (the code state and its guessing budget)", DELETE),
    Holding("contact", "CustomersTable", "pk {store}#{email}, sk contact (the first-created contact's name)", KEEP),
    Holding("order_entries", "CustomersTable", "pk {store}#{email}, sk begins with order#", KEEP),
    Holding(
        "orders",
        "OrdersTable",
        "pk {store}#{order_id} of each order entry (fulfilments, returns, cancellations inside)",
        KEEP,
    ),
    Holding("returns", "ReturnsTable", "pk {store}#{return_id} of each return inside the customer's orders", KEEP),
    Holding("messages", "MessagesTable", "pk {store}#{order_id} of each order entry (the order's conversation)", KEEP),
    Holding("invoices", "InvoicesTable", "pk {store}#{email} (the invoice entries; each names its header)", KEEP),
    # The store's B2B records (API.md section 11): which company the email belongs to is the store's to
    # decide (it pushes the member list), so an erasure keeps it and names it for the store (section 8).
    Holding(
        "company_membership",
        "CustomersTable",
        "pk {store}#{email}, sk company (the company and the role; the member's line in the company's item,"
        " pk {store}#company#{company_id}, sk company)",
        KEEP,
    ),
    Holding(
        "company_order_entries",
        "CustomersTable",
        "pk {store}#company#{company_id} of each of the customer's orders that carries one, sk its order entry's"
        " (the company's list, with placed_by)",
        KEEP,
    ),
    Holding(
        "company_invoice_entries",
        "InvoicesTable",
        "pk {store}#company#{company_id} of each of the customer's invoices that carries one, sk its invoice"
        " entry's (the company's list)",
        KEEP,
    ),
    # Quotes and configurations the store made for the customer, with their answers (API.md section 12):
    # the store's commercial record, kept on erasure and named for the store (section 8).
    Holding(
        "quotes",
        "CustomersTable",
        "pk {store}#{email}, sk begins with quote# (the list entries; each names its quote, pk"
        " {store}#quote#{quote_id}, sk quote)",
        KEEP,
    ),
    # The customer's saved carts (API.md section 12): theirs, deleted on erasure (section 8).
    Holding(
        "saved_carts",
        "CustomersTable",
        "pk {store}#{email}, sk begins with cart# (the list entries; each names its cart, pk"
        " {store}#cart#{cart_id}, sk cart)",
        DELETE,
    ),
    # The customer's wish lists (API.md section 12): theirs, deleted on erasure with their share links (section 8).
    Holding(
        "wishlists",
        "CustomersTable",
        "pk {store}#{email}, sk begins with wishlist# (each list, and its items: wishlist#{list_id}#item#{sku});"
        " a shared list's link, pk {store}#wishlist-share#{sha256 of its token}, from the list's share_nonce",
        DELETE,
    ),
    # The customer's reward points (API.md section 12): the store's ledger, kept on erasure and named for
    # the store (section 8).
    Holding(
        "points",
        "CustomersTable",
        "pk {store}#{email}, sk points (the balance), sk begins with points# (the ledger) and points-expiry#"
        " (the expiry index); each entry, pk {store}#points-entry#{entry_id}, sk entry",
        KEEP,
    ),
    # What the customer (or a visitor giving this email) wrote through the contact form (API.md section 12):
    # theirs, deleted on erasure (section 8); the store keeps its own copy, the email it received.
    Holding(
        "contact_messages",
        "CustomersTable",
        "pk {store}#{email}, sk begins with contact# (the entries: subject, time; each names its message in the"
        " MessagesTable, pk {store}#contact#{message_id}, sk contact: body, order)",
        DELETE,
    ),
    # The customer's gift registries (API.md section 12): theirs, deleted on erasure (section 8) with their
    # items, the store's purchase counts under them and their public links.
    Holding(
        "registries",
        "CustomersTable",
        "pk {store}#{email}, sk begins with registry# (the entries; each names its registry, pk"
        " {store}#registry#{registry_id}: sk registry, item#{sku}, purchase#{order_id}#{sku}); its public link,"
        " pk {store}#registry-share#{sha256 of its token}, from the registry's share_nonce",
        DELETE,
    ),
    Holding(
        "browser_sessions", "CustomersTable", "pk {store}#browser#{id}: sticky contact's browser link, 30 days", EXPIRES
    ),
)

# Tables that hold nothing about a customer, each with why.
NO_CUSTOMER_DATA: dict[str, str] = {
    "StoresTable": "the stores' settings, domains and senders",
    "ProductsTable": "the stores' catalogs",
    "IdempotencyTable": "hashes of requests already answered, kept an hour",
}


def erased() -> list[Holding]:
    return [holding for holding in HOLDINGS if holding.on_erasure == DELETE]


def kept() -> list[str]:
    """What the store keeps after an erasure, as CustomerErasureRequested names it."""
    return sorted({holding.name for holding in HOLDINGS if holding.on_erasure == KEEP})
