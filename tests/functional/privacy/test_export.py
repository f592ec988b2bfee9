"""Issue 31, the privacy export (API.md section 8): GET /store/account/api/privacy/export writes one JSON
file of everything held for the email at the store to a private `exports/` object and answers 303 to a
short-lived download link; 5 a day per customer; another customer's and another store's data never in it."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from access_center.account.items import SessionEntryItem
from access_center.orders.items import OrderEntryItem, OrderItem
from access_center.privacy import export
from access_center.privacy.holdings import HOLDINGS
from access_center.web.requests import SESSION_COOKIE
from tests.harness.aws import aws_client
from tests.harness.clock import Clock
from tests.harness.streams import drain_order_stream
from tests.harness.support import Client, Shop

ANN, BOB = "ann@example.com", "bob@example.com"
BUCKET = "filesbucket"
PATH = "/store/account/api/privacy/export"
HOME = {"name": "Ann Example", "line1": "1600 Amphitheatre Pkwy", "city": "Mountain View", "region": "CA",
        "postal_code": "94043", "country": "US"}  # fmt: skip


@pytest.fixture
def ann(shop: Shop, customer: Client) -> Client:
    shop.settings(messages_enabled=True)
    assert shop.put_order("o1", email=ANN, number="1001").status == 201
    shop.login(customer, ANN)
    drain_order_stream()
    return customer


def _key(location: str) -> str:
    return unquote(urlsplit(location).path).split(f"/{BUCKET}/", 1)[-1].lstrip("/")


def _exported(client: Client) -> dict[str, Any]:
    reply = client.get(PATH)
    assert reply.status == 303, reply.body
    assert reply.header("Cache-Control") == "no-store"
    location = reply.header("Location")
    query = parse_qs(urlsplit(location).query)
    assert query["response-content-disposition"][0].startswith("attachment;")
    key = _key(location)
    assert key.startswith("exports/s1/")
    assert key.endswith(".json")
    assert "ann" not in key  # never the email in the key
    body = aws_client("s3").get_object(Bucket=BUCKET, Key=key)["Body"].read()
    return json.loads(body)  # type: ignore[no-any-return]


def test_every_holding_is_a_section_or_named_where_its_data_is() -> None:
    """A feature that adds a holding (privacy.holdings) must export it, or say where its data already is."""
    names = {holding.name for holding in HOLDINGS}
    assert set(export.SECTIONS) | set(export.ELSEWHERE) == names
    assert not set(export.SECTIONS) & set(export.ELSEWHERE)


def test_the_export_holds_everything_stored_for_the_customer_and_no_secret(shop: Shop, ann: Client) -> None:
    assert ann.request("PATCH", "/store/account/api/profile", {"name": "Ann B.", "newsletter": True}).status == 200
    assert ann.post("/store/account/api/addresses", HOME).status == 201
    shipped = {"items": [{"line_id": "l1", "quantity": 2}], "shipped_at": "2026-11-02T09:00:00Z", "carrier": "DHL"}
    assert shop.fulfil("o1", "f1", shipped).status in (200, 201)
    assert ann.post("/store/account/api/orders/o1/messages", {"body": "Where is my tea?"}).status == 201
    invoice = {"number": "INV-1", "email": ANN, "issued_at": "2026-11-01T09:00:00Z", "currency": "EUR",
               "total": 2500, "amount_due": 0, "payment_status": "paid", "order_ids": ["o1"]}  # fmt: skip
    assert shop.admin.put("/admin/stores/s1/invoices/inv1", invoice).status == 201
    assert shop.send_code(ann, ANN).status == 202  # a login code's state

    document = _exported(ann)

    assert (document["store_id"], document["email"]) == ("s1", ANN)
    assert document["exported_at"].endswith("Z")
    assert document["profile"]["name"] == "Ann B."
    assert document["profile"]["newsletter"]["subscribed"] is True
    assert document["profile"]["newsletter"]["changed_at"].endswith("Z")
    (address,) = document["addresses"]
    assert (address["line1"], address["country"]) == ("1600 Amphitheatre Pkwy", "US")
    (session,) = document["sessions"]
    assert set(session) == {"created_at", "expires_at"}
    assert document["contact"]["name"] == "Ann Example"
    (order,) = document["orders"]
    assert (order["order_id"], order["number"]) == ("o1", "1001")
    assert order["fulfilments"][0]["fulfilment_id"] == "f1"
    (message,) = document["messages"]
    assert (message["order_id"], message["body"], message["attachments"]) == ("o1", "Where is my tea?", [])
    (header,) = document["invoices"]
    assert (header["number"], header["total"]) == ("INV-1", 2500)
    codes = document["login_codes"]
    assert len(codes["code_sent_at"]) == 1
    assert "counter" not in codes
    text = json.dumps(document)
    assert ann.cookies[SESSION_COOKIE] not in text
    (entry,) = SessionEntryItem.query(f"s1#{ANN}", SessionEntryItem.sk.startswith("session#"))
    assert entry.sk.removeprefix("session#") not in text  # never a session's token hash
    assert "browser_session_id" not in text


def test_signed_out_is_401_and_writes_nothing(customer: Client) -> None:
    reply = customer.get(PATH)
    assert reply.status == 401, reply.body
    assert reply.json()["error"]
    assert aws_client("s3").list_objects_v2(Bucket=BUCKET, Prefix="exports/").get("KeyCount", 0) == 0


def test_another_customers_and_another_stores_data_are_never_in_it(admin: Client, shop: Shop, ann: Client) -> None:
    assert shop.put_order("o2", email=BOB, number="2002").status == 201
    other = Shop.create(admin, "s2", "other.example")
    assert other.put_order("o9", email=ANN, number="9009").status == 201
    assert ann.post("/store/account/api/addresses", HOME).status == 201

    document = _exported(ann)

    assert [o["order_id"] for o in document["orders"]] == ["o1"]
    text = json.dumps(document)
    for stranger in (BOB, "2002", "9009"):
        assert stranger not in text


def test_past_5_exports_a_day_is_429_with_retry_after_before_any_work(clock: Clock, ann: Client) -> None:
    for _ in range(5):
        assert ann.get(PATH).status == 303
    refused = ann.get(PATH)

    assert refused.status == 429, refused.body
    assert refused.json()["error"] == "rate_limited"
    # Five a day (a UTC day, sliding over the one before): this day's five are spent until it ends.
    assert abs(int(refused.header("Retry-After")) - (86400 - clock.now % 86400)) <= 1
    assert aws_client("s3").list_objects_v2(Bucket=BUCKET, Prefix="exports/")["KeyCount"] == 5
    clock.advance(2 * 86400)
    assert ann.get(PATH).status == 303


def _many_orders(shop: Shop, count: int) -> None:
    """`count` more orders of Ann's, cloned from her real o1 (its stored item and list entry) with one
    BatchWriteItem per 25 items: what 5,000 orders through the store API would leave, in seconds."""
    original = OrderItem.get("s1#o1")
    (entry,) = OrderEntryItem.query(f"s1#{ANN}", OrderEntryItem.sk.startswith("order#"))
    placed = original.order["placed_at"]
    with OrderItem.batch_write() as orders, OrderEntryItem.batch_write() as entries:
        for n in range(count):
            order_id = f"m{n:05d}"
            data = original.order.as_dict() | {"number": f"M{n:05d}"}
            orders.save(OrderItem(f"s1#{order_id}", store_id="s1", order_id=order_id, order=data,
                                  listed_for={ANN}, created_at=original.created_at, updated_at=original.updated_at))  # fmt: skip
            entries.save(OrderEntryItem(f"s1#{ANN}", f"order#{placed}#{order_id}", summary=entry.summary.as_dict()))


def _exported_orders(shop: Shop, ann: Client, count: int) -> None:
    _many_orders(shop, count - 1)
    document = _exported(ann)  # speed is bench's to measure (bench/README.md), never a timed test's
    assert len(document["orders"]) == count
    assert len({o["order_id"] for o in document["orders"]}) == count


def test_500_orders_are_all_exported(shop: Shop, ann: Client) -> None:
    _exported_orders(shop, ann, 500)
