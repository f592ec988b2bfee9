"""API Gateway in moto, closed where it falls short of AWS for custom domains.

moto 5.2 keeps API Gateway V1 (REST APIs) and V2 (domain names, API mappings) in separate backends,
and its V2 `CreateApiMapping` only knows V2 APIs, while AWS maps REST APIs with it (the only way to a
multi-level key such as `products/store/account`). Its V2 domain names also lack the regional target
AWS returns (`ApiGatewayDomainName`, `HostedZoneId`). `emulate_custom_domains()` closes both gaps,
process-wide and idempotently; `create_customer_api()` creates the customer REST API under the id the
functions are configured with (CUSTOMER_API_ID: the template's logical id locally) and its stage.

The local server needs the same two calls once moto is started (see the report on issue 6).
"""

from __future__ import annotations

import hashlib
from typing import Any

import boto3

from access_center.config import settings

# API Gateway's regional hosted zones (what a Route 53 alias to a regional custom domain names).
REGIONAL_ZONES = {"us-east-1": "Z1UJRXOUMOOFQ8", "us-west-2": "Z2OJLYMUO9EFXC", "eu-west-1": "ZLY8HYME6SFDD"}


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


def create_customer_api(region: str = "us-east-1") -> str:
    """The customer REST API (id = CUSTOMER_API_ID) with one resource and its stage deployed."""
    cfg = settings()
    assert cfg.customer_api_id, "CUSTOMER_API_ID is not set"
    client = boto3.client("apigateway", region_name=region)
    api = client.create_rest_api(
        name="CustomerApi", endpointConfiguration={"types": ["REGIONAL"]}, tags={"_custom_id_": cfg.customer_api_id}
    )
    root = client.get_resources(restApiId=api["id"])["items"][0]["id"]
    client.put_method(restApiId=api["id"], resourceId=root, httpMethod="ANY", authorizationType="NONE")
    client.put_integration(restApiId=api["id"], resourceId=root, httpMethod="ANY", type="MOCK")
    client.create_deployment(restApiId=api["id"], stageName=cfg.customer_api_stage)
    return str(api["id"])
