"""A store's own proxy (API.md section 14): the write-only `proxy_secret` setting, and the customer's
address it names in X-Forwarded-For, counted only with the store's secret (stores.requests)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest

from access_center.stores.models import StoreSettingsOut
from devtools.emulator.gateway import Gateway, Reply
from tests.harness.aws import aws_client
from tests.harness.bodies import store_settings
from tests.harness.edge import (
    EDGE_SERVER,
    edge_headers,
    edge_secret_configured,
    gateway_behind_edge,
    sends_per_address,
)
from tests.harness.models import answer
from tests.harness.support import Client, Shop

SECRET = "c3RvcmUtcHJveHktc2VjcmV0LTAxMjM0NTY3ODlhYmNkZWY"
PROXY = "192.0.2.50"  # the store's proxy: the viewer the edge sees
ANN, BOB = "203.0.113.7", "2001:db8::b0b"  # two customers behind it
LIMIT = 4


@pytest.fixture(autouse=True)
def low_address_limit(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with sends_per_address(monkeypatch, LIMIT):
        yield


@pytest.fixture
def proxied(shop: Shop, admin: Client) -> Shop:
    """Store s1 with a proxy secret."""
    assert admin.put("/admin/stores/s1", store_settings(domain="shop.example", proxy_secret=SECRET)).status == 200
    return shop


def _store_item() -> dict[str, Any]:
    item = aws_client("dynamodb").get_item(TableName="StoresTable", Key={"pk": {"S": "store#s1"}}, ConsistentRead=True)
    return dict(item["Item"])


def _send(gateway: Gateway, n: int, headers: dict[str, str], source: str) -> Reply:
    return gateway.request(
        "POST",
        "/store/account/api/otp",
        headers={"Content-Type": "application/json", **headers},
        body=json.dumps({"email": f"p{n}@example.com"}),
        source_ip=source,
    )


def _flood(gateway: Gateway, start: int, count: int, headers: dict[str, str], source: str) -> list[int]:
    return [_send(gateway, start + n, headers, source).status for n in range(count)]


# ---------------------------------------------------------------------------------------- the setting
def test_the_secret_is_write_only(shop: Shop, admin: Client) -> None:
    reply = admin.put("/admin/stores/s1", store_settings(domain="shop.example", proxy_secret=SECRET))
    assert reply.status == 200
    assert answer(StoreSettingsOut, reply)["proxy_secret_set"] is True
    assert SECRET.encode() not in reply.body
    assert "proxy_secret" not in reply.json()
    assert SECRET not in json.dumps(_store_item())  # only its digest is stored, apart from the settings
    assert "proxy_secret" not in _store_item()["settings"]["M"]


def test_a_put_without_it_keeps_it_and_null_clears_it(proxied: Shop, admin: Client) -> None:
    kept = admin.put("/admin/stores/s1", store_settings(domain="shop.example", name="Renamed"))
    assert answer(StoreSettingsOut, kept)["proxy_secret_set"] is True
    cleared = admin.put("/admin/stores/s1", store_settings(domain="shop.example", proxy_secret=None))
    assert answer(StoreSettingsOut, cleared)["proxy_secret_set"] is False
    assert "proxy_secret_digest" not in _store_item()


@pytest.mark.parametrize(
    "secret",
    [
        "short",
        "x" * 129,
        SECRET + "\r\n",
        SECRET[:20] + "\n" + SECRET[20:],
        SECRET[:40] + " é",
        12345678901234567890,
        True,
    ],
)
def test_a_secret_that_breaks_the_rule_is_400_and_changes_nothing(proxied: Shop, admin: Client, secret: Any) -> None:
    before = _store_item()
    reply = admin.put("/admin/stores/s1", store_settings(domain="shop.example", name="Changed", proxy_secret=secret))
    assert reply.status == 400
    assert reply.json()["error"] == "bad_request"
    assert isinstance(secret, bool) or str(secret).strip().encode() not in reply.body
    assert _store_item() == before


def test_the_secret_never_reaches_the_logs(
    admin: Client, shop: Shop, gateway: Gateway, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.INFO)
    admin.put("/admin/stores/s1", store_settings(domain="shop.example", proxy_secret=SECRET))
    admin.put("/admin/stores/s1", store_settings(domain="shop.example", proxy_secret=SECRET + "\n"))  # refused
    for n in range(LIMIT + 1):  # the last one refused (429)
        _send(gateway, n, {"Host": "shop.example", "X-Proxy-Secret": SECRET, "X-Forwarded-For": ANN}, PROXY)
    out = capsys.readouterr()
    assert SECRET not in caplog.text + out.out + out.err


# ------------------------------------------------------------------------- the address that counts
@pytest.mark.parametrize(
    "forwarded_for",
    [
        ANN,  # locally: the header as the proxy sent it
        f"{ANN}, {PROXY}",  # custom-domains deployments: API Gateway appended the proxy
        f"10.0.0.1, {ANN}",  # what the customer's browser sent comes before the proxy's entry
    ],
)
def test_with_the_stores_secret_the_forwarded_customer_counts(
    proxied: Shop, gateway: Gateway, forwarded_for: str
) -> None:
    ann = {"Host": "shop.example", "X-Proxy-Secret": SECRET, "X-Forwarded-For": forwarded_for}
    bob = {"Host": "shop.example", "X-Proxy-Secret": SECRET, "X-Forwarded-For": BOB}
    assert _flood(gateway, 0, LIMIT + 1, ann, PROXY) == [202] * LIMIT + [429]
    assert _flood(gateway, 100, LIMIT, bob, PROXY) == [202] * LIMIT  # another customer of the same proxy
    # The proxy's own address was never counted, and Ann's at other stores' doors neither: her
    # forwarded address counts within this store only.
    assert _send(gateway, 200, {"Host": "shop.example"}, PROXY).status == 202
    assert _send(gateway, 201, {"Host": "shop.example"}, ANN).status == 202


def test_behind_the_edge_the_proxys_customer_counts(proxied: Shop, aws: None, monkeypatch: pytest.MonkeyPatch) -> None:
    with edge_secret_configured(monkeypatch):
        behind_edge = gateway_behind_edge()
        # proxy -> CloudFront (appends the proxy) -> API Gateway (appends the edge server)
        forwarded = {"X-Proxy-Secret": SECRET, "X-Forwarded-For": f"198.18.0.1, {ANN}, {PROXY}, {EDGE_SERVER}"}
        ann = edge_headers("shop.example", f"{PROXY}:40000", **forwarded)
        bob = edge_headers(
            "shop.example", f"{PROXY}:40001", **{**forwarded, "X-Forwarded-For": f"{BOB}, {PROXY}, {EDGE_SERVER}"}
        )
        assert _flood(behind_edge, 0, LIMIT + 1, ann, EDGE_SERVER) == [202] * LIMIT + [429]
        assert _flood(behind_edge, 100, LIMIT, bob, EDGE_SERVER) == [202] * LIMIT
        no_proxy = edge_headers("shop.example", f"{PROXY}:40002")
        assert _send(behind_edge, 200, no_proxy, EDGE_SERVER).status == 202


@pytest.mark.parametrize(
    "proxy_secret",
    [None, "wrong-" + SECRET, SECRET[:-1], SECRET + "x", SECRET.upper(), SECRET + "\r\nX-Evil: 1", SECRET * 80],
)
def test_a_wrong_or_absent_secret_counts_the_proxys_own_address(
    proxied: Shop, gateway: Gateway, proxy_secret: str | None
) -> None:
    statuses = []
    for n in range(LIMIT + 2):  # every request names another customer
        headers = {"Host": "shop.example", "X-Forwarded-For": f"198.18.0.{n}"}
        if proxy_secret is not None:
            headers["X-Proxy-Secret"] = proxy_secret
        statuses.append(_send(gateway, n, headers, PROXY).status)
    assert statuses == [202] * LIMIT + [429, 429]


def test_a_store_without_a_secret_ignores_the_headers(shop: Shop, gateway: Gateway) -> None:
    statuses = [
        _send(
            gateway, n, {"Host": "shop.example", "X-Proxy-Secret": SECRET, "X-Forwarded-For": f"198.18.0.{n}"}, PROXY
        ).status
        for n in range(LIMIT + 1)
    ]
    assert statuses == [202] * LIMIT + [429]


def test_one_stores_secret_is_nothing_at_another_store(proxied: Shop, admin: Client, gateway: Gateway) -> None:
    Shop.create(admin, "s2", "other.example")
    statuses = [
        _send(
            gateway, n, {"Host": "other.example", "X-Proxy-Secret": SECRET, "X-Forwarded-For": f"198.18.0.{n}"}, PROXY
        ).status
        for n in range(LIMIT + 1)
    ]
    assert statuses == [202] * LIMIT + [429]


@pytest.mark.parametrize(
    "forwarded_for",
    ["", "unknown", f"{ANN}\r\nX-Evil: 1", "9" * 10_240, f"{ANN}:99999", f"{PROXY}", "[2001:db8::1"],
)
def test_a_forwarded_header_that_names_no_customer_counts_the_proxy(
    proxied: Shop, gateway: Gateway, forwarded_for: str
) -> None:
    headers = {"Host": "shop.example", "X-Proxy-Secret": SECRET, "X-Forwarded-For": forwarded_for}
    assert _flood(gateway, 0, LIMIT + 1, headers, PROXY) == [202] * LIMIT + [429]  # never a 500
