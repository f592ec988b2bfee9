"""Issue 27: one shipping state per line (orders.rules), the same in the list's badge and filter, the
order page, the JSON view, returns and cancellations. Orders pushed as a store loading its history
pushes them: `delivered`, `returned` or `refunded` with no fulfilment record."""

from __future__ import annotations

import re
from html import unescape

import pytest

from tests.harness.backends import table_items
from tests.harness.bodies import order_body, order_line
from tests.harness.support import Client, Shop

BASE = "/store/account"
ANN = "ann@example.com"
GRINDER_ORDER = [
    order_line("l1", "BEAN-ETH-250", "Ethiopia Yirgacheffe, 250 g", 2, 1600),
    order_line("l2", "BEAN-COL-250", "Colombia Huila, 250 g", 1, 1500),
    order_line("l3", "GRN-HAND", "Hand Grinder, Steel Burr", 1, 6900),
]
COFFEE_ONLY = {"items": [{"line_id": "l1", "quantity": 2}, {"line_id": "l2", "quantity": 1}], "tracking_number": "T1"}


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _row(listing: str, order_id: str) -> str:
    row = re.search(rf'<tr>\s*<th scope="row"><a href="{BASE}/orders/{order_id}">.*?</tr>', listing, re.DOTALL)
    assert row, listing
    return _text(row.group(0))


def _ids(client: Client, query: str) -> list[str]:
    reply = client.get(f"{BASE}/api/orders?{query}")
    assert reply.status == 200, reply.body
    return [order["order_id"] for order in reply.json()["orders"]]


def _line_states(html: str) -> dict[str, str]:
    """{item name: its Shipping cell} from the order page's items table."""
    found = re.findall(r'<th scope="row">(.*?)</th>.*?<td class="line-state"[^>]*>(.*?)</td>', html, re.DOTALL)
    return {_text(name).split(" SKU ")[0].strip(): _text(state).strip() for name, state in found}


@pytest.fixture
def pushed(shop: Shop, customer: Client) -> Client:
    """A store's history as the demo's: statuses without records, one order partly shipped, one cancelled."""
    for order_id, status in [("delivered", "delivered"), ("returned", "returned"), ("refunded", "refunded")]:
        assert shop.put_order(order_id, order_body(number=order_id.upper(), status=status)).status == 201
    assert shop.put_order("cancelled", order_body(number="CANCELLED", status="cancelled")).status == 201
    assert shop.put_order("waiting", order_body(number="WAITING")).status == 201
    grinder = order_body(number="1002", status="shipped", items=GRINDER_ORDER)
    assert shop.put_order("grinder", grinder).status == 201
    assert shop.fulfil("grinder", "f1", COFFEE_ONLY).status == 200
    shop.login(customer, ANN)
    return customer


def test_the_shipping_filter_reads_one_state_from_status_and_records(pushed: Client) -> None:
    """Before: "Not shipped yet" listed the delivered, refunded, returned and cancelled orders, and
    "Shipped" none of them."""
    assert _ids(pushed, "fulfilment_status=unfulfilled") == ["waiting"]
    assert _ids(pushed, "fulfilment_status=partially_fulfilled") == ["grinder"]
    assert sorted(_ids(pushed, "fulfilment_status=fulfilled")) == ["delivered", "refunded", "returned"]
    page = pushed.get(f"{BASE}/orders?fulfilment_status=unfulfilled").body.decode()
    assert re.findall(rf'href="{BASE}/orders/([a-z0-9]+)"', page) == ["waiting"]


def test_the_json_view_counts_lines_shipped_by_the_one_state(pushed: Client) -> None:
    delivered = pushed.get(f"{BASE}/api/orders/delivered").json()
    assert delivered["fulfilment_status"] == "fulfilled"
    assert [item["fulfilled_quantity"] for item in delivered["items"]] == [2, 1]
    grinder = pushed.get(f"{BASE}/api/orders/grinder").json()
    assert grinder["fulfilment_status"] == "partially_fulfilled"  # the store's "shipped" hides no line
    assert [item["fulfilled_quantity"] for item in grinder["items"]] == [2, 1, 0]
    cancelled = [o for o in pushed.get(f"{BASE}/api/orders").json()["orders"] if o["order_id"] == "cancelled"]
    assert cancelled[0]["fulfilment_status"] == "unfulfilled"  # the contract's three values, nothing else
    assert "shipping" not in cancelled[0]  # the filter's own value stays in the stored entry


def test_a_partly_shipped_order_says_so_in_the_list_and_on_its_page_line_by_line(pushed: Client) -> None:
    """Before: #1002 (status shipped, the grinder never shipped) showed "Shipped" in the list and on its page."""
    row = _row(pushed.get(f"{BASE}/orders").body.decode(), "grinder")
    assert "Partly shipped" in row
    html = pushed.get(f"{BASE}/orders/grinder").body.decode()
    text = _text(html)
    assert "Status: Partly shipped" in text
    assert "Status: Shipped" not in text
    assert _line_states(html) == {
        "Ethiopia Yirgacheffe, 250 g": "Shipped",
        "Colombia Huila, 250 g": "Shipped",
        "Hand Grinder, Steel Burr": "Not yet shipped",
    }
    assert "Not yet shipped: 1 \N{MULTIPLICATION SIGN} Hand Grinder, Steel Burr" in text
    assert "Part of this order has shipped." in text


