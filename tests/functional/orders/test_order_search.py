"""Order search, filters and sort on the customer's list (API.md section 6): `?q=`, `?status=`,
`?fulfilment_status=`, `?from=`/`?to=` and `?sort=expected_delivery`, on the JSON route and the page,
with cursors bound to their query."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest

from access_center.orders import storage as orders_db
from access_center.orders.models import OrderList
from tests.harness.bodies import order_body, order_line
from tests.harness.models import answer
from tests.harness.support import Client, Shop

ANN, BOB = "ann@example.com", "bob@example.com"
LIST = "/store/account/api/orders"


def _place(shop: Shop, order_id: str, day: int, email: str = ANN, hour: int = 10, **extra: Any) -> None:
    placed_at = f"2026-11-{day:02d}T{hour:02d}:00:00Z"
    body = order_body(email=email, number=f"N-{order_id}", placed_at=placed_at, **extra)
    assert shop.put_order(order_id, body).status == 201


def _ids(client: Client, query: str) -> list[str]:
    reply = client.get(f"{LIST}?{query}")
    assert reply.status == 200, reply.body
    return [order["order_id"] for order in answer(OrderList, reply)["orders"]]


def _ship(shop: Shop, order_id: str, fulfilment_id: str = "f1", lines: list[dict[str, Any]] | None = None) -> None:
    body = {"tracking_number": f"T{order_id}", "carrier": "UPS", "tracking_url": "https://track.example/1"}
    if lines is not None:
        body["items"] = lines
    assert shop.fulfil(order_id, fulfilment_id, body).status in (200, 201)


def _event(shop: Shop, order_id: str, status: str, estimate: str | None = None, fulfilment_id: str = "f1") -> None:
    body: dict[str, Any] = {"status": status, "occurred_at": "2026-11-25T08:00:00Z"}
    if estimate:
        body["estimated_delivery"] = estimate
    path = f"/admin/stores/{shop.store_id}/orders/{order_id}/fulfilments/{fulfilment_id}/events"
    reply = shop.admin.post(path, body)
    assert reply.status == 200, reply.body


@pytest.fixture
def history(shop: Shop, customer: Client) -> Client:
    """Ann's four orders (and one of Bob's that matches everything), newest last."""
    _place(shop, "boots", 1, items=[order_line("l1", "BOOT-42", "Hiking Boots", 1, 9000)], status="Delivered")
    _place(shop, "mugs", 5)  # Mug (MUG-1) and Tea (TEA-9), processing
    _place(shop, "socks", 9, items=[order_line("l1", "SOCK-3", "Wool socks", 3, 900)], status="cancelled")
    _place(shop, "teapot", 12, items=[order_line("l1", "POT-7", "Blue Teapot", 1, 3500)])
    _place(shop, "bobs", 13, email=BOB, items=[order_line("l1", "POT-7", "Blue Teapot", 1, 3500)])
    shop.login(customer, ANN)
    return customer


# ------------------------------------------------------------------------------------ text search


def test_search_matches_order_number_sku_and_product_name_case_insensitively(history: Client) -> None:
    assert _ids(history, "q=n-mugs") == ["mugs"]
    assert _ids(history, "q=%23N-MUGS") == ["mugs"]  # as the number is shown, `#` and all
    assert _ids(history, "q=boot-42") == ["boots"]
    assert _ids(history, "q=TEAPOT") == ["teapot"]
    assert _ids(history, "q=tea") == ["teapot", "mugs"]  # "Blue Teapot", and the Tea in the mugs order


def test_search_finds_only_the_customers_own_orders(history: Client) -> None:
    assert _ids(history, "q=blue") == ["teapot"]  # Bob's teapot is his


def test_search_matches_every_word_in_any_order(history: Client) -> None:
    assert _ids(history, "q=" + quote("  hiking   BOOTS ")) == ["boots"]
    assert _ids(history, "q=" + quote("boots hiking")) == ["boots"]
    assert _ids(history, "q=" + quote("boot-42 n-boots")) == ["boots"]  # words from SKU and number together
    assert _ids(history, "q=" + quote("hiking teapot")) == []  # every word, not any


def test_an_empty_search_box_lists_everything(history: Client) -> None:
    assert _ids(history, "q=&fulfilment_status=&from=&to=") == ["teapot", "socks", "mugs", "boots"]


# ------------------------------------------------------------------------------------ filters


def test_status_filter_is_the_stores_status_case_insensitively(history: Client) -> None:
    assert _ids(history, "status=delivered") == ["boots"]
    assert _ids(history, "status=PROCESSING") == ["teapot", "mugs"]


def test_fulfilment_status_filter(shop: Shop, history: Client) -> None:
    # The order's one shipping state (orders.rules): the delivered boots have no shipment posted, so
    # the store's word counts them shipped; the cancelled socks, nothing shipped, are in none of the three.
    assert _ids(history, "fulfilment_status=unfulfilled") == ["teapot", "mugs"]
    assert _ids(history, "fulfilment_status=fulfilled") == ["boots"]
    _ship(shop, "mugs", lines=[{"line_id": "l1", "quantity": 2}])
    _ship(shop, "teapot")
    assert _ids(history, "fulfilment_status=partially_fulfilled") == ["mugs"]
    assert _ids(history, "fulfilment_status=fulfilled") == ["teapot", "boots"]
    assert _ids(history, "fulfilment_status=unfulfilled") == []


def test_filters_combine(history: Client) -> None:
    assert _ids(history, "q=tea&status=processing&from=2026-11-10") == ["teapot"]


def test_dates_are_days_in_the_stores_time_zone_both_included(shop: Shop, customer: Client) -> None:
    shop.settings(timezone="Europe/Berlin")  # UTC+1 in November
    _place(shop, "late", 20, hour=23)  # 2026-11-21 00:00 in Berlin
    _place(shop, "early", 20, hour=0)  # 2026-11-20 01:00 in Berlin
    shop.login(customer, ANN)
    assert _ids(customer, "from=2026-11-21&to=2026-11-21") == ["late"]
    assert _ids(customer, "from=2026-11-20&to=2026-11-20") == ["early"]
    assert _ids(customer, "to=2026-11-20") == ["early"]
    assert _ids(customer, "from=2026-11-21") == ["late"]


def test_the_ends_of_the_calendar_are_valid_days(history: Client) -> None:
    assert _ids(history, "from=0001-01-01&to=9999-12-31") == ["teapot", "socks", "mugs", "boots"]
    assert _ids(history, "to=0001-01-01") == []
    assert _ids(history, "from=9999-12-31") == []


@pytest.mark.parametrize(
    "query",
    [
        "from=2026-02-30",
        "from=20261120",
        "to=2026-1-5",
        "from=2026-11-20&to=2026-11-19",
        "fulfilment_status=shipped",
        "sort=oldest",
        "q=" + "x" * 101,
        "status=" + "x" * 51,
        "from=" + "9" * 5000,
    ],
)
def test_a_bad_filter_is_400_with_the_error_shape(history: Client, query: str) -> None:
    reply = history.get(f"{LIST}?{query}")
    assert reply.status == 400, reply.body
    assert reply.json()["error"] == "bad_request"


# ------------------------------------------------------------------------------------ paging


def test_paging_a_search_visits_every_match_once(shop: Shop, customer: Client) -> None:
    for day in range(1, 12):
        kind = "Red Mug" if day % 2 else "Green Plate"
        _place(shop, f"o{day:02d}", day, items=[order_line("l1", f"SKU-{day}", kind, 1, 100)])
    shop.login(customer, ANN)
    seen, cursor = [], None
    while True:
        body = customer.get(f"{LIST}?q=mug&limit=2" + (f"&cursor={cursor}" if cursor else "")).json()
        seen += [order["order_id"] for order in body["orders"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == [f"o{day:02d}" for day in range(11, 0, -1) if day % 2]


def test_a_cursor_is_refused_with_another_filter(history: Client) -> None:
    searched = history.get(f"{LIST}?q=tea&limit=1").json()["next_cursor"]
    plain = history.get(f"{LIST}?limit=1").json()["next_cursor"]
    assert searched
    assert plain
    assert history.get(f"{LIST}?q=tea&limit=1&cursor={searched}").status == 200
    for query in (
        f"q=mug&cursor={searched}",
        f"cursor={searched}",
        f"q=tea&cursor={plain}",
        f"status=x&cursor={plain}",
    ):
        reply = history.get(f"{LIST}?limit=1&{query}")
        assert reply.status == 400, query
        assert reply.json()["error"] == "bad_request"
    assert history.get(f"{LIST}?limit=1&cursor={plain}").status == 200


def test_a_search_reads_a_bounded_number_of_orders_per_page_and_reads_on(
    shop: Shop, customer: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    _place(shop, "needle", 1, items=[order_line("l1", "NEEDLE", "Needle", 1, 100)])
    for day in range(2, 14):
        _place(shop, f"hay{day}", day)
    shop.login(customer, ANN)
    monkeypatch.setattr(orders_db, "READ_BUDGET", 5)
    pages, found, cursor = 0, [], None
    while True:
        body = customer.get(f"{LIST}?q=needle" + (f"&cursor={cursor}" if cursor else "")).json()
        pages += 1
        found += [order["order_id"] for order in body["orders"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert found == ["needle"]
    assert pages == 3  # 13 orders, 5 read a page: the first two pages are empty but lead on


# ------------------------------------------------------------------------------------ expected delivery


def test_the_list_shows_the_nearest_estimate_of_an_order_on_its_way(shop: Shop, history: Client) -> None:
    _ship(shop, "mugs", "f1", [{"line_id": "l1", "quantity": 2}])
    _ship(shop, "mugs", "f2", [{"line_id": "l2", "quantity": 1}])
    _event(shop, "mugs", "in_transit", "2026-11-28T18:00:00Z", "f1")
    _event(shop, "mugs", "in_transit", "2026-11-27T18:00:00Z", "f2")
    listed = {o["order_id"]: o for o in history.get(LIST).json()["orders"]}
    assert listed["mugs"]["estimated_delivery"] == "2026-11-27T18:00:00Z"
    _event(shop, "mugs", "delivered", fulfilment_id="f2")
    listed = {o["order_id"]: o for o in history.get(LIST).json()["orders"]}
    assert listed["mugs"]["estimated_delivery"] == "2026-11-28T18:00:00Z"
    assert "estimated_delivery" not in listed["teapot"]


def test_sorting_by_expected_delivery_lists_orders_on_their_way_nearest_first(shop: Shop, history: Client) -> None:
    _ship(shop, "mugs")
    _event(shop, "mugs", "in_transit", "2026-11-29T12:00:00Z")
    _ship(shop, "teapot")
    _event(shop, "teapot", "out_for_delivery", "2026-11-26T12:00:00Z")
    _place(shop, "lamp", 14, items=[order_line("l1", "LAMP-1", "Lamp", 1, 4000)])  # on its way, no estimate yet
    # boots: store says delivered; socks: cancelled -> neither is on its way
    assert _ids(history, "sort=expected_delivery") == ["teapot", "mugs", "lamp"]
    _event(shop, "teapot", "delivered")
    assert _ids(history, "sort=expected_delivery") == ["mugs", "lamp"]
    assert _ids(history, "sort=expected_delivery&q=mug") == ["mugs"]
    assert _ids(history, "sort=expected_delivery&from=2026-11-13") == ["lamp"]


def test_paging_by_expected_delivery_visits_every_order_once(shop: Shop, customer: Client) -> None:
    for day in range(1, 8):
        _place(shop, f"o{day}", day)
        _ship(shop, f"o{day}")
        _event(shop, f"o{day}", "in_transit", f"2026-12-{20 - day:02d}T12:00:00Z")
    shop.login(customer, ANN)
    seen, cursor = [], None
    while True:
        body = customer.get(f"{LIST}?sort=expected_delivery&limit=3" + (f"&cursor={cursor}" if cursor else "")).json()
        seen += [order["order_id"] for order in body["orders"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == [f"o{day}" for day in range(7, 0, -1)]  # o7 arrives first (12-13)


# ------------------------------------------------------------------------------------ the page


def test_the_orders_page_searches_with_a_plain_form(shop: Shop, history: Client) -> None:
    reply = history.get(f"{shop.base}/orders?q=Teapot&from=2026-11-02")
    assert reply.status == 200
    page = reply.body.decode()
    assert "#N-teapot" in page
    assert "#N-mugs" not in page
    assert 'value="Teapot"' in page  # the box keeps what was typed
    assert 'name="from" type="date" value="2026-11-02"' in page
    assert "Show all orders" in page


def test_the_orders_page_pager_keeps_the_query(shop: Shop, customer: Client) -> None:
    for day in range(1, 24):
        _place(shop, f"o{day:02d}", day)
    shop.login(customer, ANN)
    page = customer.get(f"{shop.base}/orders?q=mug").body.decode()
    assert 'href="/store/account/orders?q=mug&amp;cursor=' in page
    older = page.split('href="/store/account/orders?q=mug&amp;cursor=')[1].split('"')[0]
    second = customer.get(f"{shop.base}/orders?q=mug&cursor={older}")
    assert second.status == 200
    assert "#N-o03" in second.body.decode()
    assert customer.get(f"{shop.base}/orders?cursor={older}").status == 400  # not without its query


def test_the_orders_page_says_when_nothing_matches(shop: Shop, history: Client) -> None:
    page = history.get(f"{shop.base}/orders?q=zebra").body.decode()
    assert "No orders match your search." in page
    assert "There are no orders" not in page


def test_the_orders_page_shows_the_estimate(shop: Shop, history: Client) -> None:
    _ship(shop, "teapot")
    _event(shop, "teapot", "in_transit", "2026-11-27T18:00:00Z")
    page = history.get(f"{shop.base}/orders").body.decode()
    assert 'Expected <time datetime="2026-11-27T18:00:00Z">' in page


def test_the_orders_page_refuses_a_bad_date_with_an_error_page(shop: Shop, history: Client) -> None:
    reply = history.get(f"{shop.base}/orders?from=2026-13-01")
    assert reply.status == 400
    assert "text/html" in reply.header("Content-Type")
