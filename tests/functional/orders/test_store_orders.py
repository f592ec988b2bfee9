"""Store systems push orders: PUT /admin/stores/{store_id}/orders/{order_id}."""

from __future__ import annotations

import pytest

from access_center.orders.models import OrderView
from access_center.stores.models import StoreSettingsOut
from tests.harness.aws import aws_client
from tests.harness.bodies import order_body
from tests.harness.models import answer
from tests.harness.support import Client, Shop

ANN = "ann@example.com"


def _entries(store_id: str, email: str) -> list[dict]:
    table = aws_client("dynamodb")
    return table.query(
        TableName="CustomersTable",
        KeyConditionExpression="pk = :pk AND begins_with(sk, :order)",
        ExpressionAttributeValues={":pk": {"S": f"{store_id}#{email}"}, ":order": {"S": "order#"}},
    )["Items"]


def _order_version(store_id: str, order_id: str) -> str:
    table = aws_client("dynamodb")
    item = table.get_item(TableName="OrdersTable", Key={"pk": {"S": f"{store_id}#{order_id}"}})["Item"]
    return item["version"]["N"]


def test_a_new_order_is_201_with_the_order_view(shop: Shop) -> None:
    reply = shop.put_order("o1")
    assert reply.status == 201
    view = answer(OrderView, reply)
    assert view["order_id"] == "o1"
    assert view["number"] == "1001"
    assert view["fulfilment_status"] == "unfulfilled"
    assert [i["fulfilled_quantity"] for i in view["items"]] == [0, 0]
    assert view["fulfilments"] == []


def test_putting_the_same_order_again_is_200_and_writes_nothing(shop: Shop) -> None:
    shop.put_order("o1")
    before = _order_version("s1", "o1")
    reply = shop.put_order("o1")
    assert reply.status == 200
    assert _order_version("s1", "o1") == before


def test_an_update_changes_the_status_customers_see(shop: Shop, customer: Client) -> None:
    shop.put_order("o1")
    assert shop.put_order("o1", order_body(status="shipped")).status == 200
    shop.login(customer, ANN)
    (summary,) = customer.get("/store/account/api/orders").json()["orders"]
    assert summary["status"] == "shipped"


def test_changing_an_orders_email_is_409(shop: Shop) -> None:
    shop.put_order("o1")
    reply = shop.put_order("o1", order_body(email="bob@example.com"))
    assert reply.status == 409
    assert reply.json()["error"] == "conflict"
    assert _entries("s1", "bob@example.com") == []


def test_a_refused_email_change_leaves_no_contact_who_could_get_codes(shop: Shop, customer: Client) -> None:
    from devtools.emulator.outbox import sent_emails

    shop.put_order("o1")
    assert shop.put_order("o1", order_body(email="mallory@example.com")).status == 409
    contact = aws_client("dynamodb").get_item(
        TableName="CustomersTable", Key={"pk": {"S": "s1#mallory@example.com"}, "sk": {"S": "contact"}}
    )
    assert "Item" not in contact
    before = len(sent_emails())
    assert shop.send_code(customer, "mallory@example.com").status == 202
    assert len(sent_emails()) == before  # a stranger to this store: no code goes out


def test_changing_an_orders_number_is_409(shop: Shop) -> None:
    shop.put_order("o1")
    assert shop.put_order("o1", order_body(number="9999")).status == 409


def test_an_order_for_an_unknown_store_is_404(admin: Client) -> None:
    reply = admin.put("/admin/stores/nope/orders/o1", order_body())
    assert reply.status == 404
    assert reply.json()["error"] == "not_found"


def test_moving_placed_at_moves_the_list_entry_without_a_duplicate(shop: Shop) -> None:
    shop.put_order("o1")
    shop.put_order("o1", order_body(placed_at="2026-11-21T09:30:00+01:00"))
    (entry,) = _entries("s1", ANN)
    assert entry["sk"]["S"] == "order#2026-11-21T08:30:00Z#o1"


def test_an_update_may_not_shrink_a_line_below_what_shipped(shop: Shop) -> None:
    shop.put_order("o1")
    shop.fulfil("o1", "f1", {"items": [{"line_id": "l1", "quantity": 2}]})
    body = order_body()
    body["items"][0]["quantity"] = 1
    reply = shop.put_order("o1", body)
    assert reply.status == 409
    assert reply.json()["details"] == [{"line_id": "l1", "fulfilled": 2}]


def test_an_update_keeps_fulfilments(shop: Shop) -> None:
    shop.put_order("o1")
    shop.fulfil("o1", "f1", {"carrier": "UPS", "tracking_number": "1Z"})
    view = answer(OrderView, shop.put_order("o1", order_body(status="delivered")))
    assert view["fulfilment_status"] == "fulfilled"
    assert [f["fulfilment_id"] for f in view["fulfilments"]] == ["f1"]


def test_times_are_stored_as_utc(shop: Shop) -> None:
    view = shop.put_order("o1", order_body(placed_at="2026-11-20T12:00:00+02:00")).json()
    assert view["placed_at"] == "2026-11-20T10:00:00Z"


def test_store_settings_get_defaults_and_keep_the_domain(admin: Client, shop: Shop) -> None:
    reply = admin.put("/admin/stores/s1", {"name": "Renamed", "from_email": "Orders@Shop.example"})
    assert reply.status == 200
    assert answer(StoreSettingsOut, reply) == {
        "store_id": "s1",
        "name": "Renamed",
        "from_email": "orders@shop.example",
        "order_confirmation_email": True,
        "shipping_update_email": True,
        "sticky_contact": False,
        "cancellations_enabled": False,
        "cancellation_request_email": True,
        "cancellation_decision_email": True,
        "returns_enabled": False,
        "return_window_days": 30,
        "return_request_email": True,
        "tracking_update_email": True,
        "return_update_email": True,
        "messages_enabled": False,
        "message_to_store_email": True,
        "message_to_customer_email": True,
        "invoice_email": True,
        "wishlists_enabled": False,
        "saved_carts_enabled": False,
        "quotes_enabled": False,
        "points_enabled": False,
        "registries_enabled": False,
        "contact_form_enabled": False,
        "locale": "en-US",
        "timezone": "UTC",
        "languages": ["en"],
        "email_texts": {},
        "domain": "shop.example",
        "path_prefix": "",
        "proxy_secret_set": False,
    }


def test_store_settings_take_an_iana_time_zone(admin: Client, shop: Shop) -> None:
    from access_center.stores.logic import get_store

    body = {"name": "Shop One", "from_email": "orders@shop.example", "timezone": "Europe/Berlin"}
    reply = admin.put("/admin/stores/s1", body)

    assert reply.status == 200
    assert answer(StoreSettingsOut, reply)["timezone"] == "Europe/Berlin"
    assert get_store("s1").settings.timezone == "Europe/Berlin"


@pytest.mark.parametrize("language", ["", "d", "de\r\nX-Injected: 1", "de_DE", "x" * 40, "de-", 7, ["de"]])
def test_an_order_language_that_is_no_language_tag_is_a_400_and_stores_nothing(shop: Shop, language: object) -> None:
    reply = shop.put_order("o1", order_body(language=language))
    assert reply.status == 400
    assert reply.json()["error"] == "bad_request"
    from tests.harness.aws import aws_client

    key = {"pk": {"S": f"{shop.store_id}#o1"}}
    assert "Item" not in aws_client("dynamodb").get_item(TableName="OrdersTable", Key=key, ConsistentRead=True)
