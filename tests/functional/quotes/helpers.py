"""What the quote tests share: a store system's quote body, its push, and the quote's items as stored."""

from __future__ import annotations

from typing import Any

from devtools.emulator.gateway import Reply
from tests.harness.backends import data_items
from tests.harness.support import Shop

ANN, BOB = "ann@example.com", "bob@example.com"
API = "/store/account/api/quotes"
CART = "https://shop.example/cart/{items}"


def line(
    line_id: str = "l1", sku: str = "GRN-1", quantity: int = 1, unit_price: int = 24900, **extra: Any
) -> dict[str, Any]:
    return {"line_id": line_id, "sku": sku, "name": "Grinder", "quantity": quantity, "unit_price": unit_price, **extra}


def quote_body(number: str = "Q-1001", email: str = ANN, **extra: Any) -> dict[str, Any]:
    """A configuration of Ann's: the grinder with two options, and two filters, valid far ahead."""
    return {
        "number": number,
        "email": email,
        "kind": "configuration",
        "valid_until": "2099-01-01T00:00:00Z",
        "currency": "EUR",
        "lines": [
            line(options=[{"name": "Burr", "value": "Steel"}, {"name": "Colour", "value": "Black"}]),
            line("l2", "FLT-100", 2, 650),
        ],
        "totals": {"subtotal": 26200, "discount": 1000, "shipping": 0, "tax": 0, "total": 25200},
        **extra,
    }


def put_quote(shop: Shop, quote_id: str, body: dict[str, Any] | None = None, store_id: str = "s1") -> Reply:
    return shop.admin.put(f"/admin/stores/{store_id}/quotes/{quote_id}", body if body is not None else quote_body())


def quote_items() -> list[dict[str, Any]]:
    """The Customers table's quotes and quote list entries, as DynamoDB holds them."""
    return sorted(
        (
            item
            for item in data_items("CustomersTable")
            if "#quote#" in item["pk"]["S"] or item["sk"]["S"].startswith("quote")
        ),
        key=lambda item: (item["pk"]["S"], item["sk"]["S"]),
    )
