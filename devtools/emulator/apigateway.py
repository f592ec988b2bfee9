"""API Gateway in moto for the local server: the template's REST APIs, and custom domains as AWS has them.

The connect-domain function creates a store's custom domain name and its `{prefix}/store/account` API
mapping (API Gateway V2 control plane, which maps REST APIs too). moto 5.2 keeps V1 (REST APIs) and V2
(domain names, mappings) in separate backends: its V2 `CreateApiMapping` knows only V2 APIs, and its V2
domain names lack the regional target AWS returns. `emulate_custom_domains()` closes both gaps,
process-wide and idempotently; `create_rest_apis()` creates every API of the template under its logical
id (what `!Ref CustomerApi` is locally, e.g. CUSTOMER_API_ID) with its stage deployed. The in-process
tests use the same emulation (tests/harness/apigateway.py).

`select_mapping()` and `mapping_for_host()` route a request by the mappings on its Host, as API Gateway
does: for a gateway that serves stores by what the connect-domain function created.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from devtools import template
from devtools.emulator import clients
from devtools.emulator.gateway import ACCOUNT_BASE

# API Gateway's regional hosted zones (what a Route 53 alias to a regional custom domain names).
REGIONAL_ZONES = {"us-east-1": "Z1UJRXOUMOOFQ8", "us-west-2": "Z2OJLYMUO9EFXC", "eu-west-1": "ZLY8HYME6SFDD"}
API_TYPES = ("AWS::Serverless::Api", "AWS::ApiGateway::RestApi")


def emulate_custom_domains() -> None:
    from moto.apigateway.models import apigateway_backends
    from moto.apigatewayv2 import models as v2
    from moto.apigatewayv2.exceptions import APIGatewayV2Error, BadRequestException, DomainNameNotFound

    class MappingExists(APIGatewayV2Error):
        code = 409

        def __init__(self, message: str) -> None:
            super().__init__("ConflictException", message)

    backend_class: Any = v2.ApiGatewayV2Backend
    if getattr(backend_class, "_maps_rest_apis", False):
        return
    original_mapping = backend_class.create_api_mapping
    original_domain = backend_class.create_domain_name

    def create_api_mapping(self: Any, api_id: str, api_mapping_key: str, domain_name: str, stage: str) -> Any:
        rest_api = apigateway_backends[self.account_id][self.region_name].apis.get(api_id)
        if api_id in self.apis or rest_api is None:
            return original_mapping(self, api_id, api_mapping_key, domain_name, stage)
        if domain_name not in self.domain_names:
            raise DomainNameNotFound
        if stage not in rest_api.stages:
            raise BadRequestException(f"Invalid stage identifier specified: {stage}")
        key = api_mapping_key or ""
        if key.startswith("/") or key.endswith("/") or "//" in key:
            raise BadRequestException("API mapping key should not start or end with a '/' or have consecutive '/'s.")
        if any(m.domain_name == domain_name and m.api_mapping_key == key for m in self.api_mappings.values()):
            raise MappingExists(f"A mapping for '{key}' already exists on {domain_name}.")
        mapping_id = self._generate_api_maping_id(api_mapping_key=key, stage=stage, domain_name=domain_name)
        mapping = v2.ApiMapping(
            domain_name=domain_name, api_id=api_id, api_mapping_key=key, api_mapping_id=mapping_id, stage=stage
        )
        self.api_mappings[mapping_id] = mapping
        return mapping

    def create_domain_name(
        self: Any, domain_name: str, domain_name_configurations: list[dict[str, str]], *args: Any, **kwargs: Any
    ) -> Any:
        digest = hashlib.sha256(f"{self.account_id}/{domain_name}".encode()).hexdigest()[:10]
        configurations = [
            {
                "apiGatewayDomainName": f"d-{digest}.execute-api.{self.region_name}.amazonaws.com",
                "hostedZoneId": REGIONAL_ZONES.get(self.region_name, "Z1UJRXOUMOOFQ8"),
                "domainNameStatus": "AVAILABLE",
                **config,
            }
            for config in domain_name_configurations or [{}]
        ]
        return original_domain(self, domain_name, configurations, *args, **kwargs)

    backend_class.create_api_mapping = create_api_mapping
    backend_class.create_domain_name = create_domain_name
    backend_class._maps_rest_apis = True


def api_id_variables(spec: dict[str, Any]) -> dict[str, str]:
    """Function environment variables holding a REST API's id (`!GetAtt Api.RestApiId`, which
    devtools.template leaves unset): locally the id is the logical id, as create_rest_apis makes it."""
    apis = {name for kind in API_TYPES for name in template.resources(spec, kind)}
    globals_env = spec.get("Globals", {}).get("Function", {}).get("Environment", {}).get("Variables", {})
    found = {}
    for resource in template.resources(spec, "AWS::Serverless::Function").values():
        local_env = (resource.get("Properties") or {}).get("Environment", {}).get("Variables", {})
        for key, value in {**globals_env, **local_env}.items():
            target = value.get("Fn::GetAtt") if isinstance(value, dict) else None
            parts = target if isinstance(target, list) else str(target or "").split(".", 1)
            if len(parts) == 2 and parts[0] in apis and parts[1] == "RestApiId":
                found[key] = str(parts[0])
    return found


def _stage(spec: dict[str, Any], value: Any) -> str:
    if isinstance(value, dict) and "Ref" in value:
        parameter = spec.get("Parameters", {}).get(value["Ref"], {})
        return str(parameter.get("Default") or "live")
    return str(value or "live")


def create_rest_apis(spec: dict[str, Any], region: str = "us-east-1") -> dict[str, str]:
    """Every REST API of the template, id = logical id, with its stage deployed. {id: stage}."""
    client = clients.client("apigateway", region)
    created = {}
    for name, resource in (item for kind in API_TYPES for item in template.resources(spec, kind).items()):
        props = resource.get("Properties") or {}
        api = client.create_rest_api(
            name=name, endpointConfiguration={"types": ["REGIONAL"]}, tags={"_custom_id_": name}
        )
        root = client.get_resources(restApiId=api["id"])["items"][0]["id"]
        client.put_method(restApiId=api["id"], resourceId=root, httpMethod="ANY", authorizationType="NONE")
        client.put_integration(restApiId=api["id"], resourceId=root, httpMethod="ANY", type="MOCK")
        stage = _stage(spec, props.get("StageName"))
        client.create_deployment(restApiId=api["id"], stageName=stage)
        created[str(api["id"])] = stage
    return created


# ---------------------------------------------------------------------------------------------- routing by mapping
@dataclass(frozen=True)
class Mapping:
    api_id: str
    stage: str
    key: str  # e.g. `products/store/account`, no leading slash

    @property
    def base_path(self) -> str:
        """The public path the mapping covers, e.g. `/products/store/account` (`` for the root)."""
        return f"/{self.key}" if self.key else ""


def mappings(host: str, region: str = "us-east-1") -> list[Mapping]:
    """The API mappings on the custom domain `host` (none if there is no such domain)."""
    client = clients.client("apigatewayv2", region)
    found: list[Mapping] = []
    params: dict[str, Any] = {"DomainName": host}
    while True:
        try:
            page = client.get_api_mappings(**params)
        except client.exceptions.NotFoundException:
            return found
        found += [Mapping(m["ApiId"], m["Stage"], m.get("ApiMappingKey") or "") for m in page.get("Items", [])]
        if not page.get("NextToken"):
            return found
        params["NextToken"] = page["NextToken"]


def select_mapping(host: str, path: str) -> Mapping | None:
    """The mapping API Gateway picks for a request: the longest key made of the path's leading
    segments (`/products/store/accountX` does not match `products/store/account`); the empty key
    matches what nothing else does."""
    best: Mapping | None = None
    for mapping in mappings(host):
        base = mapping.base_path
        if (not base or path == base or path.startswith(base + "/")) and (
            best is None or len(mapping.key) > len(best.key)
        ):
            best = mapping
    return best


def mapping_for_host(host: str) -> tuple[str, str] | None:
    """`(api_id, path_prefix)` of the customer API's mapping on `host` (`{prefix}/store/account`), or
    None: a `domain_lookup` for devtools.emulator.gateway.Gateway that routes a Host as AWS does."""
    from access_center.core.config import settings

    cfg = settings()
    if cfg.customer_api_id is None:
        return None
    account_key = ACCOUNT_BASE.lstrip("/")
    prefixes = [
        "/" + m.key.removesuffix(account_key).strip("/") if m.key != account_key else ""
        for m in mappings(host)
        if m.api_id == cfg.customer_api_id
        and m.stage == cfg.customer_api_stage
        and (m.key == account_key or m.key.endswith("/" + account_key))
    ]
    return (cfg.customer_api_id, max(prefixes, key=len)) if prefixes else None
