"""Every AWS client gives up before its function does: each call's worst case (every attempt timing out,
every backoff the longest) fits in the timeout of every function that may call the service, less the
margin to answer (access_center.core.timeouts). Otherwise Lambda ends the function mid-retry and API
Gateway answers 502 where the contract promises 503 + Retry-After.

The services a function calls are read from its IAM policy (it can call nothing else), its timeout
from infra/template.yaml, and each client's limits from the client as the code builds it.
"""

from __future__ import annotations

from typing import Any

import pytest

from access_center.core.timeouts import ANSWER_MARGIN_SECONDS, BUDGETS, CallBudget, budget
from devtools import template

T = template.load()
DEFAULT_TIMEOUT = T["Globals"]["Function"]["Timeout"]
# IAM's service prefix -> the botocore service the code calls it with, where the two differ.
BOTOCORE_NAME = {"ses": "sesv2", "apigateway": "apigatewayv2"}
# What a function's policy may grant without the code calling it: X-Ray's and the logs' writes are
# the runtime's own (SAM adds X-Ray; the log groups are the template's); ACM's certificate requests are
# CloudFront's, made with the caller's permissions when it creates a tenant with a managed certificate.
NOT_CALLED = frozenset({"xray", "logs", "acm"})


def _statements(node: Any) -> list[dict[str, Any]]:
    """Every statement of a policy, in either branch of an `Fn::If` too (a mode's own grants)."""
    if isinstance(node, list):
        return [s for item in node for s in _statements(item)]
    if not isinstance(node, dict):
        return []
    if "Statement" in node:
        return list(node["Statement"])
    return [s for value in node.values() for s in _statements(value)]


def _services(function: dict[str, Any]) -> set[str]:
    found = set()
    for statement in _statements(function["Properties"].get("Policies", [])):
        actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
        found |= {action.split(":", 1)[0] for action in actions}
    return {BOTOCORE_NAME.get(prefix, prefix) for prefix in found - NOT_CALLED}


def _timeout(function: dict[str, Any]) -> float:
    return float(function["Properties"].get("Timeout", DEFAULT_TIMEOUT))


FUNCTIONS = template.resources(T, "AWS::Serverless::Function")


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_every_call_a_function_may_make_gives_up_before_the_function_does(name: str) -> None:
    function = FUNCTIONS[name]
    limit = _timeout(function) - ANSWER_MARGIN_SECONDS
    for service in sorted(_services(function)):
        assert service in BUDGETS, f"{name} calls {service}: give it a budget in access_center.core.timeouts"
        worst = budget(service).worst_case_seconds()
        assert worst < limit, f"{name}: one {service} call may take {worst} s, over {limit} s"


def test_a_modes_own_grants_count() -> None:
    """A policy granted only in one domain mode (`Fn::If`) names services the function may call."""
    statement = {"Effect": "Allow", "Action": ["cloudfront:GetDistributionTenantByDomain"], "Resource": "*"}
    function = {"Properties": {"Policies": [{"Fn::If": ["UsesTenants", {"Statement": [statement]}, "AWS::NoValue"]}]}}
    assert _services(function) == {"cloudfront"}


def test_the_worst_case_counts_every_attempt_and_botocores_longest_backoff() -> None:
    # 2 attempts of 1 + 2.5 s, 1 s of backoff; 3 attempts of 1 + 5 s, 1 + 2 s of backoff.
    assert CallBudget(1.0, 2.5, 2).worst_case_seconds() == 8.0
    assert CallBudget(1.0, 5.0, 3).worst_case_seconds() == 21.0
    # botocore caps one backoff at 20 s.
    assert CallBudget(0.0, 0.0, 7).backoff_seconds() == 1 + 2 + 4 + 8 + 16 + 20


def _limits(client: Any) -> tuple[float, float, int]:
    config = client.meta.config
    return config.connect_timeout, config.read_timeout, config.retries["total_max_attempts"]


def _expected(service: str) -> tuple[float, float, int]:
    b = budget(service)
    return b.connect_seconds, b.read_seconds, b.attempts


def _built_clients() -> list[tuple[str, str, Any]]:
    """(what, service, client) for every client the shared package builds to call AWS."""
    from access_center.aws import apigateway, events, files, once, ses, sqs
    from access_center.core import keys
    from access_center.db import connection
    from access_center.stores.items import StoreItem

    return [
        ("aws.ses", "sesv2", ses._ses()),
        ("aws.sqs", "sqs", sqs._sqs()),
        ("aws.events", "events", events._events()),
        ("aws.files", "s3", files._s3()),
        ("aws.apigateway", "apigatewayv2", apigateway._client()),
        ("aws.once (idempotency)", "dynamodb", once._client()),
        ("core.keys (Secrets Manager)", "secretsmanager", keys._secrets().client),
        ("db.connection (transactions)", "dynamodb", connection.connection().client),
        ("PynamoDB items (ItemMeta)", "dynamodb", StoreItem._get_connection().connection.client),
    ]


def test_each_client_is_built_with_its_services_budget() -> None:
    for what, service, client in _built_clients():
        assert client.meta.service_model.service_name == service, what
        assert client.meta.config.retries.get("mode") == "standard", what
        assert _limits(client) == _expected(service), what


def test_no_code_builds_a_client_without_its_budget() -> None:
    """A client made without one carries botocore's defaults (60 s to connect and to read, legacy retries)."""
    root = template.ROOT
    for path in [*(root / "layers/shared/access_center").rglob("*.py"), *(root / "functions").rglob("*.py")]:
        text = path.read_text()
        if "boto3.client(" in text or ".create_client(" in text or "get_secret(" in text:
            assert "budget(" in text, (
                f"{path.relative_to(root)} builds an AWS client: give it access_center.core.timeouts' budget"
            )
