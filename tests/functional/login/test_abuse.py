"""Abuse: brute force across resends, throttles under parallel load, store-scoped callers."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest

from access_center.core.errors import DomainError
from access_center.login import codes as login
from access_center.login.delivery import send_code
from access_center.stores.logic import get_store
from devtools.emulator.gateway import Gateway
from devtools.emulator.outbox import sent_emails
from devtools.localenv import LOCAL_PLATFORM_PRINCIPAL
from tests.harness.aws import aws_client
from tests.harness.bodies import order_body, store_settings
from tests.harness.clock import Clock
from tests.harness.emails import code_in
from tests.harness.support import Client, Shop, latest_code

ANN = "ann@example.com"


def _wrong(code: str, offset: int) -> str:
    return f"{(int(code) + offset) % 1_000_000:06d}"


@pytest.mark.slow("a hundred and more login requests")
def test_a_hundred_wrong_codes_from_a_hundred_addresses_never_log_anyone_in_and_then_stop_counting(
    shop: Shop, customer: Client, clock: Clock
) -> None:
    """At most 100 guesses between two logins, whatever the number of addresses: after them the right
    code fails too, and the code email carries only the link."""
    shop.put_order("o1", email=ANN)
    wrong_tries = 0
    while wrong_tries < 100:
        sent = shop.send_code(customer, ANN, ip=f"203.0.113.{wrong_tries % 250}")
        if sent.status == 429:
            clock.advance(int(sent.header("Retry-After") or 1))
            continue
        code = latest_code(ANN)
        for offset in range(1, 6):
            reply = shop.verify(customer, ANN, _wrong(code, offset), ip=f"198.18.{wrong_tries}.{offset}")
            assert reply.status == 401
            wrong_tries += 1
        clock.advance(31)
    assert customer.get("/store/account/api/me").status == 401
    clock.advance(3600)
    assert shop.send_code(customer, ANN).status == 202
    assert code_in(sent_emails(), ANN) is None  # no code in this email: the link alone
    state = aws_client("dynamodb").get_item(
        TableName="CodesTable", Key={"pk": {"S": f"s1#{ANN}"}}, ConsistentRead=True
    )["Item"]
    assert state["failures_since_login"]["N"] == "100"
    the_right_code = login.code_for("s1", ANN, int(state["counter"]["N"]))
    assert shop.verify(customer, ANN, the_right_code).status == 401
    assert "cac_session" not in customer.cookies


def test_parallel_sends_from_one_address_never_pass_the_ip_limit(shop: Shop) -> None:
    store = get_store("s1")
    results: list[int] = []
    barrier = threading.Barrier(70)

    def send(i: int) -> None:
        barrier.wait()
        try:
            send_code(store, f"p{i}@example.com", "203.0.113.9")
            results.append(202)
        except DomainError as error:
            results.append(error.status)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(70)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count(202) == 60
    assert results.count(429) == 10


def test_verification_attempts_are_limited_per_address(shop: Shop, customer: Client) -> None:
    store = get_store("s1")
    statuses = []
    for i in range(302):
        try:
            login.check_code(store, f"v{i}@example.com", "123456", "203.0.113.10")
        except DomainError as error:
            statuses.append(error.status)
    assert statuses[:300] == [401] * 300
    assert statuses[300:] == [429, 429]


def _put(gateway: Gateway, path: str, body: dict[str, Any], caller: str) -> Any:
    return gateway.request(
        "PUT",
        path,
        headers={"Host": "admin.internal", "Content-Type": "application/json"},
        body=json.dumps(body),
        caller_arn=caller,
    )


def test_a_store_scoped_caller_cannot_touch_another_store(shop: Shop, gateway: Gateway) -> None:
    shop.pin("123456789012")
    own = "arn:aws:sts::123456789012:assumed-role/shop-sync/push"  # any principal of the pinned account
    assert _put(gateway, "/admin/stores/s1/orders/o1", order_body(), own).status == 201
    for path, body in [
        ("/admin/stores/s2", store_settings()),
        ("/admin/stores/s2/orders/o1", order_body()),
        ("/admin/stores/s2/orders/o1/fulfilments/f1", {}),
        ("/admin/stores/s2/domain", {"domain": "x.example"}),
    ]:
        reply = _put(gateway, path, body, own)
        assert reply.status == 403, path
        assert reply.json()["error"] == "forbidden"
    platform = LOCAL_PLATFORM_PRINCIPAL  # listed in PLATFORM_PRINCIPALS: every store
    assert _put(gateway, "/admin/stores/s2", store_settings(name="Two", domain="other.example"), platform).status == 200
