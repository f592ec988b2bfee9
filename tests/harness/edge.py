"""The platform's edge in the tests: EdgeOriginSecret in (moto's) Secrets Manager and EDGE_SECRET_ARN
naming it, as the customer-facing functions have them in AWS (infra/template.yaml). Without this, as
locally, no edge secret is configured and nothing a request sends is taken at the edge's word."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from devtools.emulator.gateway import Gateway
from tests.harness.aws import aws_client

EDGE_SECRET = "tests-only-edge-origin-secret-0123456789abcdefghijklmnopqrstuvwx"


@contextmanager
def edge_secret_configured(monkeypatch: pytest.MonkeyPatch, value: str = EDGE_SECRET) -> Iterator[str]:
    """Inside `aws` (moto): the secret exists and the settings name it; the container's caches start empty."""
    from access_center.core.config import settings
    from access_center.web import edge

    arn = aws_client("secretsmanager").create_secret(Name="EdgeOriginSecret", SecretString=value)["ARN"]
    monkeypatch.setenv("EDGE_SECRET_ARN", arn)
    settings.cache_clear()
    edge._edge_secret.cache_clear()
    try:
        yield value
    finally:
        monkeypatch.delenv("EDGE_SECRET_ARN")
        settings.cache_clear()
        edge._edge_secret.cache_clear()


ORIGIN = "api.edge.example"  # the customer API's own custom domain: the edge's origin, its Host
EDGE_SERVER = "130.176.9.20"  # a CloudFront server: API Gateway's source address behind the edge


def gateway_behind_edge() -> Gateway:
    """API Gateway as the edge reaches it: its own name mapped at the root; stores' domains as well."""
    from access_center.stores.storage import store_for_domain

    return Gateway(domain_lookup=lambda host: ("", "") if host == ORIGIN else store_for_domain(host))


def edge_headers(viewer_host: str, viewer_address: str, secret: str = EDGE_SECRET, **extra: str) -> dict[str, str]:
    """What the edge sends: the API's name as Host, the viewer's host and address, the origin secret."""
    return {
        "Host": ORIGIN,
        "X-Viewer-Host": viewer_host,
        "CloudFront-Viewer-Address": viewer_address,
        "X-Origin-Secret": secret,
        **extra,
    }


@contextmanager
def sends_per_address(monkeypatch: pytest.MonkeyPatch, limit: int) -> Iterator[int]:
    """The per-address limit on login codes (IP_SENDS_PER_HOUR) lowered, so a flood is a few requests."""
    from access_center.core.config import settings

    monkeypatch.setenv("IP_SENDS_PER_HOUR", str(limit))
    settings.cache_clear()
    try:
        yield limit
    finally:
        monkeypatch.delenv("IP_SENDS_PER_HOUR")
        settings.cache_clear()
