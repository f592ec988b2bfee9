"""The customer's orders: GET /store/account/api/orders and /orders/{order_id}."""

from __future__ import annotations

import base64

import pytest

from access_center.orders.models import OrderList, OrderView
from devtools.emulator.gateway import Gateway
from tests.harness.bodies import order_body
from tests.harness.clock import Clock
from tests.harness.models import answer
from tests.harness.support import Client, Shop

ANN, BOB = "ann@example.com", "bob@example.com"


def _place(shop: Shop, order_id: str, day: int, email: str = ANN, **extra: object) -> None:
    body = order_body(email=email, number=f"N{order_id}", placed_at=f"2026-11-{day:02d}T10:00:00Z", **extra)
    assert shop.put_order(order_id, body).status == 201


def test_orders_are_listed_newest_first_with_summary_fields(shop: Shop, customer: Client) -> None:
    _place(shop, "old", 1)
    _place(shop, "new", 20)
    _place(shop, "mid", 10)
    shop.login(customer, ANN)
    reply = customer.get("/store/account/api/orders")
    assert reply.status == 200
    assert reply.header("Cache-Control") == "no-store"
    body = answer(OrderList, reply)
    assert [o["order_id"] for o in body["orders"]] == ["new", "mid", "old"]
    assert body["next_cursor"] is None
    assert body["orders"][0] == {
        "order_id": "new",
        "number": "Nnew",
        "placed_at": "2026-11-20T10:00:00Z",
        "currency": "EUR",
        "total": 4422,
        "status": "processing",
        "fulfilment_status": "unfulfilled",
        "item_count": 3,
    }


def test_paging_with_the_cursor_visits_every_order_once(shop: Shop, customer: Client) -> None:
    for day in range(1, 8):
        _place(shop, f"o{day}", day)
    shop.login(customer, ANN)
    seen, cursor, pages = [], None, 0
    while True:
        query = "?limit=3" + (f"&cursor={cursor}" if cursor else "")
        body = answer(OrderList, customer.get(f"/store/account/api/orders{query}"))
        seen += [o["order_id"] for o in body["orders"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == [f"o{day}" for day in range(7, 0, -1)]
    assert pages == 3


def test_an_exactly_full_last_page_has_no_next_cursor(shop: Shop, customer: Client) -> None:
    for day in range(1, 5):
        _place(shop, f"o{day}", day)
    shop.login(customer, ANN)
    first = customer.get("/store/account/api/orders?limit=2").json()
    second = customer.get(f"/store/account/api/orders?limit=2&cursor={first['next_cursor']}").json()
    assert len(second["orders"]) == 2
    assert second["next_cursor"] is None


def test_the_default_page_is_twenty(shop: Shop, customer: Client) -> None:
    for day in range(1, 23):
        _place(shop, f"o{day}", day)
    shop.login(customer, ANN)
    body = customer.get("/store/account/api/orders").json()
    assert len(body["orders"]) == 20
    assert body["next_cursor"]


def _cursor_for(customer: Client) -> str:
    cursor = customer.get("/store/account/api/orders?limit=1").json()["next_cursor"]
    assert cursor
    return cursor


def test_a_forged_cursor_is_400(shop: Shop, customer: Client) -> None:
    _place(shop, "o1", 1)
    _place(shop, "o2", 2)
    shop.login(customer, ANN)
    cursor = _cursor_for(customer)
    _, tag = cursor.split(".")
    forged_key = base64.urlsafe_b64encode(b"order#2099-01-01T00:00:00Z#zzz").rstrip(b"=").decode()
    for bad in [f"{forged_key}.{tag}", "garbage", cursor + "x", "a.b.c", "%00"]:
        reply = customer.get(f"/store/account/api/orders?cursor={bad}")
        assert reply.status == 400, bad
        assert reply.json()["error"] == "bad_request"


def test_another_customers_cursor_is_400(shop: Shop, customer: Client, gateway: Gateway) -> None:
    for day in (1, 2):
        _place(shop, f"a{day}", day)
        _place(shop, f"b{day}", day, email=BOB)
    shop.login(customer, ANN)
    bob = Client(gateway, "shop.example", ip="192.0.2.50")
    shop.login(bob, BOB)
    bobs_cursor = _cursor_for(bob)
    assert customer.get(f"/store/account/api/orders?cursor={bobs_cursor}").status == 400


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "limit=abc", "limit=-1", "limit=1.5"])
def test_a_limit_outside_one_to_a_hundred_is_400(shop: Shop, customer: Client, query: str) -> None:
    _place(shop, "o1", 1)
    shop.login(customer, ANN)
    reply = customer.get(f"/store/account/api/orders?{query}")
    assert reply.status == 400
    assert reply.json()["error"] == "bad_request"


