"""The viewer's host and address behind the edge (access_center.web.edge) and a store's proxy secret
(access_center.stores.proxy): strict parsing of what the hops write, and constant-time secret checks."""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from typing import Any

import pytest

from access_center.core.config import settings
from access_center.stores import proxy
from access_center.web import edge
from tests.harness.edge import edge_secret_configured

EDGE = "130.176.9.20"  # a CloudFront edge server: API Gateway's source address behind the edge
PROXY = "192.0.2.50"  # the store's proxy: the viewer CloudFront saw
CUSTOMER = "203.0.113.7"


# ------------------------------------------------------------------------ CloudFront-Viewer-Address
@pytest.mark.parametrize(
    ("value", "ip"),
    [
        ("203.0.113.7:46532", "203.0.113.7"),
        ("2001:db8:abcd::1:443", "2001:db8:abcd::1"),  # CloudFront's IPv6 form: unbracketed, port last
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("[::1]:443", "::1"),
        ("2001:DB8:0:0:0:0:0:1:65535", "2001:db8::1"),  # canonical, so one viewer is one count
        ("[::ffff:203.0.113.7]:80", "203.0.113.7"),  # IPv4-mapped IPv6 counts as the IPv4 address
    ],
)
def test_viewer_addresses_parse_to_their_canonical_ip(value: str, ip: str) -> None:
    assert edge.parse_socket_address(value) == ip


@pytest.mark.parametrize(
    "value",
    [
        "",
        "203.0.113.7",  # no port: not what CloudFront writes
        "203.0.113.7:",
        "203.0.113.7:65536",
        "203.0.113.7:-1",
        "203.0.113.7:80 ",
        "203.0.113.999:80",
        "[2001:db8::1]",
        "[2001:db8::1]443",
        "[203.0.113.7]:443",  # brackets are for IPv6
        "fe80::1%eth0:443",
        "shop.example:443",
        "203.0.113.7:80\r\nX-Forwarded-For: 1.1.1.1",
        "203.0.113.7, 198.51.100.1:80",
        "1" * 10_000 + ":80",
    ],
)
def test_anything_else_is_no_viewer_address(value: str) -> None:
    assert edge.parse_socket_address(value) is None


# ------------------------------------------------------------------------------------- X-Viewer-Host
@pytest.mark.parametrize("value", ["shop.example", "Shop.Example.", "localhost:3000", "[::1]:3000", "127.0.0.1"])
def test_a_host_is_taken_as_sent(value: str) -> None:
    assert edge.parse_host(value) == value


@pytest.mark.parametrize(
    "value",
    [
        "",
        "shop.example\r\nSet-Cookie: x=1",
        "shop.example/path",
        "shop example",
        "a,b",
        "-shop.example",
        "é.example",
        "a" * 10_000,
        "shop.example:123456",
        "[shop.example]",
    ],
)
def test_anything_else_is_no_host(value: str) -> None:
    assert edge.parse_host(value) is None


# --------------------------------------------------------------------------------- X-Forwarded-For
@pytest.mark.parametrize(
    ("header", "seen", "source"),
    [
        # proxy -> CloudFront -> API Gateway (regional): CloudFront appends the proxy, API Gateway the edge.
        (f"{CUSTOMER}, {PROXY}, {EDGE}", PROXY, EDGE),
        # ... whatever the customer's browser sent before (left of the proxy's entry) is never read
        (f"10.0.0.1, not-an-ip, 8.8.8.8, {CUSTOMER}, {PROXY}, {EDGE}", PROXY, EDGE),
        # ... had API Gateway appended nothing, CloudFront's entry is still recognised
        (f"{CUSTOMER}, {PROXY}", PROXY, EDGE),
        # proxy -> API Gateway (custom-domains deployments): API Gateway appends the proxy
        (f"{CUSTOMER}, {PROXY}", PROXY, PROXY),
        # locally: the emulator passes the header as the proxy sent it
        (CUSTOMER, PROXY, PROXY),
        # proxies that write the port
        (f"{CUSTOMER}:51234, {PROXY}, {EDGE}", PROXY, EDGE),
        (f"[2001:db8::7]:51234, {PROXY}, {EDGE}", PROXY, EDGE),
        ("2001:db8::7,192.0.2.50,130.176.9.20", PROXY, EDGE),
    ],
)
def test_the_customer_is_the_entry_the_proxy_wrote(header: str, seen: str, source: str) -> None:
    assert edge.forwarded_customer(header, seen, source) in (CUSTOMER, "2001:db8::7")


