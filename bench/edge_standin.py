"""CloudFront's distribution tenants for bench.stores, which moto does not have (moto 5.2): a stand-in at
botocore's `before-call` event, where botocore's Stubber answers too, so every call is still serialised
and checked against CloudFront's service model (parameters before the event, answers here, against the
operation's output shape, as the Stubber checks them).

What it keeps is what access_center.aws.cloudfront relies on, and no more: one tenant per name and per
domain (CNAMEAlreadyExists for a second), an ETag per change (PreconditionFailed for a stale IfMatch),
deletion only once disabled (ResourceNotDisabled), and a managed certificate per tenant that is issued at
once (the bench counts calls and resources, not the minutes validation takes on AWS).
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

from botocore.awsrequest import AWSResponse
from botocore.validate import ParamValidator

ROUTING_ENDPOINT = "d111111abcdef8.cloudfront.net"


class EdgeStandIn:
    def __init__(self, distribution_id: str, connection_group_id: str) -> None:
        self.distribution_id = distribution_id
        self.connection_group_id = connection_group_id
        self.tenants: dict[str, dict[str, Any]] = {}  # by id
        self.domains: dict[str, str] = {}  # domain -> tenant id
        self.names: set[str] = set()
        self._ids = itertools.count(1)
        self._etags = itertools.count(1)

    # ------------------------------------------------------------------------------------ the operations
    def _by_domain(self, domain: str) -> dict[str, Any] | None:
        tenant_id = self.domains.get(domain)
        return None if tenant_id is None else self.tenants[tenant_id]

    def _set_domains(self, tenant: dict[str, Any], domains: list[dict[str, Any]]) -> None:
        for old in tenant.get("Domains", []):
            self.domains.pop(old["Domain"], None)
        tenant["Domains"] = [{"Domain": d["Domain"], "Status": "active"} for d in domains]
        self.domains.update((d["Domain"], tenant["Id"]) for d in domains)

    def _answer(self, tenant: dict[str, Any]) -> dict[str, Any]:
        shown = {k: v for k, v in tenant.items() if not k.startswith("_")}
        return {"DistributionTenant": shown, "ETag": tenant["_etag"]}

    def CreateDistributionTenant(self, params: dict[str, Any]) -> dict[str, Any]:  # noqa: N802 - CloudFront's names
        for domain in params["Domains"]:
            if self._by_domain(domain["Domain"]) is not None:
                raise _Refusal(409, "CNAMEAlreadyExists", f"{domain['Domain']} is in use.")
        if params["Name"] in self.names:
            raise _Refusal(409, "EntityAlreadyExists", "A tenant has this name.")
        tenant_id = f"dt_{next(self._ids):027d}"
        now = datetime.now(UTC)
        tenant = {
            "Id": tenant_id,
            "DistributionId": params["DistributionId"],
            "Name": params["Name"],
            "Arn": f"arn:aws:cloudfront::000000000000:distribution-tenant/{tenant_id}",
            "Tags": params.get("Tags", {"Items": []}),
            "ConnectionGroupId": params.get("ConnectionGroupId", self.connection_group_id),
            "CreatedTime": now,
            "LastModifiedTime": now,
            "Enabled": params.get("Enabled", True),
            "Status": "Deployed",
            "_etag": f"E{next(self._etags)}",
            "_token_host": params.get("ManagedCertificateRequest", {}).get("ValidationTokenHost", "cloudfront"),
        }
        self.tenants[tenant_id] = tenant
        self.names.add(params["Name"])
        self._set_domains(tenant, params["Domains"])
        return self._answer(tenant)

    def GetDistributionTenantByDomain(self, params: dict[str, Any]) -> dict[str, Any]:  # noqa: N802
        tenant = self._by_domain(params["Domain"])
        if tenant is None:
            raise _Refusal(404, "EntityNotFound", "No tenant has this domain.")
        return self._answer(tenant)

    def UpdateDistributionTenant(self, params: dict[str, Any]) -> dict[str, Any]:  # noqa: N802
        tenant = self._tenant(params["Id"], params["IfMatch"])
        tenant["Enabled"] = params.get("Enabled", tenant["Enabled"])
        self._set_domains(tenant, params.get("Domains", []))
        tenant["LastModifiedTime"] = datetime.now(UTC)
        tenant["_etag"] = f"E{next(self._etags)}"
        return self._answer(tenant)

    def DeleteDistributionTenant(self, params: dict[str, Any]) -> dict[str, Any]:  # noqa: N802
        tenant = self._tenant(params["Id"], params["IfMatch"])
        if tenant["Enabled"]:
            raise _Refusal(409, "ResourceNotDisabled", "Disable the tenant first.")
        del self.tenants[tenant["Id"]]
        self.names.discard(tenant["Name"])
        self._set_domains(tenant, [])
        return {}

    def GetManagedCertificateDetails(self, params: dict[str, Any]) -> dict[str, Any]:  # noqa: N802
        tenant = self.tenants.get(params["Identifier"])
        if tenant is None:
            raise _Refusal(404, "EntityNotFound", "No such tenant.")
        return {
            "ManagedCertificateDetails": {"CertificateStatus": "issued", "ValidationTokenHost": tenant["_token_host"]}
        }

    def GetConnectionGroup(self, params: dict[str, Any]) -> dict[str, Any]:  # noqa: N802
        if params["Identifier"] != self.connection_group_id:
            raise _Refusal(404, "EntityNotFound", "No such connection group.")
        now = datetime.now(UTC)
        group = {
            "Id": self.connection_group_id,
            "Name": "access-center",
            "Arn": f"arn:aws:cloudfront::000000000000:connection-group/{self.connection_group_id}",
            "CreatedTime": now,
            "LastModifiedTime": now,
            "RoutingEndpoint": ROUTING_ENDPOINT,
            "Status": "Deployed",
            "Enabled": True,
            "IsDefault": False,
        }
        return {"ConnectionGroup": group, "ETag": "E1"}

    def _tenant(self, tenant_id: str, if_match: str) -> dict[str, Any]:
        tenant = self.tenants.get(tenant_id)
        if tenant is None:
            raise _Refusal(404, "EntityNotFound", "No such tenant.")
        if tenant["_etag"] != if_match:
            raise _Refusal(412, "PreconditionFailed", "The ETag moved.")
        return tenant

    # ---------------------------------------------------------------------------------- botocore's side
    def on_call(self, model: Any, context: dict[str, Any], **_: Any) -> tuple[AWSResponse, dict[str, Any]] | None:
        if model.service_model.service_name != "cloudfront":
            return None
        operation = getattr(self, model.name, None)
        if operation is None:
            raise AssertionError(f"the stand-in does not answer CloudFront's {model.name}")
        try:
            answer = operation(context[PARAMS])
        except _Refusal as refusal:
            error = {"Error": {"Code": refusal.code, "Message": refusal.message}, "ResponseMetadata": {}}
            return AWSResponse(None, refusal.status, {}, None), error
        if model.output_shape is not None:
            report = ParamValidator().validate(answer, model.output_shape)
            if report.has_errors():
                raise AssertionError(report.generate_report())
        return AWSResponse(None, int(model.http.get("responseCode", 200)), {}, None), {**answer, "ResponseMetadata": {}}

    def install(self, client: Any) -> None:
        client.meta.events.register_first("before-parameter-build.cloudfront", _keep_params)
        # Last, and on the event every service emits: botocore calls a more specific event's handlers first,
        # and the call counters (devtools.awscalls, on `before-call`) must see the call before it is answered.
        client.meta.events.register_last("before-call", self.on_call)


class _Refusal(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


PARAMS = "bench_caller_params"


def _keep_params(params: dict[str, Any], context: dict[str, Any], **_: Any) -> None:
    """`before-call` sees the serialised request; the caller's own values ride on the call's context."""
    context[PARAMS] = dict(params)