def test_limit_of_a_hundred_is_fine(shop: Shop, customer: Client) -> None:
    _place(shop, "o1", 1)
    shop.login(customer, ANN)
    assert customer.get("/store/account/api/orders?limit=100").status == 200


def test_listing_without_a_session_is_401(customer: Client) -> None:
    assert customer.get("/store/account/api/orders").status == 401
    assert customer.get("/store/account/api/orders/o1").status == 401


def test_order_detail_shows_everything_the_store_sent(shop: Shop, customer: Client) -> None:
    body = order_body(
        browser_session_id="bs-1", billing_address={"name": "Ann", "line1": "PO Box 1", "country_code": "US"}
    )
    shop.put_order("o1", body)
    shop.fulfil(
        "o1",
        "f1",
        {
            "items": [{"line_id": "l1", "quantity": 1}],
            "carrier": "UPS",
            "tracking_number": "1Z",
            "tracking_url": "https://ups.example/1Z",
        },
    )
    shop.login(customer, ANN)
    view = answer(OrderView, customer.get("/store/account/api/orders/o1"))
    for field in (
        "number",
        "email",
        "customer_name",
        "placed_at",
        "currency",
        "status",
        "totals",
        "shipping_address",
        "billing_address",
    ):
        assert view[field] == body[field], field
    assert "browser_session_id" not in view
    assert view["fulfilment_status"] == "partially_fulfilled"
    assert [(i["line_id"], i["quantity"], i["fulfilled_quantity"]) for i in view["items"]] == [
        ("l1", 2, 1),
        ("l2", 1, 0),
    ]
    (fulfilment,) = view["fulfilments"]
    assert fulfilment["carrier"] == "UPS"
    assert fulfilment["tracking_url"] == "https://ups.example/1Z"
    assert fulfilment["items"] == [{"line_id": "l1", "quantity": 1}]


def test_another_customers_order_is_404(shop: Shop, customer: Client) -> None:
    _place(shop, "mine", 1)
    _place(shop, "bobs", 2, email=BOB)
    shop.login(customer, ANN)
    reply = customer.get("/store/account/api/orders/bobs")
    assert reply.status == 404
    assert reply.json()["error"] == "not_found"
    assert [o["order_id"] for o in customer.get("/store/account/api/orders").json()["orders"]] == ["mine"]


def test_the_same_order_id_at_another_store_is_not_shown(shop: Shop, customer: Client, admin: Client) -> None:
    _place(shop, "mine", 1)
    other = Shop.create(admin, "s2", "other.example")
    _place(other, "theirs", 2)
    shop.login(customer, ANN)
    assert customer.get("/store/account/api/orders/theirs").status == 404
    assert [o["order_id"] for o in customer.get("/store/account/api/orders").json()["orders"]] == ["mine"]


def test_an_unknown_order_is_404(shop: Shop, customer: Client) -> None:
    _place(shop, "o1", 1)
    shop.login(customer, ANN)
    assert customer.get("/store/account/api/orders/nope").status == 404
    assert customer.get("/store/account/api/orders/bad%20id").status in (400, 404)