@pytest.mark.parametrize(
    ("header", "seen", "source"),
    [
        (None, PROXY, EDGE),
        ("", PROXY, EDGE),
        (f"{PROXY}, {EDGE}", PROXY, EDGE),  # the proxy wrote nothing: only the hops' own entries
        (PROXY, PROXY, PROXY),
        (f"{CUSTOMER}\r\nX: y, {PROXY}, {EDGE}", PROXY, EDGE),
        (f"unknown, {PROXY}, {EDGE}", PROXY, EDGE),
        (f"{CUSTOMER}:99999, {PROXY}, {EDGE}", PROXY, EDGE),
        ("1" * 10_000, PROXY, EDGE),
    ],
)
def test_no_customer_when_the_proxy_wrote_no_address(header: str | None, seen: str, source: str) -> None:
    assert edge.forwarded_customer(header, seen, source) is None


def test_a_long_header_is_read_from_the_right_only() -> None:
    header = ", ".join(["198.18.0.1"] * 5_000 + [CUSTOMER, PROXY, EDGE])
    assert edge.forwarded_customer(header, PROXY, EDGE) == CUSTOMER


# ---------------------------------------------------------------------------- constant-time checks
@pytest.fixture
def compare_digest_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, Any]]:
    """hmac.compare_digest, recorded (the standard library's, not the project's code)."""
    calls: list[tuple[Any, Any]] = []
    real = hmac.compare_digest

    def recorded(a: Any, b: Any) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", recorded)
    return calls


@pytest.fixture
def edge_secret(aws: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    with edge_secret_configured(monkeypatch) as secret:
        yield secret


def test_the_edge_secret_is_compared_in_constant_time(edge_secret: str, compare_digest_calls: list[Any]) -> None:
    assert edge.is_edge_secret(edge_secret)
    assert not edge.is_edge_secret("e" * 63 + "f")
    assert compare_digest_calls == [
        (edge_secret.encode(), edge_secret.encode()),
        (b"e" * 63 + b"f", edge_secret.encode()),
    ]


def test_without_an_edge_secret_nothing_is_the_edge(compare_digest_calls: list[Any]) -> None:
    assert settings().edge_secret_arn is None  # locally and in the tests
    assert not edge.is_edge_secret("e" * 64)
    assert not edge.from_edge({"X-Origin-Secret": "e" * 64})
    assert compare_digest_calls == []


def test_an_oversized_or_missing_edge_secret_is_refused_before_any_comparison(
    edge_secret: str, compare_digest_calls: list[Any]
) -> None:
    assert not edge.is_edge_secret(None)
    assert not edge.is_edge_secret("")
    assert not edge.is_edge_secret(edge_secret * 200)
    assert compare_digest_calls == []


def test_the_viewer_host_counts_only_with_the_edge_secret(edge_secret: str) -> None:
    sent = {"Host": "api.edge.example", "X-Viewer-Host": "shop.example"}
    assert edge.viewer_host(sent) == "api.edge.example"
    assert edge.viewer_host({**sent, "x-origin-secret": "wrong"}) == "api.edge.example"
    assert edge.viewer_host({**sent, "X-Origin-Secret": edge_secret}) == "shop.example"
    assert edge.viewer_host({**sent, "X-Origin-Secret": edge_secret, "X-Viewer-Host": "a\r\nb"}) == "api.edge.example"


def test_the_proxy_secret_is_compared_in_constant_time_over_digests(compare_digest_calls: list[Any]) -> None:
    secret = "p" * 40
    stored = proxy.digest("s1", secret)
    assert proxy.matches("s1", stored, secret)
    assert not proxy.matches("s2", stored, secret)  # the digest is bound to its store
    assert not proxy.matches("s1", stored, "p" * 39 + "q")
    assert compare_digest_calls == [
        (stored, stored),
        (proxy.digest("s2", secret), stored),
        (proxy.digest("s1", "p" * 39 + "q"), stored),
    ]


@pytest.mark.parametrize("presented", [None, "", "short", "p" * 129, "p" * 40 + "\r\n", "p" * 10_000])
def test_what_cannot_be_a_proxy_secret_is_never_compared(
    presented: str | None, compare_digest_calls: list[Any]
) -> None:
    assert not proxy.matches("s1", proxy.digest("s1", "p" * 40), presented)
    assert not proxy.matches("s1", None, "p" * 40)  # no secret set: nothing matches
    assert compare_digest_calls == []


def test_the_stored_digest_does_not_contain_the_secret() -> None:
    secret = "Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5"
    stored = proxy.digest("s1", secret)
    assert secret not in stored
    assert len(stored) == 64
