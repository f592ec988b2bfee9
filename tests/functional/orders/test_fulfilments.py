"""Fulfilments: PUT .../fulfilments/{fulfilment_id} and the direct Lambda invocation."""

from __future__ import annotations

from typing import Any

from access_center.db.retry import configured_backoff
from access_center.orders import logic as orders
from access_center.orders.acting import Viewer
from access_center.orders.models import FulfilmentIn, OrderIn, OrderView
from devtools.awscalls import Calls
from devtools.emulator.gateway import Gateway, LambdaContext
from tests.harness.aws import aws_client
from tests.harness.bodies import order_body
from tests.harness.faults import Faults
from tests.harness.models import answer
from tests.harness.support import Client, Shop, race

ANN = "ann@example.com"


def _version(order_id: str) -> str:
    table = aws_client("dynamodb")
    return table.get_item(TableName="OrdersTable", Key={"pk": {"S": f"s1#{order_id}"}})["Item"]["version"]["N"]


def test_a_fulfilment_without_items_takes_all_that_remains(shop: Shop) -> None:
    shop.put_order("o1")
    reply = shop.fulfil(
        "o1", "f1", {"carrier": "DHL", "tracking_number": "JD0001", "tracking_url": "https://dhl.example/JD0001"}
    )
    assert reply.status == 200
    view = answer(OrderView, reply)
    assert view["fulfilment_status"] == "fulfilled"
    assert [(i["line_id"], i["fulfilled_quantity"]) for i in view["items"]] == [("l1", 2), ("l2", 1)]
    (fulfilment,) = view["fulfilments"]
    assert fulfilment["items"] == [{"line_id": "l1", "quantity": 2}, {"line_id": "l2", "quantity": 1}]
    assert fulfilment["carrier"] == "DHL"
    assert fulfilment["tracking_number"] == "JD0001"
    assert fulfilment["tracking_url"] == "https://dhl.example/JD0001"
    assert fulfilment["status"] == "shipped"
    assert fulfilment["shipped_at"].endswith("Z")


def test_a_partial_fulfilment_is_partially_fulfilled(shop: Shop) -> None:
    shop.put_order("o1")
    view = shop.fulfil("o1", "f1", {"items": [{"line_id": "l1", "quantity": 1}], "carrier": "UPS"}).json()
    assert view["fulfilment_status"] == "partially_fulfilled"
    assert [i["fulfilled_quantity"] for i in view["items"]] == [1, 0]
    view = shop.fulfil("o1", "f2", {"carrier": "UPS"}).json()
    assert view["fulfilment_status"] == "fulfilled"
    assert view["fulfilments"][1]["items"] == [{"line_id": "l1", "quantity": 1}, {"line_id": "l2", "quantity": 1}]


def test_replaying_the_same_fulfilment_changes_nothing(shop: Shop) -> None:
    shop.put_order("o1")
    body = {"items": [{"line_id": "l1", "quantity": 1}], "carrier": "UPS", "tracking_number": "1Z9"}
    first = shop.fulfil("o1", "f1", body).json()
    version = _version("o1")
    again = shop.fulfil("o1", "f1", body)
    assert again.status == 200
    assert again.json() == first
    assert _version("o1") == version


def test_replaying_a_fulfilment_with_items_omitted_changes_nothing(shop: Shop) -> None:
    shop.put_order("o1")
    first = shop.fulfil("o1", "f1", {"carrier": "UPS"}).json()
    version = _version("o1")
    assert shop.fulfil("o1", "f1", {"carrier": "UPS"}).json() == first
    assert _version("o1") == version


def test_a_fulfilment_can_add_tracking_later(shop: Shop) -> None:
    shop.put_order("o1")
    shop.fulfil("o1", "f1", {"items": [{"line_id": "l1", "quantity": 2}]})
    view = shop.fulfil(
        "o1", "f1", {"items": [{"line_id": "l1", "quantity": 2}], "carrier": "UPS", "tracking_number": "1Z"}
    ).json()
    (fulfilment,) = view["fulfilments"]
    assert fulfilment["tracking_number"] == "1Z"
    assert view["items"][0]["fulfilled_quantity"] == 2


