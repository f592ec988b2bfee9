"""Sessions: server-side, bound to one store, idle and absolute expiry, revocable."""

from __future__ import annotations

import hashlib

import pytest

from devtools.emulator.gateway import Gateway
from tests.harness.aws import aws_client
from tests.harness.clock import Clock
from tests.harness.support import Client, Shop

ANN = "ann@example.com"


@pytest.fixture
def logged_in(shop: Shop, customer: Client) -> Client:
    shop.put_order("o1", email=ANN)
    shop.login_with_code(customer, ANN)
    return customer


def test_me_without_a_session_is_401(customer: Client) -> None:
    reply = customer.get("/store/account/api/me")
    assert reply.status == 401
    assert reply.json()["error"] == "unauthorized"


def test_a_session_token_is_stored_only_as_its_hash(logged_in: Client) -> None:
    token = logged_in.cookies["cac_session"]
    assert len(token) >= 43  # 256 random bits, base64url
    table = aws_client("dynamodb")
    digest = hashlib.sha256(token.encode()).hexdigest()
    item = table.get_item(TableName="SessionsTable", Key={"token_hash": {"S": digest}})["Item"]
    assert token not in repr(item)
    assert item["store_id"] == {"S": "s1"}


def test_logout_revokes_the_session_server_side(logged_in: Client) -> None:
    token = logged_in.cookies["cac_session"]
    reply = logged_in.post("/store/account/api/logout")
    assert reply.status == 204
    assert "Max-Age=0" in (reply.header("Set-Cookie") or "")
    replayed = Client(logged_in.gateway, "shop.example", cookies={"cac_session": token})
    assert replayed.get("/store/account/api/me").status == 401


def test_logout_without_a_session_is_still_204(customer: Client) -> None:
    assert customer.post("/store/account/api/logout").status == 204


def test_a_session_is_useless_on_another_store(logged_in: Client, admin: Client, gateway: Gateway) -> None:
    other = Shop.create(admin, "s2", "other.example", name="Shop Two")
    other.put_order("o1", email=ANN)
    stolen = Client(gateway, "other.example", cookies=dict(logged_in.cookies))
    assert stolen.get("/store/account/api/me").status == 401
    assert stolen.get("/store/account/api/orders").status == 401


def test_a_session_ends_after_seven_idle_days(logged_in: Client, clock: Clock) -> None:
    clock.advance(7 * 86400 - 60)
    assert logged_in.get("/store/account/api/me").status == 200
    clock.advance(7 * 86400 - 60)
    assert logged_in.get("/store/account/api/me").status == 200
    clock.advance(7 * 86400 + 1)
    assert logged_in.get("/store/account/api/me").status == 401


def test_a_session_ends_after_thirty_days_however_active(clock: Clock, logged_in: Client) -> None:
    for _ in range(5):
        clock.advance(5 * 86400)
        assert logged_in.get("/store/account/api/me").status == 200
    clock.advance(5 * 86400 - 1)
    assert logged_in.get("/store/account/api/me").status == 200
    clock.advance(1)
    assert logged_in.get("/store/account/api/me").status == 401


def test_a_garbage_cookie_is_401_not_500(customer: Client) -> None:
    for value in ["x", "%%%", "a" * 500, '"quoted"']:
        customer.cookies = {"cac_session": value}
        assert customer.get("/store/account/api/me").status == 401
