"""Bad input on every route: a 4xx in the contract's error shape, never a 500, and nothing stored."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from access_center.stores.domain_models import DomainOut
from access_center.web.models import ErrorBody
from devtools import template
from tests.harness.aws import aws_client
from tests.harness.backends import data_items
from tests.harness.bodies import order_body
from tests.harness.models import answer
from tests.harness.support import Client, Shop

CODES = {
    400: "bad_request",
    401: "unauthorized",
    404: "not_found",
    409: "conflict",
    413: "payload_too_large",
    422: "unprocessable",
}


def _items_in_tables() -> str:
    """Every stored item, on either backend (a test may scan; the product itself never does): a
    snapshot to compare before and after a refused request."""
    snapshot = {
        name: sorted(json.dumps(i, sort_keys=True) for i in data_items(name)) for name in template.table_definitions()
    }
    return json.dumps(snapshot, sort_keys=True)


def _assert_error(reply: Any, status: int) -> None:
    assert reply.status == status, reply.body
    body = answer(ErrorBody, reply)
    assert body["error"] == CODES[status]
    assert isinstance(body["message"], str)
    assert body["message"]
    assert set(body) <= {"error", "message", "details"}


def _mutate(path: str, value: Any) -> dict[str, Any]:
    body = order_body()
    target = body
    keys = path.split(".")
    for key in keys[:-1]:
        target = target[int(key)] if key.isdigit() else target[key]
    last = keys[-1]
    if value is _DROP:
        del target[last]
    else:
        target[int(last) if last.isdigit() else last] = value
    return body


_DROP = object()

BAD_ORDERS = {
    "amount as string": ("totals.total", "4422"),
    "amount as float": ("totals.total", 44.22),
    "amount negative": ("totals.subtotal", -1),
    "amount as bool": ("totals.tax", True),
    "quantity zero": ("items.0.quantity", 0),
    "quantity negative": ("items.0.quantity", -2),
    "quantity float": ("items.0.quantity", 1.5),
    "unit price string": ("items.0.unit_price", "12.50"),
    "missing email": ("email", _DROP),
    "missing items": ("items", _DROP),
    "empty items": ("items", []),
    "missing totals": ("totals", _DROP),
    "bad email": ("email", "not-an-email"),
    "bad currency": ("currency", "euro"),
    "bad placed_at": ("placed_at", "yesterday"),
    "numeric placed_at": ("placed_at", 1763632800),
    "items not a list": ("items", {"line_id": "l1"}),
    "unknown field": ("colour", "red"),
    "null number": ("number", None),
    "object as name": ("customer_name", {"first": "Ann"}),
    "bad line id": ("items.0.line_id", "has space"),
}


@pytest.mark.parametrize("case", BAD_ORDERS.values(), ids=BAD_ORDERS.keys())
def test_a_bad_order_is_400_and_stores_nothing(shop: Shop, case: tuple[str, Any]) -> None:
    before = _items_in_tables()
    reply = shop.put_order("o1", _mutate(*case))
    _assert_error(reply, 400)
    assert reply.json()["details"]
    assert _items_in_tables() == before


def test_duplicate_line_ids_are_400(shop: Shop) -> None:
    body = order_body()
    body["items"][1]["line_id"] = "l1"
    _assert_error(shop.put_order("o1", body), 400)


@pytest.mark.parametrize(
    "raw",
    ["{not json", "", "null", "[]", '"a string"', "42", '{"number": "1"', "\x00\x01"],
    ids=["broken", "empty", "null", "array", "string", "number", "truncated", "binary"],
)
def test_malformed_json_is_400_on_every_body_route(shop: Shop, customer: Client, raw: str) -> None:
    before = _items_in_tables()
    routes = [
        (shop.admin, "/admin/stores/s1"),
        (shop.admin, "/admin/stores/s1/domain"),
        (shop.admin, "/admin/stores/s1/orders/o1"),
        (shop.admin, "/admin/stores/s1/orders/o1/fulfilments/f1"),
    ]
    for client, path in routes:
        _assert_error(client.request("PUT", path, raw=raw), 400)
    for path in ("/store/account/api/otp", "/store/account/api/otp/verify"):
        _assert_error(customer.request("POST", path, raw=raw), 400)
    assert _items_in_tables() == before


def test_a_body_over_64_kib_is_413_and_stores_nothing(shop: Shop, customer: Client) -> None:
    before = _items_in_tables()
    big = order_body(customer_name="x" * 100)
    big["items"] = [
        {"line_id": f"l{i}", "sku": "S" * 90, "name": "N" * 400, "quantity": 1, "unit_price": 1} for i in range(200)
    ]
    assert len(json.dumps(big)) > 64 * 1024
    _assert_error(shop.put_order("big", big), 413)
    _assert_error(customer.post("/store/account/api/otp", {"email": "a@example.com", "pad": "x" * 70_000}), 413)
    assert _items_in_tables() == before


BAD_FULFILMENTS = {
    "zero quantity": {"items": [{"line_id": "l1", "quantity": 0}]},
    "negative quantity": {"items": [{"line_id": "l1", "quantity": -1}]},
    "string quantity": {"items": [{"line_id": "l1", "quantity": "1"}]},
    "empty items": {"items": []},
    "duplicate lines": {"items": [{"line_id": "l1", "quantity": 1}, {"line_id": "l1", "quantity": 1}]},
    "javascript tracking url": {"tracking_url": "javascript:alert(1)"},
    "unknown field": {"courier": "UPS"},
    "carrier not a string": {"carrier": ["UPS"]},
}


@pytest.mark.parametrize("body", BAD_FULFILMENTS.values(), ids=BAD_FULFILMENTS.keys())
def test_a_bad_fulfilment_is_400_and_changes_nothing(shop: Shop, body: dict[str, Any]) -> None:
    shop.put_order("o1")
    before = _items_in_tables()
    table = aws_client("dynamodb")
    key = {"pk": {"S": "s1#o1"}}
    version = table.get_item(TableName="OrdersTable", Key=key)["Item"]["version"]
    _assert_error(shop.fulfil("o1", "f1", copy.deepcopy(body)), 400)
    assert table.get_item(TableName="OrdersTable", Key=key)["Item"]["version"] == version
    assert _items_in_tables() == before


BAD_SETTINGS = {
    "missing name": {"from_email": "a@shop.example"},
    "bad from_email": {"name": "S", "from_email": "nope"},
    "flag as string": {"name": "S", "from_email": "a@shop.example", "sticky_contact": "yes"},
    "http logo": {"name": "S", "from_email": "a@shop.example", "logo_url": "http://shop.example/logo.png"},
    "bad colour": {"name": "S", "from_email": "a@shop.example", "brand_color": "red"},
    "unknown time zone": {"name": "S", "from_email": "a@shop.example", "timezone": "Mars/Olympus_Mons"},
    "time zone region only": {"name": "S", "from_email": "a@shop.example", "timezone": "Europe"},
    "time zone of the OS": {"name": "S", "from_email": "a@shop.example", "timezone": "localtime"},
    "time zone as a path": {"name": "S", "from_email": "a@shop.example", "timezone": "../../etc/passwd"},
    "time zone in lower case": {"name": "S", "from_email": "a@shop.example", "timezone": "europe/berlin"},
    "time zone as offset": {"name": "S", "from_email": "a@shop.example", "timezone": "+02:00"},
}


@pytest.mark.parametrize("body", BAD_SETTINGS.values(), ids=BAD_SETTINGS.keys())
def test_bad_store_settings_are_400(admin: Client, body: dict[str, Any]) -> None:
    before = _items_in_tables()
    _assert_error(admin.put("/admin/stores/s9", body), 400)
    assert _items_in_tables() == before


@pytest.mark.parametrize(
    "body",
    [
        {"domain": "192.0.2.1"},
        {"domain": "*.shop.example"},
        {"domain": "not a domain"},
        {"domain": "localhost"},
        {"domain": "-bad-.example"},
        {"domain": "new.example", "path_prefix": "/a/../b"},
        {"domain": "new.example", "path_prefix": "/shop/store"},
        {"domain": "new.example", "path_prefix": "/x/store/account"},
        {"domain": "new.example", "certificate_arn": "arn:aws:acm:eu-west-1:123456789012:certificate/abc"},
        {"domain": "new.example", "certificate_arn": "not-an-arn"},
    ],
)
def test_bad_domains_are_400_and_connect_nothing(shop: Shop, body: dict[str, Any]) -> None:
    before = _items_in_tables()
    _assert_error(shop.admin.put("/admin/stores/s1/domain", body), 400)
    assert _items_in_tables() == before


def test_a_domain_taken_by_another_store_is_409(shop: Shop, admin: Client) -> None:
    admin.put("/admin/stores/s2", {"name": "Two", "from_email": "a@other.example"})
    _assert_error(admin.put("/admin/stores/s2/domain", {"domain": "Shop.Example"}), 409)


def test_connecting_a_domain_for_an_unknown_store_is_404(admin: Client) -> None:
    _assert_error(admin.put("/admin/stores/ghost/domain", {"domain": "ghost.example"}), 404)


def test_reconnecting_moves_the_store_to_its_new_domain(shop: Shop, customer: Client) -> None:
    reply = shop.admin.put("/admin/stores/s1/domain", {"domain": "third.example", "path_prefix": "/shop/"})
    assert reply.status == 200
    assert (
        answer(DomainOut, reply).items()
        >= {  # plus dns_target, dns_target_zone_id (tests/functional/stores/test_domains.py)
            "store_id": "s1",
            "domain": "third.example",
            "path_prefix": "/shop",
            "url": "https://third.example/shop/store/account/orders",
        }.items()
    )
    _assert_error(customer.post("/store/account/api/otp", {"email": "a@example.com"}), 404)
    moved = customer.post("/shop/store/account/api/otp", {"email": "a@example.com"}, host="third.example")
    assert moved.status == 202


@pytest.mark.parametrize("store_id", ["has space", "a#b", "x" * 200])
def test_bad_store_ids_in_the_path_are_400(admin: Client, store_id: str) -> None:
    reply = admin.put(f"/admin/stores/{store_id}", {"name": "S", "from_email": "a@shop.example"})
    assert reply.status in (400, 404)
    assert reply.json()["error"] in ("bad_request", "not_found")


def test_an_unknown_route_is_404_in_the_contract_shape(customer: Client, admin: Client) -> None:
    _assert_error(customer.get("/store/account/api/nothing"), 404)
    _assert_error(admin.request("DELETE", "/admin/stores/s1"), 404)


def test_a_code_that_is_not_a_string_is_400(shop: Shop, customer: Client) -> None:
    _assert_error(customer.post("/store/account/api/otp/verify", {"email": "a@example.com", "code": 123456}), 400)
    _assert_error(customer.post("/store/account/api/otp/verify", {"email": "a@example.com"}), 400)
