"""Behind the platform's edge (web.edge): the store is the viewer's host and the counted address the
viewer's, only when the request carries the edge's origin secret; spoofed headers change nothing.

In AWS the edge (StoreEdgeDistribution) reaches API Gateway with the API's own name as Host, and API
Gateway maps that one custom domain at its root; `behind_edge` is that gateway. The per-address limit
on login codes is lowered to 5 an hour here, so a flood is a handful of requests."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest

from devtools.emulator.gateway import Gateway, Reply
from tests.harness.edge import (
    EDGE_SECRET,
    EDGE_SERVER,
    ORIGIN,
    edge_headers,
    edge_secret_configured,
    gateway_behind_edge,
    sends_per_address,
)
from tests.harness.support import Client, Shop

LIMIT = 5


@pytest.fixture(autouse=True)
def low_address_limit(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with sends_per_address(monkeypatch, LIMIT):
        yield


@pytest.fixture
def edge_secret(aws: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    with edge_secret_configured(monkeypatch) as secret:
        yield secret


@pytest.fixture
def behind_edge(gateway: Gateway) -> Gateway:
    return gateway_behind_edge()


@pytest.fixture
def other(admin: Client) -> Shop:
    return Shop.create(admin, "s2", "other.example")


def _send(gateway: Gateway, n: int, headers: dict[str, str], source: str, base: str = "/store/account") -> Reply:
    return gateway.request(
        "POST",
        f"{base}/api/otp",
        headers={"Content-Type": "application/json", **headers},
        body=json.dumps({"email": f"flood{n}@example.com"}),
        source_ip=source,
    )


# ------------------------------------------------------------------------------- without the secret
def test_spoofed_viewer_headers_never_change_the_store(shop: Shop, other: Shop, customer: Client) -> None:
    shop.login(customer, "ann@example.com")
    spoofed = {"X-Viewer-Host": "other.example", "X-Origin-Secret": EDGE_SECRET, "X-Forwarded-Host": "other.example"}
    reply = customer.get("/store/account/api/me", headers=spoofed)
    assert reply.status == 200, reply.body  # still store s1, whose session this is
    assert reply.json()["email"] == "ann@example.com"


def test_without_an_edge_secret_the_origin_host_is_no_store(behind_edge: Gateway, shop: Shop) -> None:
    reply = _send(behind_edge, 0, edge_headers("shop.example", "203.0.113.1:443"), EDGE_SERVER)
    assert reply.status == 404
    assert reply.json()["error"] == "not_found"


def test_a_flood_with_rotating_spoofed_addresses_still_hits_the_limit(shop: Shop, gateway: Gateway) -> None:
    statuses = []
    for n in range(LIMIT + 2):
        spoofed = {
            "Host": "shop.example",
            "CloudFront-Viewer-Address": f"198.18.0.{n}:443",
            "X-Forwarded-For": f"198.19.0.{n}",
            "X-Origin-Secret": "guess",
            "X-Proxy-Secret": f"{n:0>40}",
        }
        statuses.append(_send(gateway, n, spoofed, "198.51.100.7").status)
    assert statuses == [202] * LIMIT + [429, 429]


def test_with_the_secret_configured_a_wrong_one_is_ignored(edge_secret: str, shop: Shop, gateway: Gateway) -> None:
    statuses = []
    for n in range(LIMIT + 1):
        headers = {
            "Host": "shop.example",
            "CloudFront-Viewer-Address": f"198.18.0.{n}:443",
            "X-Origin-Secret": "x" * 64,
        }
        statuses.append(_send(gateway, n, headers, "198.51.100.7").status)
    assert statuses == [202] * LIMIT + [429]


# ---------------------------------------------------------------------------------- with the secret
def test_behind_the_edge_the_store_is_the_viewers_host(edge_secret: str, behind_edge: Gateway, shop: Shop) -> None:
    assert _send(behind_edge, 0, edge_headers("shop.example", "203.0.113.1:443"), EDGE_SERVER).status == 202
    assert _send(behind_edge, 1, edge_headers("nobody.example", "203.0.113.1:443"), EDGE_SERVER).status == 404


def test_behind_the_edge_two_viewers_have_their_own_limits(edge_secret: str, behind_edge: Gateway, shop: Shop) -> None:
    ann, bob = edge_headers("shop.example", "203.0.113.1:50000"), edge_headers("shop.example", "2001:db8::b0b:443")
    first = [_send(behind_edge, n, ann, EDGE_SERVER).status for n in range(LIMIT + 1)]
    second = [_send(behind_edge, 100 + n, bob, EDGE_SERVER).status for n in range(LIMIT)]
    assert first == [202] * LIMIT + [429]
    assert second == [202] * LIMIT  # the same edge server, another viewer
    # The edge's own address was never counted: a request from it is a viewer of its own.
    assert _send(behind_edge, 200, {"Host": "shop.example"}, EDGE_SERVER).status == 202


@pytest.mark.parametrize(
    "viewer_address",
    ["", "203.0.113.1", "nonsense", "203.0.113.1:443\r\nX-Evil: 1", "9" * 10_240, "[::1]", "fe80::1%eth0:443"],
)
def test_a_malformed_viewer_address_counts_the_source_address(
    edge_secret: str, behind_edge: Gateway, shop: Shop, viewer_address: str
) -> None:
    statuses = [
        _send(behind_edge, n, edge_headers("shop.example", viewer_address), EDGE_SERVER).status
        for n in range(LIMIT + 1)
    ]
    assert statuses == [202] * LIMIT + [429]  # the edge server's address: refused, never a 500


@pytest.mark.parametrize(
    "viewer_host", ["shop.example\r\nX-Evil: 1", "shop.example/admin", "x" * 10_240, "shop.example, other.example"]
)
def test_a_malformed_viewer_host_is_ignored(
    edge_secret: str, behind_edge: Gateway, shop: Shop, viewer_host: str
) -> None:
    reply = _send(behind_edge, 0, edge_headers(viewer_host, "203.0.113.1:443"), EDGE_SERVER)
    assert reply.status == 404  # the origin's own name is no store; never a 500
    assert reply.json()["error"] == "not_found"


def test_an_oversized_origin_secret_is_no_secret(edge_secret: str, behind_edge: Gateway, shop: Shop) -> None:
    reply = _send(
        behind_edge, 0, edge_headers("shop.example", "203.0.113.1:443", secret=EDGE_SECRET * 160), EDGE_SERVER
    )
    assert reply.status == 404


def test_the_edge_secret_is_read_once_per_container(
    edge_secret: str, behind_edge: Gateway, shop: Shop, faults: Any
) -> None:
    for n in range(3):
        assert _send(behind_edge, n, edge_headers("shop.example", f"203.0.113.{n}:443"), EDGE_SERVER).status == 202
    assert [call for call in faults.calls if call[0] == "secretsmanager"] == [("secretsmanager", "GetSecretValue")]


# -------------------------------------------------------------------------------- cross-site checks
def test_json_routes_take_the_viewers_host_as_their_origin_behind_theedge_headers(
    edge_secret: str, behind_edge: Gateway, shop: Shop
) -> None:
    same = edge_headers("shop.example", "203.0.113.1:443", Origin="https://shop.example")
    assert _send(behind_edge, 0, same, EDGE_SERVER).status == 202
    foreign = edge_headers("shop.example", "203.0.113.1:443", Origin="https://other.example")
    assert _send(behind_edge, 1, foreign, EDGE_SERVER).status == 403
    # The API's own name is no origin of the store's pages.
    as_origin = edge_headers("shop.example", "203.0.113.1:443", Origin=f"https://{ORIGIN}")
    assert _send(behind_edge, 2, as_origin, EDGE_SERVER).status == 403


def test_without_the_secret_the_origin_is_compared_with_host(shop: Shop, gateway: Gateway) -> None:
    headers = {"Host": "shop.example", "X-Viewer-Host": "evil.example", "Origin": "https://evil.example"}
    assert _send(gateway, 0, headers, "198.51.100.7").status == 403
    headers = {"Host": "shop.example", "X-Viewer-Host": "evil.example", "Origin": "https://shop.example"}
    assert _send(gateway, 1, headers, "198.51.100.7").status == 202


def test_page_forms_behind_the_edge_pass_the_cross_site_check(
    edge_secret: str, behind_edge: Gateway, shop: Shop
) -> None:
    headers = edge_headers("shop.example", "203.0.113.1:443", Origin="https://shop.example")
    page = behind_edge.request("GET", "/store/account/login", headers=headers, source_ip=EDGE_SERVER)
    assert page.status == 200
    foreign = edge_headers("shop.example", "203.0.113.1:443", Origin="https://evil.example")
    form = {"Content-Type": "application/x-www-form-urlencoded", **foreign}
    posted = behind_edge.request(
        "POST", "/store/account/login", headers=form, body="email=a%40example.com", source_ip=EDGE_SERVER
    )
    assert posted.status == 403


@pytest.mark.parametrize("origin", ["http://[", "https://shop.example]", "x" * 10_240, "https://shop.example\r\nX: y"])
def test_a_malformed_origin_is_refused_never_a_500(shop: Shop, gateway: Gateway, origin: str) -> None:
    assert _send(gateway, 0, {"Host": "shop.example", "Origin": origin}, "198.51.100.7").status == 403


# ------------------------------------------------------------------------------------------ failures
def test_secrets_manager_throttling_is_a_503_with_retry_after(
    edge_secret: str, behind_edge: Gateway, shop: Shop, faults: Any
) -> None:
    with faults.fail("secretsmanager", "GetSecretValue", "ThrottlingException"):
        reply = _send(
            behind_edge, 0, edge_headers("shop.example", "203.0.113.1:443", Origin="https://shop.example"), EDGE_SERVER
        )
    assert reply.status == 503, reply.body
    assert reply.header("Retry-After") == "1"
    assert reply.json()["error"] == "unavailable"


def test_the_edge_secret_never_reaches_the_logs(
    edge_secret: str,
    behind_edge: Gateway,
    shop: Shop,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.INFO)  # the product's own logs (botocore's DEBUG prints every answer, off in Lambda)
    for n in range(LIMIT + 1):  # the last one refused (429), logged as such
        _send(behind_edge, n, edge_headers("shop.example", "203.0.113.1:443"), EDGE_SERVER)
    _send(behind_edge, 99, edge_headers("shop.example", "203.0.113.1:443", secret="wrong"), EDGE_SERVER)
    out = capsys.readouterr()
    assert EDGE_SECRET not in caplog.text + out.out + out.err


# ------------------------------------------------------------------------ the edge as the only way in
@pytest.fixture
def edge_only(edge_secret: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The tenants domain mode (infra/template.yaml sets EDGE_ONLY there)."""
    from access_center.core.config import settings

    monkeypatch.setenv("EDGE_ONLY", "true")
    settings.cache_clear()
    yield edge_secret
    monkeypatch.delenv("EDGE_ONLY")
    settings.cache_clear()