def test_more_than_remains_is_409_and_changes_nothing(shop: Shop) -> None:
    shop.put_order("o1")
    shop.fulfil("o1", "f1", {"items": [{"line_id": "l1", "quantity": 1}]})
    version = _version("o1")
    reply = shop.fulfil("o1", "f2", {"items": [{"line_id": "l1", "quantity": 2}]})
    assert reply.status == 409
    assert reply.json()["details"] == [{"line_id": "l1", "remaining": 1, "requested": 2}]
    assert _version("o1") == version


def test_fulfilling_a_fully_fulfilled_order_again_is_409(shop: Shop) -> None:
    shop.put_order("o1")
    shop.fulfil("o1", "f1", {})
    assert shop.fulfil("o1", "f2", {}).status == 409


def test_an_unknown_line_is_422(shop: Shop) -> None:
    shop.put_order("o1")
    reply = shop.fulfil("o1", "f1", {"items": [{"line_id": "nope", "quantity": 1}]})
    assert reply.status == 422
    assert reply.json()["error"] == "unprocessable"


def test_a_fulfilment_of_an_unknown_order_is_404(shop: Shop) -> None:
    assert shop.fulfil("missing", "f1", {}).status == 404


def test_a_fulfilment_at_another_store_does_not_touch_this_one(shop: Shop, admin: Client) -> None:
    shop.put_order("o1")
    Shop.create(admin, "s2", "other.example")
    assert admin.put("/admin/stores/s2/orders/o1/fulfilments/f1", {}).status == 404


def test_a_cancelled_fulfilment_releases_its_quantities(shop: Shop) -> None:
    shop.put_order("o1")
    shop.fulfil("o1", "f1", {"items": [{"line_id": "l1", "quantity": 2}]})
    view = shop.fulfil("o1", "f1", {"items": [{"line_id": "l1", "quantity": 2}], "status": "cancelled"}).json()
    assert view["fulfilment_status"] == "unfulfilled"
    assert shop.fulfil("o1", "f2", {"items": [{"line_id": "l1", "quantity": 2}]}).status == 200


def test_ten_concurrent_fulfilments_of_one_order_lose_nothing(shop: Shop) -> None:
    body = order_body(items=[{"line_id": "l1", "sku": "S", "name": "Sock", "quantity": 10, "unit_price": 100}])
    body["totals"] = {"subtotal": 1000, "total": 1000}
    shop.put_order("o1", body)

    def fulfil(i: int) -> str:
        fulfilment = FulfilmentIn(items=[{"line_id": "l1", "quantity": 1}], tracking_number=f"T{i}")
        return orders.put_fulfilment("s1", "o1", f"f{i}", fulfilment)["fulfilment_status"]

    results = race(fulfil, 10)
    assert all(r in ("partially_fulfilled", "fulfilled") for r in results), results
    view = shop.put_order("o1", body).json()
    assert sorted((f["fulfilment_id"], f["tracking_number"]) for f in view["fulfilments"]) == sorted(
        (f"f{i}", f"T{i}") for i in range(10)
    )
    assert view["items"][0]["fulfilled_quantity"] == 10
    assert view["fulfilment_status"] == "fulfilled"


def test_concurrent_fulfilments_never_ship_more_than_ordered(shop: Shop) -> None:
    shop.put_order("o1")  # l1 has 2

    def fulfil(i: int) -> int:
        orders.put_fulfilment("s1", "o1", f"f{i}", FulfilmentIn(items=[{"line_id": "l1", "quantity": 1}]))
        return 200

    assert sorted(race(fulfil, 6)) == [200, 200, 409, 409, 409, 409]
    view = shop.put_order("o1").json()
    assert view["items"][0]["fulfilled_quantity"] == 2


