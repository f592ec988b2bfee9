"""Many stores in one deployment (issue 29): connect BENCH_STORES stores (10,000) on the emulator, with
the default `tenants` domain mode, and count what each costs in AWS calls and AWS resources. Run in its
own process (`python -m bench.stores`): the product's environment is fixed when access_center is first
imported.

Each store is connected the way the platform connects one, through the emulated API Gateway and the
functions' own handlers: its settings (PUT /admin/stores/{id}), its AWS account (PUT .../platform), its
domain (PUT .../domain: a CloudFront distribution tenant) and its own sending domain (PUT .../sender: an
SES identity and tenant); then one customer request on its domain (the sign-in page) shows it is served.
A sample of stores then moves to another domain and a sample disconnects, for what those cost.

DynamoDB is DynamoDB Local, the rest of AWS moto (devtools.emulator.aws), and CloudFront's tenants,
which moto lacks, bench.edge_standin.
Every call is counted at botocore's `before-call` (devtools.awscalls), whoever answers it. "Resources"
are what the calls create: a Create* call that succeeded is one more resource of its kind, a Delete* one
fewer. The quotas beside them are AWS's defaults, with where each is stated.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
import time
from collections import Counter
from typing import Any

STORES = int(os.environ.get("BENCH_STORES", "10000"))
SAMPLE = max(1, STORES // 100)  # stores that move, and stores that disconnect
ACCOUNT = "210987654321"  # the stores' own AWS account (pinned; its principals call the store API)
DISTRIBUTION, GROUP = "E2BENCHDIST0001", "cg_2benchconnectiongroup0001"

# What the design meets at 10,000 stores: (quota, AWS's default, adjustable, what uses it, where stated).
# `per_store` names the counted resource each store adds (None: nothing per store; the figure is fixed).
QUOTAS: list[dict[str, Any]] = [
    {"quota": "CloudFront distribution tenants per account", "default": 10000, "adjustable": True,
     "per_store": "cloudfront:DistributionTenant",
     "note": "a moving store holds two until the old one is deleted: raise it before 10,000 stores",
     "source": "Service Quotas, CloudFront (L-... 'Distribution tenants'); CloudFront Developer Guide, Quotas"},
    {"quota": "Domains per distribution tenant", "default": 100, "adjustable": False, "fixed": 1,
     "source": "CloudFront Developer Guide, Quotas on multi-tenant distributions"},
    {"quota": "API Gateway custom domain names per region", "default": 120, "adjustable": True, "fixed": 1,
     "per_store": "apigateway:DomainName", "note": "the edge's one origin domain; none per store",
     "source": "API Gateway Developer Guide, Quotas"},
    {"quota": "API mappings per custom domain", "default": 200, "adjustable": False, "fixed": 1,
     "per_store": "apigateway:ApiMapping", "source": "API Gateway Developer Guide, Quotas"},
    {"quota": "API Gateway CreateDomainName / DeleteDomainName rate", "default": "1 per 30 s", "adjustable": False,
     "fixed": 0, "note": "never called per store in the tenants mode", "source": "API Gateway Developer Guide, Quotas"},
    {"quota": "IAM roles per account", "default": 1000, "adjustable": True, "fixed": "template:roles",
     "per_store": "iam:Role", "note": "the functions' and the stack's roles; none per store",
     "source": "IAM User Guide, IAM and STS quotas"},
    {"quota": "API Gateway usage plans per region", "default": 300, "adjustable": True, "fixed": 0,
     "per_store": "apigateway:UsagePlan", "source": "API Gateway Developer Guide, Quotas"},
    {"quota": "Lambda concurrent executions per region", "default": 1000, "adjustable": True,
     "fixed": "shared", "note": "no reserved concurrency per store (PublicFunctionConcurrency defaults to 0)",
     "source": "Lambda Developer Guide, Quotas"},
    {"quota": "SES verified identities per region", "default": 10000, "adjustable": True,
     "per_store": "sesv2:EmailIdentity", "note": "only stores that send from their own domain",
     "source": "SES Developer Guide, Service quotas"},
    {"quota": "SES configuration sets per region", "default": 10000, "adjustable": False, "fixed": 1,
     "per_store": "sesv2:ConfigurationSet", "note": "one for the stack; stores get SES tenants instead",
     "source": "SES Developer Guide, Service quotas"},
    {"quota": "SES tenants per region", "default": "not stated", "adjustable": None,
     "per_store": "sesv2:Tenant", "note": "check Service Quotas before growing (docs/operations.md)",
     "source": "SES Developer Guide (no figure found)"},
    {"quota": "WAF rate-based rules per web ACL", "default": 10, "adjustable": False, "fixed": "edge-waf:rate-rules",
     "note": "the per-store rule is keyed on the host: one rule for every store",
     "source": "AWS WAF Developer Guide, Quotas"},
    {"quota": "DynamoDB tables per region", "default": 2500, "adjustable": True, "fixed": "template:tables",
     "per_store": "dynamodb:Table", "source": "DynamoDB Developer Guide, Quotas"},
]  # fmt: skip


def _from_templates() -> dict[str, int]:
    """What the stack itself holds, whatever the number of stores: counted from the templates."""
    from devtools import template

    main = template.load()
    functions = template.resources(main, "AWS::Serverless::Function")
    deploys = any("DeploymentPreference" in (main.get("Globals", {}).get("Function", {}) or {}) or
                  "DeploymentPreference" in fn.get("Properties", {}) for fn in functions.values())  # fmt: skip
    waf = template.load(template.ROOT / "infra" / "edge-waf.yaml")
    rules = [r for acl in template.resources(waf, "AWS::WAFv2::WebACL").values() for r in acl["Properties"]["Rules"]]
    return {
        # each function's own role, the template's roles, and SAM's one CodeDeploy role for canary deploys
        "template:roles": len(functions) + len(template.resources(main, "AWS::IAM::Role")) + int(deploys),
        "template:tables": len(template.resources(main, "AWS::DynamoDB::Table")),
        "edge-waf:rate-rules": sum(1 for r in rules if "RateBasedStatement" in r.get("Statement", {})),
    }


def _environment() -> None:
    from devtools import localenv

    os.environ.update(
        {
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_SESSION_TOKEN": "testing",
            "POWERTOOLS_DEV": "false",
        }
    )
    os.environ.update(localenv.environment(server_secret=secrets.token_hex(32)))
    os.environ.update(
        {
            "STORE_DOMAIN_MODE": "tenants",
            "EDGE_DISTRIBUTION_ID": DISTRIBUTION,
            "EDGE_CONNECTION_GROUP_ID": GROUP,
            "POWERTOOLS_METRICS_DISABLED": "true",
            "POWERTOOLS_LOG_LEVEL": "WARNING",
            "LOG_LEVEL": "WARNING",
        }
    )
    for name in list(os.environ):
        if name.startswith("AWS_ENDPOINT_URL") or name == "DYNAMODB_ENDPOINT":
            del os.environ[name]


def _edge_on_every_cloudfront_client(stand_in: Any) -> None:
    """The stand-in answers every CloudFront client created from now on (the product's is made on first use)."""
    import botocore.session

    original = botocore.session.Session.create_client

    def create_client(self: Any, service_name: str, *args: Any, **kwargs: Any) -> Any:
        client = original(self, service_name, *args, **kwargs)
        if service_name == "cloudfront":
            stand_in.install(client)
        return client

    botocore.session.Session.create_client = create_client  # type: ignore[method-assign]


class _Resources:
    """Resources the counted calls made: one per successful Create*, one fewer per Delete*."""

    CREATES = {
        ("cloudfront", "CreateDistributionTenant"): "cloudfront:DistributionTenant",
        ("cloudfront", "DeleteDistributionTenant"): "-cloudfront:DistributionTenant",
        ("sesv2", "CreateEmailIdentity"): "sesv2:EmailIdentity",
        ("sesv2", "DeleteEmailIdentity"): "-sesv2:EmailIdentity",
        ("sesv2", "CreateTenant"): "sesv2:Tenant",
        ("sesv2", "DeleteTenant"): "-sesv2:Tenant",
        ("sesv2", "CreateConfigurationSet"): "sesv2:ConfigurationSet",
        ("apigateway", "CreateDomainName"): "apigateway:DomainName",
        ("apigatewayv2", "CreateDomainName"): "apigateway:DomainName",
        ("apigateway", "CreateBasePathMapping"): "apigateway:ApiMapping",
        ("apigatewayv2", "CreateApiMapping"): "apigateway:ApiMapping",
        ("apigateway", "CreateUsagePlan"): "apigateway:UsagePlan",
        ("iam", "CreateRole"): "iam:Role",
        ("lambda", "PutFunctionConcurrency"): "lambda:ReservedConcurrency",
        ("dynamodb", "CreateTable"): "dynamodb:Table",
    }


def main() -> dict[str, Any]:
    import warnings

    warnings.filterwarnings("ignore", message="No application metrics to publish")  # metrics are off here
    _environment()
    from devtools import awscalls

    awscalls.install()
    from bench.edge_standin import EdgeStandIn

    stand_in = EdgeStandIn(DISTRIBUTION, GROUP)
    _edge_on_every_cloudfront_client(stand_in)

    from devtools.emulator.aws import Emulator
    from devtools.emulator.dynamodb_local import DynamoDBLocal
    from devtools.emulator.gateway import SHARED, Gateway

    if str(SHARED) not in sys.path:
        sys.path.insert(0, str(SHARED))
    # DynamoDB on AWS's engine: moto copies every table for each TransactWriteItems (its rollback), so
    # on moto a store's domain costs time in proportion to the stores before it. A few stores (the test
    # of this script, BENCH_DYNAMODB=moto) need no engine.
    engine = DynamoDBLocal().start() if os.environ.get("BENCH_DYNAMODB", "local") == "local" else None
    if engine is not None:
        for name in ("DYNAMODB_ENDPOINT", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_DYNAMODB_STREAMS"):
            os.environ[name] = engine.endpoint
    emulator = Emulator()  # the rest of AWS on moto, and the tables on the engine where there is one
    emulator.start()
    try:
        return _connect_all(Gateway, stand_in)
    finally:
        emulator.stop()
        if engine is not None:
            engine.stop()


def _connect_all(gateway_class: Any, stand_in: Any) -> dict[str, Any]:
    from access_center.stores import storage as stores_db
    from devtools.awscalls import Calls

    gateway = gateway_class(domain_lookup=stores_db.store_for_domain)
    steps = ("settings", "platform", "domain", "sender", "customer")
    calls: dict[str, Counter[str]] = {step: Counter() for step in (*steps, "move", "disconnect")}
    counted = dict.fromkeys(calls, 0)
    failures: Counter[str] = Counter()
    seconds: dict[str, float] = dict.fromkeys(calls, 0.0)

    def admin(step: str, method: str, path: str, body: dict[str, Any] | None, want: int) -> None:
        started = time.perf_counter()
        with Calls() as made:
            reply = gateway.request(method, path, body=json.dumps(body) if body is not None else None,
                                    headers={"content-type": "application/json"})  # fmt: skip
        seconds[step] += time.perf_counter() - started
        calls[step].update(f"{c.service}:{c.operation}" for c in made.calls)
        counted[step] += 1
        if reply.status != want:
            failures[f"{step} {reply.status}"] += 1

    started = time.perf_counter()
    for n in range(STORES):
        store, host = f"s{n:05d}", f"shop{n}.example"
        admin("settings", "PUT", f"/admin/stores/{store}",
              {"name": f"Shop {n}", "from_email": f"orders@{host}", "support_email": f"help@{host}"}, 200)  # fmt: skip
        admin("platform", "PUT", f"/admin/stores/{store}/platform", {"aws_account_id": ACCOUNT}, 200)
        admin("domain", "PUT", f"/admin/stores/{store}/domain", {"domain": host}, 200)
        admin("sender", "PUT", f"/admin/stores/{store}/sender", {"domain": host}, 200)
        began = time.perf_counter()
        with Calls() as made:
            reply = gateway.request("GET", "/store/account/login", headers={"host": host})
        seconds["customer"] += time.perf_counter() - began
        calls["customer"].update(f"{c.service}:{c.operation}" for c in made.calls)
        counted["customer"] += 1
        if reply.status != 200:
            failures[f"customer {reply.status}"] += 1
        if n and n % 1000 == 0:
            print(f"  {n:,} stores connected ({time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
    connect_seconds = time.perf_counter() - started
    tenants_connected = len(stand_in.tenants)

    for n in range(SAMPLE):  # a store moves: a new tenant, the old one disabled, then deleted on the next call
        store = f"s{n:05d}"
        admin("move", "PUT", f"/admin/stores/{store}/domain", {"domain": f"moved{n}.example"}, 200)
        admin("move", "GET", f"/admin/stores/{store}/domain", None, 200)
    for n in range(SAMPLE, 2 * SAMPLE):
        store = f"s{n:05d}"
        admin("disconnect", "DELETE", f"/admin/stores/{store}/domain", None, 204)
        admin("disconnect", "GET", f"/admin/stores/{store}/domain", None, 404)

    every: Counter[str] = Counter()
    for step in calls.values():
        every.update(step)
    resources: Counter[str] = Counter()
    for (service, operation), kind in _Resources.CREATES.items():
        made = every.get(f"{service}:{operation}", 0)
        if kind.startswith("-"):
            resources[kind[1:]] -= made
        else:
            resources[kind] += made
    connected_resources = {k: v for k, v in resources.items() if v}
    per_store_calls = {
        step: {op: round(n / counted[step], 4) for op, n in sorted(c.items())}
        for step, c in calls.items()
        if counted[step]
    }
    fixed = _from_templates()
    quotas = []
    for q in map(dict, QUOTAS):
        if isinstance(q.get("fixed"), str) and q["fixed"] in fixed:
            q["fixed"] = fixed[q["fixed"]]
        kind = q.get("per_store")
        used = q.get("fixed")
        if kind is not None and "fixed" not in q:
            used = tenants_connected if kind == "cloudfront:DistributionTenant" else resources.get(kind, 0)
        elif kind is not None:
            used = q["fixed"] + resources.get(kind, 0)
        quotas.append({**q, "used": used})
    return {
        "stores": STORES,
        "sample": SAMPLE,
        "connect_seconds": round(connect_seconds, 1),
        "ms_per_store": round(1000 * connect_seconds / STORES, 1),
        "failures": dict(failures),
        "calls_per_request": per_store_calls,
        "ms_per_request": {step: round(1000 * s / counted[step], 2) for step, s in seconds.items() if counted[step]},
        "resources": connected_resources,
        "cloudfront_tenants_after_connect": tenants_connected,
        "cloudfront_tenants_at_end": len(stand_in.tenants),
        "per_store_aws_resources": {
            "apigateway:DomainName": resources.get("apigateway:DomainName", 0),
            "apigateway:ApiMapping": resources.get("apigateway:ApiMapping", 0),
            "iam:Role": resources.get("iam:Role", 0),
            "apigateway:UsagePlan": resources.get("apigateway:UsagePlan", 0),
            "lambda:ReservedConcurrency": resources.get("lambda:ReservedConcurrency", 0),
        },
        "quotas": quotas,
    }


if __name__ == "__main__":
    json.dump(main(), sys.stdout, default=str)
