"""DynamoDB calls per route (the budgets in bench/budgets.py, which `make bench` reports too), counted
with botocore's before-call events on whatever clients the product uses; on either backend. No Scan."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from access_center.login import codes as login
from access_center.stores.logic import store_for_host
from bench.budgets import HOST_LOOKUP, first_request
from devtools.awscalls import Calls
from devtools.emulator.gateway import Gateway, Reply
from tests.harness.bodies import order_body
from tests.harness.support import Client, Shop, fresh_tallies

# The clock stands still: a store's fair-share counter makes a second UpdateItem when the minute it was
# last written in has passed (web.fair_share), which the call budgets would otherwise meet at random.
pytestmark = pytest.mark.usefixtures("clock")

ANN = "ann@example.com"


class _Direct(Client):
    """One function invocation per request and nothing else: no queue delivery after it (the code
    email's consumer is another function), and a gateway that routes without reading the table (the
    emulated API Gateway's domain lookup is the custom domain mapping in AWS, not the product's call)."""

    def request(self, method: str, path: str, body: Any = None, **kw: Any) -> Reply:
        headers = {"Host": self.host, "Content-Type": "application/json"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        payload = json.dumps(body) if body is not None else None
        return self.gateway.request(method, path, headers=headers, body=payload, source_ip=self.ip)


def _direct(client: Client, shop: Shop) -> Client:
    gateway = Gateway(domain_lookup=lambda host: (shop.store_id, shop.prefix) if host == shop.domain else None)
    return _Direct(gateway, client.host, client.ip, dict(client.cookies))


@pytest.fixture
def ann(shop: Shop, customer: Client) -> Client:
    for day in range(1, 26):
        body = order_body(email=ANN, number=f"N{day}", placed_at=f"2026-10-{day:02d}T10:00:00Z")
        assert shop.put_order(f"o{day}", body).status == 201
    shop.login(customer, ANN)
    return _direct(customer, shop)


def _warm_then_count(calls: Calls, request: Callable[[], Reply]) -> list[str]:
    """The DynamoDB operations of one request made after the same kind of request warmed the container."""
    fresh_tallies(calls)
    assert request().status < 400
    return calls.operations("dynamodb")


def test_orders_list_is_a_session_read_and_one_query(ann: Client, calls: Calls) -> None:
    ann.get("/store/account/api/orders")
    ops = _warm_then_count(calls, lambda: ann.get("/store/account/api/orders"))
    assert ops == first_request("orders list")


def test_a_deeper_page_is_still_one_query(ann: Client, calls: Calls) -> None:
    cursor = ann.get("/store/account/api/orders?limit=5").json()["next_cursor"]
    ops = _warm_then_count(calls, lambda: ann.get(f"/store/account/api/orders?limit=5&cursor={cursor}"))
    assert ops == first_request("orders list")


def test_order_detail_is_a_session_read_and_the_order(ann: Client, calls: Calls) -> None:
    ann.get("/store/account/api/orders/o1")
    ops = _warm_then_count(calls, lambda: ann.get("/store/account/api/orders/o2"))
    assert ops == first_request("order detail")


def test_otp_send(shop: Shop, customer: Client, calls: Calls) -> None:
    customer = _direct(customer, shop)
    shop.send_code(customer, "warm@example.com")
    ops = _warm_then_count(calls, lambda: shop.send_code(customer, "someone@example.com"))
    assert ops == first_request("otp send")


def test_otp_verify(ann: Client, shop: Shop, calls: Calls) -> None:
    issued = login.issue_code(store_for_host(shop.domain), "bea@example.com", "203.0.113.9")
    code = login.code_for(shop.store_id, "bea@example.com", issued.counter)
    shop.verify(ann, "warm@example.com", "000000")
    ops = _warm_then_count(calls, lambda: shop.verify(ann, "bea@example.com", code))
    assert ops == first_request("otp verify")


def test_fulfilment_update(ann: Client, shop: Shop, calls: Calls) -> None:
    shop.fulfil("o1", "f1", {"carrier": "UPS"})
    ops = _warm_then_count(calls, lambda: shop.fulfil("o2", "f1", {"carrier": "UPS"}))
    assert ops == first_request("fulfilment update")


def test_a_cold_container_adds_only_the_host_lookup(ann: Client, calls: Calls) -> None:
    from access_center.stores import logic as stores

    stores.forget_hosts()
    ops = _warm_then_count(calls, lambda: ann.get("/store/account/api/orders"))
    assert ops == HOST_LOOKUP + first_request("orders list")


def test_no_route_ever_scans(ann: Client, shop: Shop, calls: Calls) -> None:
    ann.get("/store/account/api/orders")
    ann.get("/store/account/api/orders/o3")
    ann.get("/store/account/api/me")
    shop.fulfil("o3", "f1", {})
    assert calls.count("dynamodb") > 0
    assert not {"Scan", "ExecuteStatement", "BatchExecuteStatement"} & set(calls.operations("dynamodb"))