def test_a_returned_order_shows_what_happened_to_each_line(pushed: Client) -> None:
    """Before: a returned order with no fulfilment record said "0 of 2" beside each line (#994)."""
    html = pushed.get(f"{BASE}/orders/returned").body.decode()
    text = _text(html)
    assert "Status: Returned" in text
    assert _line_states(html) == {"Mug": "Returned", "Tea": "Returned"}
    assert " of " not in " ".join(_line_states(html).values())
    assert "Not yet shipped" not in text


@pytest.mark.parametrize(
    ("order_id", "status", "lines"),
    [
        ("delivered", "Delivered", {"Mug": "Delivered", "Tea": "Delivered"}),
        ("refunded", "Refunded", {"Mug": "Refunded", "Tea": "Refunded"}),
        ("cancelled", "Cancelled", {"Mug": "Cancelled", "Tea": "Cancelled"}),
        ("waiting", "Processing", {"Mug": "Not yet shipped", "Tea": "Not yet shipped"}),
    ],
)
def test_badge_and_lines_agree_for_every_kind_of_order(
    pushed: Client, order_id: str, status: str, lines: dict[str, str]
) -> None:
    assert status in _row(pushed.get(f"{BASE}/orders").body.decode(), order_id)
    html = pushed.get(f"{BASE}/orders/{order_id}").body.decode()
    assert f"Status: {status}" in _text(html)
    assert _line_states(html) == lines


def test_a_cancelled_order_with_part_shipped_says_which_lines_were_cancelled(shop: Shop, customer: Client) -> None:
    assert shop.put_order("o1", order_body()).status == 201
    assert shop.fulfil("o1", "f1", {"items": [{"line_id": "l1", "quantity": 1}]}).status == 200
    assert shop.put_order("o1", order_body(status="cancelled")).status == 200
    shop.login(customer, ANN)
    html = customer.get(f"{BASE}/orders/o1").body.decode()
    assert _line_states(html) == {"Mug": "1 of 2 shipped, 1 cancelled", "Tea": "Cancelled"}
    assert _ids(customer, "fulfilment_status=partially_fulfilled") == ["o1"]


def test_a_search_matches_every_word_in_any_order(pushed: Client) -> None:
    """Before: "Yirgacheffe 250" found nothing (the name is "Ethiopia Yirgacheffe, 250 g")."""
    assert _ids(pushed, "q=Yirgacheffe%20250") == ["grinder"]
    assert _ids(pushed, "q=250%20yirgacheffe") == ["grinder"]
    assert _ids(pushed, "q=%231002%20grinder") == ["grinder"]
    assert _ids(pushed, "q=Yirgacheffe%20mug") == []


def test_returns_and_cancellations_read_the_one_state(shop: Shop, customer: Client) -> None:
    """A delivered order with no record can be returned (its window runs from placed_at); a shipped one
    can no longer be cancelled; a returned one takes no return request."""
    shop.settings(returns_enabled=True, cancellations_enabled=True)
    assert shop.put_order("delivered", order_body(number="D1", status="delivered")).status == 201
    assert shop.put_order("shipped", order_body(number="S1", status="shipped")).status == 201
    assert shop.put_order("returned", order_body(number="R1", status="returned")).status == 201
    shop.login(customer, ANN)
    asked = customer.post(
        f"{BASE}/api/orders/delivered/returns", {"items": [{"line_id": "l1", "quantity": 2, "reason": "other"}]}
    )
    assert asked.status == 201, asked.body
    refused = customer.post(f"{BASE}/api/orders/shipped/cancellation", {})
    assert refused.status == 409
    assert "This order has shipped" in refused.body.decode()
    settled = customer.post(
        f"{BASE}/api/orders/returned/returns", {"items": [{"line_id": "l1", "quantity": 1, "reason": "other"}]}
    )
    assert settled.status == 409
    assert "This order was returned" in settled.body.decode()


def test_an_entry_written_before_the_shipping_field_is_filtered_on_its_old_fulfilment_status(
    pushed: Client,
) -> None:
    """Entries stored before this release carry no `shipping` value: until the order's next write
    rewrites them, the filter reads their fulfilment_status, so none drops out of every filter."""
    from access_center.core.config import settings
    from tests.harness.aws import aws_client

    dynamodb = aws_client("dynamodb")
    table = settings().customers_table
    entries = [
        item
        for item in table_items(table)
        if item["sk"]["S"].startswith("order#") and item["sk"]["S"].endswith("#waiting")
    ]
    assert len(entries) == 1
    dynamodb.update_item(
        TableName=table,
        Key={"pk": entries[0]["pk"], "sk": entries[0]["sk"]},
        UpdateExpression="REMOVE summary.#shipping",
        ExpressionAttributeNames={"#shipping": "shipping"},
    )
    assert _ids(pushed, "fulfilment_status=unfulfilled") == ["waiting"]
    assert "waiting" not in _ids(pushed, "fulfilment_status=fulfilled")