def test_the_first_created_contact_is_the_customer(shop: Shop, customer: Client) -> None:
    _place(shop, "o1", 5, customer_name="Later Contact", contact_id="c2", contact_created_at="2025-06-01T00:00:00Z")
    _place(shop, "o2", 6, customer_name="First Contact", contact_id="c1", contact_created_at="2024-01-01T00:00:00Z")
    _place(shop, "o3", 7, customer_name="Newest Contact", contact_id="c3", contact_created_at="2026-01-01T00:00:00Z")
    reply = shop.login_with_code(customer, ANN)
    assert reply.json()["customer"]["name"] == "First Contact"
    assert customer.get("/store/account/api/me").json()["name"] == "First Contact"
    assert len(customer.get("/store/account/api/orders").json()["orders"]) == 3


def test_sticky_contact_lists_a_later_order_from_the_same_browser_session(admin: Client, gateway: Gateway) -> None:
    shop = Shop.create(admin, "sticky", "third.example", sticky_contact=True)
    _place(shop, "first", 1, browser_session_id="browser-1")
    _place(shop, "gift", 2, email=BOB, browser_session_id="browser-1")
    _place(shop, "unrelated", 3, email=BOB, browser_session_id="browser-2")
    ann = Client(gateway, "third.example")
    shop.login(ann, ANN)
    assert [o["order_id"] for o in ann.get("/store/account/api/orders").json()["orders"]] == ["gift", "first"]
    assert ann.get("/store/account/api/orders/gift").status == 200
    assert ann.get("/store/account/api/orders/unrelated").status == 404
    bob = Client(gateway, "third.example", ip="192.0.2.60")
    shop.login(bob, BOB)
    assert [o["order_id"] for o in bob.get("/store/account/api/orders").json()["orders"]] == ["unrelated", "gift"]


def test_a_browser_session_claim_expires_and_stops_collecting_strangers_orders(
    admin: Client, gateway: Gateway, clock: Clock
) -> None:
    shop = Shop.create(admin, "sticky", "third.example", sticky_contact=True)
    _place(shop, "first", 1, browser_session_id="shared-kiosk")
    clock.advance(31 * 24 * 3600)  # past the claim's 30 days
    _place(shop, "stranger", 2, email=BOB, browser_session_id="shared-kiosk")
    clock.advance(24 * 3600)
    _place(shop, "strangers-friend", 3, email="cy@example.com", browser_session_id="shared-kiosk")
    ann = Client(gateway, "third.example")
    shop.login(ann, ANN)
    assert [o["order_id"] for o in ann.get("/store/account/api/orders").json()["orders"]] == ["first"]
    bob = Client(gateway, "third.example", ip="192.0.2.61")
    shop.login(bob, BOB)  # the expired claim went to the next order's customer, within its own 30 days
    assert [o["order_id"] for o in bob.get("/store/account/api/orders").json()["orders"]] == [
        "strangers-friend",
        "stranger",
    ]


def test_without_sticky_contact_orders_stay_with_their_email(shop: Shop, customer: Client) -> None:
    _place(shop, "first", 1, browser_session_id="browser-1")
    _place(shop, "gift", 2, email=BOB, browser_session_id="browser-1")
    shop.login(customer, ANN)
    assert [o["order_id"] for o in customer.get("/store/account/api/orders").json()["orders"]] == ["first"]


def test_a_fulfilment_updates_the_customers_list(shop: Shop, customer: Client) -> None:
    _place(shop, "o1", 1)
    shop.fulfil("o1", "f1", {})
    shop.login(customer, ANN)
    (summary,) = customer.get("/store/account/api/orders").json()["orders"]
    assert summary["fulfilment_status"] == "fulfilled"


def test_a_store_with_a_path_prefix_is_served_under_it(admin: Client, gateway: Gateway) -> None:
    shop = Shop.create(admin, "pre", "third.example", prefix="/products")
    _place(shop, "o1", 1)
    client = Client(gateway, "third.example")
    reply = shop.login_with_code(client, ANN)
    assert "Path=/products/store/account" in (reply.header("Set-Cookie") or "")
    assert client.get("/products/store/account/api/orders").status == 200
    assert client.get("/store/account/api/orders").status == 404
    assert client.get("/products/store/accountX/api/orders").status == 404
    assert client.get("/other/store/account/api/orders").status == 404
