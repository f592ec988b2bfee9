"""The store edge in infra/template.yaml (StoreDomainMode tenants) and infra/edge-waf.yaml: what
access_center.stores.tenant_domains and web.edge rely on is declared, and the tenant calls are granted
on this stack's tenants only."""

from __future__ import annotations

import json
from typing import Any

import yaml

from devtools import template

T = template.load()
RESOURCES = T["Resources"]


def _edge_waf() -> dict[str, Any]:
    from devtools.template import _Loader  # the same loader: it reads the intrinsic tags

    return dict(yaml.load((template.ROOT / "infra" / "edge-waf.yaml").read_text(), Loader=_Loader))  # noqa: S506


def test_tenants_is_the_default_and_custom_domains_keep_todays_resources() -> None:
    assert T["Parameters"]["StoreDomainMode"]["Default"] == "tenants"
    assert set(T["Parameters"]["StoreDomainMode"]["AllowedValues"]) == {"tenants", "custom-domains"}
    for name in ("StoreEdgeDistribution", "StoreEdgeConnectionGroup", "ViewerHostFunction", "StoreEdgeOriginDomain"):
        assert RESOURCES[name]["Condition"] == "UsesTenants", name
    for name in ("CustomerWebAcl", "CustomerWebAclAssociation"):
        assert RESOURCES[name]["Condition"] == "UsesCustomDomains", name
    assert {"Fn::Condition": "UsesCustomDomains"} in T["Conditions"]["HasPrimaryDomain"]["Fn::And"]


def test_the_distribution_is_tenant_only_uncached_and_sends_the_origin_secret() -> None:
    config = RESOURCES["StoreEdgeDistribution"]["Properties"]["DistributionConfig"]
    assert config["ConnectionMode"] == "tenant-only"
    (origin,) = config["Origins"]
    assert origin["DomainName"] == {"Ref": "EdgeOriginDomainName"}
    assert origin["CustomOriginConfig"]["OriginProtocolPolicy"] == "https-only"
    (header,) = origin["OriginCustomHeaders"]
    assert header["HeaderName"] == "X-Origin-Secret"
    assert header["HeaderValue"] == {"Fn::Sub": "{{resolve:secretsmanager:${EdgeOriginSecret}}}"}  # never in the repo
    behaviour = config["DefaultCacheBehavior"]
    assert behaviour["CachePolicyId"] == "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"  # Managed-CachingDisabled
    assert behaviour["ViewerProtocolPolicy"] == "redirect-to-https"
    (function,) = behaviour["FunctionAssociations"]
    assert function["EventType"] == "viewer-request"
    assert "ViewerHostFunction" in json.dumps(function["FunctionARN"])
    assert config["WebACLId"] == {"Fn::If": ["HasEdgeWebAcl", {"Ref": "EdgeWebAclArn"}, {"Ref": "AWS::NoValue"}]}


def test_the_viewer_function_copies_host_and_the_policy_forwards_the_viewers_host_and_address_but_not_host() -> None:
    code = RESOURCES["ViewerHostFunction"]["Properties"]["FunctionCode"]
    assert "request.headers['x-viewer-host'] = { value: host.value }" in code
    headers = RESOURCES["StoreEdgeOriginRequestPolicy"]["Properties"]["OriginRequestPolicyConfig"]["HeadersConfig"]
    names = {h.lower() for h in headers["Headers"]}
    assert {"x-viewer-host", "cloudfront-viewer-address"} <= names
    assert "host" not in names  # API Gateway picks the origin's custom domain by its own name
    assert len(names) <= 10  # CloudFront's quota of headers per origin request policy


def test_the_origin_domain_maps_the_customer_api_once_at_its_root() -> None:
    mapping = RESOURCES["StoreEdgeOriginMapping"]["Properties"]
    assert mapping["ApiId"] == {"Ref": "CustomerApi"}
    assert "ApiMappingKey" not in mapping


def test_connect_domain_calls_cloudfront_only_on_this_stacks_tenants_and_knows_where_they_are() -> None:
    fn = RESOURCES["ConnectDomainFunction"]["Properties"]
    env = fn["Environment"]["Variables"]
    assert env["STORE_DOMAIN_MODE"] == {"Ref": "StoreDomainMode"}
    assert env["EDGE_DISTRIBUTION_ID"]["Fn::If"][:2] == ["UsesTenants", {"Ref": "StoreEdgeDistribution"}]
    assert {e["Properties"]["Method"] for e in fn["Events"].values()} == {"get", "put", "delete"}
    (tenants,) = [p for p in fn["Policies"] if isinstance(p, dict) and p.get("Fn::If", [None])[0] == "UsesTenants"]
    statements = tenants["Fn::If"][1]["Statement"]
    actions = {a for s in statements for a in s["Action"]}
    assert actions == {
        "cloudfront:CreateDistributionTenant",
        "cloudfront:TagResource",
        "cloudfront:GetDistributionTenantByDomain",
        "cloudfront:UpdateDistributionTenant",
        "cloudfront:DeleteDistributionTenant",
        "cloudfront:GetManagedCertificateDetails",
        "cloudfront:GetConnectionGroup",
        "acm:RequestCertificate",
        "acm:DescribeCertificate",
    }
    for statement in statements:
        resources = statement["Resource"] if isinstance(statement["Resource"], list) else [statement["Resource"]]
        for resource in resources:
            text = json.dumps(resource)
            assert (
                "distribution-tenant/*" in text
                or "${StoreEdgeDistribution}" in text
                or "connection-group/${" in text
                or (":acm:us-east-1:" in text)
            ), statement


def test_the_edge_waf_keeps_the_regional_rules_and_adds_a_fair_share_per_host() -> None:
    edge = _edge_waf()
    acl = edge["Resources"]["StoreEdgeWebAcl"]["Properties"]
    assert acl["Scope"] == "CLOUDFRONT"
    regional = {r["Name"] for r in RESOURCES["CustomerWebAcl"]["Properties"]["Rules"]}
    rules = {r["Name"]: r for r in acl["Rules"]}
    assert regional < set(rules)
    per_store = rules["per-store"]["Statement"]["RateBasedStatement"]
    assert per_store["Limit"] == {"Ref": "StoreRequestsPer5Min"}
    assert per_store["CustomKeys"] == [
        {"Header": {"Name": "host", "TextTransformations": [{"Priority": 0, "Type": "LOWERCASE"}]}}
    ]
    # twice the app's share over the 5 minutes: the edge stops only floods the app refuses anyway
    app_share = T["Parameters"]["StoreRequestsPerMinute"]["Default"]
    assert edge["Parameters"]["StoreRequestsPer5Min"]["Default"] == 2 * app_share * 5
    for rule in rules.values():
        if "Action" in rule:
            response = rule["Action"]["Block"]["CustomResponse"]
            assert response["ResponseCode"] == 429
            body = json.loads(acl["CustomResponseBodies"][response["CustomResponseBodyKey"]]["Content"])
            assert body["error"] == "rate_limited"


def test_with_the_edge_every_function_refuses_customer_requests_that_went_around_it() -> None:
    """web.edge refuses a customer request without the origin secret where EDGE_ONLY is true: only in the
    tenants mode, where the edge exists; the custom-domains mode has no edge to come through."""
    variables = T["Globals"]["Function"]["Environment"]["Variables"]
    assert variables["EDGE_ONLY"] == {"Fn::If": ["UsesTenants", "true", "false"]}
