"""bench.stores at a small count: what each store costs in AWS resources with the default (tenants)
domain mode. Its 10,000-store figures are in bench/results.json; here the same script, on a few stores,
pins the claims they rest on: a CloudFront tenant per store and nothing per store in API Gateway, IAM or
Lambda's concurrency, every request answered as wanted, and a move or a disconnect leaving no tenant
behind."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
STORES = 6  # a hundredth, at least one, then moves and another disconnects


@pytest.fixture(scope="module")
def counted() -> dict[str, object]:
    env = {**os.environ, "BENCH_STORES": str(STORES), "BENCH_DYNAMODB": "moto"}
    env.pop("DYNAMODB_ENDPOINT", None)  # moto, whichever engine this test run uses elsewhere
    done = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "bench.stores"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    found: dict[str, object] = json.loads(done.stdout)
    return found


def test_every_store_is_connected_and_served(counted: dict[str, object]) -> None:
    assert counted["failures"] == {}
    assert counted["cloudfront_tenants_after_connect"] == STORES


def test_a_store_costs_no_api_gateway_domain_iam_role_or_reserved_concurrency(counted: dict[str, object]) -> None:
    assert counted["per_store_aws_resources"] == {
        "apigateway:DomainName": 0,
        "apigateway:ApiMapping": 0,
        "iam:Role": 0,
        "apigateway:UsagePlan": 0,
        "lambda:ReservedConcurrency": 0,
    }


def test_a_moved_store_keeps_one_tenant_and_a_disconnected_one_none(counted: dict[str, object]) -> None:
    assert counted["cloudfront_tenants_at_end"] == STORES - 1  # one moved (new one made, old one deleted), one left
    resources = counted["resources"]
    assert isinstance(resources, dict)
    assert resources["sesv2:Tenant"] == resources["sesv2:EmailIdentity"] == STORES  # each with its own sender


def test_connecting_a_domain_calls_cloudfront_a_bounded_number_of_times(counted: dict[str, object]) -> None:
    calls = counted["calls_per_request"]
    assert isinstance(calls, dict)
    cloudfront = {op: n for op, n in calls["domain"].items() if op.startswith("cloudfront:")}
    assert cloudfront.get("cloudfront:CreateDistributionTenant") == 1
    assert sum(cloudfront.values()) <= 4  # create, look up, certificate, and the routing endpoint once per container
    assert not any(op.startswith(("apigateway", "iam", "lambda")) for step in calls.values() for op in step)