def test_ten_fulfilments_racing_four_order_updates_lose_nothing(shop: Shop) -> None:
    """Fourteen writers of both kinds on one order item: each gets through its retries (no 409), and
    no update of the order drops a fulfilment written while it ran."""
    body = order_body(items=[{"line_id": "l1", "sku": "S", "name": "Sock", "quantity": 10, "unit_price": 100}])
    body["totals"] = {"subtotal": 1000, "total": 1000}
    shop.put_order("o1", body)
    names = [f"Ann Example {i}" for i in range(4)]

    def write(i: int) -> str:
        if i < 10:
            fulfilment = FulfilmentIn(items=[{"line_id": "l1", "quantity": 1}], tracking_number=f"T{i}")
            return orders.put_fulfilment("s1", "o1", f"f{i}", fulfilment)["fulfilment_status"]
        update = OrderIn.model_validate({**body, "customer_name": names[i - 10]})
        created, _view = orders.put_order("s1", "o1", update)
        return "created" if created else "updated"

    results = race(write, 14)
    assert all(r in ("partially_fulfilled", "fulfilled") for r in results[:10]), results
    assert results[10:] == ["updated"] * 4, results
    view = orders.get_for_customer(Viewer("s1", ANN), "o1")
    assert sorted((f["fulfilment_id"], f["tracking_number"]) for f in view["fulfilments"]) == sorted(
        (f"f{i}", f"T{i}") for i in range(10)
    )
    assert view["items"][0]["fulfilled_quantity"] == 10
    assert view["customer_name"] in names


def test_a_fulfilment_that_loses_every_race_is_409_after_bounded_attempts(
    shop: Shop, faults: Faults, calls: Calls
) -> None:
    """DynamoDB cancels every write of the order as it cancels a transaction another writer got in
    first (TransactionCanceledException, ConditionalCheckFailed): each attempt reads the order again and
    decides again, as many times as the product's own backoff allows, then answers 409."""
    shop.put_order("o1")
    version = _version("o1")
    attempts = configured_backoff().retries + 1
    with faults.fail("dynamodb", "TransactWriteItems", "TransactionCanceledException", table="OrdersTable") as lost:
        calls.clear()
        reply = shop.fulfil("o1", "f1", {})
    assert reply.status == 409
    assert reply.json()["error"] == "conflict"
    assert "being changed by another request" in reply.json()["message"]
    assert attempts > 1
    assert lost.hits == attempts
    order_calls = [c.operation for c in calls.of("dynamodb") if "OrdersTable" in (c.table or "").split(",")]
    assert order_calls == ["GetItem", "TransactWriteItems"] * attempts
    assert _version("o1") == version


def _invoke(gateway: Gateway, event: dict[str, Any]) -> dict[str, Any]:
    handler = gateway.module("FulfilmentsFunction").lambda_handler
    return handler(event, LambdaContext("FulfilmentsFunction"))


def test_direct_invocation_takes_the_same_payload_plus_ids(shop: Shop, gateway: Gateway) -> None:
    shop.put_order("o1")
    event = {"store_id": "s1", "order_id": "o1", "fulfilment_id": "f1", "carrier": "UPS", "tracking_number": "1Z"}
    view = answer(OrderView, _invoke(gateway, event))
    assert view["fulfilment_status"] == "fulfilled"
    assert view["fulfilments"][0]["tracking_number"] == "1Z"
    assert _invoke(gateway, event) == view


def test_direct_invocation_reports_errors_in_the_contract_shape(shop: Shop, gateway: Gateway) -> None:
    shop.put_order("o1")
    missing = _invoke(gateway, {"store_id": "s1", "order_id": "nope", "fulfilment_id": "f1"})
    assert missing["status"] == 404
    assert missing["error"] == "not_found"
    bad = _invoke(
        gateway,
        {"store_id": "s1", "order_id": "o1", "fulfilment_id": "f1", "items": [{"line_id": "l1", "quantity": -1}]},
    )
    assert bad["status"] == 400
    assert bad["error"] == "bad_request"
    assert bad["details"]