def test_where_the_edge_is_the_only_way_in_a_request_around_it_is_refused(
    edge_only: str, behind_edge: Gateway, gateway: Gateway, shop: Shop
) -> None:
    around = _send(gateway, 0, {"Host": "shop.example"}, "203.0.113.1")
    assert around.status == 403, around.body
    assert around.json()["error"] == "forbidden"
    wrong = _send(behind_edge, 1, edge_headers("shop.example", "203.0.113.1:443", secret="x" * 64), EDGE_SERVER)
    assert wrong.status == 403
    page = gateway.request("GET", "/store/account/login", headers={"Host": "shop.example"})
    assert page.status == 403
    assert (page.header("content-type") or "").startswith("text/plain")  # no store to brand it
    through = _send(behind_edge, 2, edge_headers("shop.example", "203.0.113.1:443"), EDGE_SERVER)
    assert through.status == 202, through.body


def test_without_the_edge_only_setting_a_direct_request_is_served(
    edge_secret: str, gateway: Gateway, shop: Shop
) -> None:
    assert _send(gateway, 0, {"Host": "shop.example"}, "203.0.113.1").status == 202


# ------------------------------------------------------------------------------- IPv6 viewers
def test_an_ipv6_viewer_rotating_within_its_64_shares_one_limit(
    edge_secret: str, behind_edge: Gateway, shop: Shop
) -> None:
    statuses = [
        _send(behind_edge, n, edge_headers("shop.example", f"2001:db8:0:7::{n + 1:x}:443"), EDGE_SERVER).status
        for n in range(LIMIT + 1)
    ]
    assert statuses == [202] * LIMIT + [429]
    neighbour = edge_headers("shop.example", "2001:db8:0:8::1:443")  # the next /64: another subscriber
    assert _send(behind_edge, 99, neighbour, EDGE_SERVER).status == 202
