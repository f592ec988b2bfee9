"""API Gateway custom domains for stores: the only module that talks to API Gateway.

A store's domain is a REGIONAL custom domain name (TLS 1.2) with an API mapping whose key is the
public access-center path without its leading slash (`products/store/account`, or `store/account`
without a prefix) to the customer REST API's stage. Multi-level keys exist only in the API Gateway V2
control plane (the V1 `CreateBasePathMapping` refuses a `/` in a base path), and V2 mappings accept
REST API ids, so everything here uses `apigatewayv2`.

Only what carries our tag is ever changed or removed: domain names this module created
(`access-center:managed-by = connect-domain`) can be deleted once nothing is mapped on them; the
stack's primary domain (`= stack`) is reused but never changed; a domain name without the tag
belongs to someone else and is refused.

Imported only by the connect-domain function (boto3 client created on first use, once per container).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from access_center.core.config import settings
from access_center.core.timeouts import budget

ACCOUNT_KEY = "store/account"
MANAGED_BY = "access-center:managed-by"
BY_THIS_SERVICE = "connect-domain"
BY_THE_STACK = "stack"


class GatewayError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Refused(GatewayError):
    """API Gateway says the request cannot work as given (e.g. no certificate, or one that does not
    cover the domain). Retrying the same request will not help."""


class Taken(GatewayError):
    """The domain or the mapping path belongs to something that is not ours."""


class Throttled(GatewayError):
    """API Gateway's control plane is rate limiting us; retry shortly."""


class Unreachable(GatewayError):
    """API Gateway failed or could not be reached; the same request can be retried."""


@dataclass(frozen=True)
class Target:
    """Where the store's DNS record must point (a CNAME, or a Route 53 alias in `hosted_zone_id`)."""

    dns_target: str | None
    hosted_zone_id: str | None


def mapping_key(path_prefix: str) -> str:
    """`/products` -> `products/store/account`; `` -> `store/account` (no leading slash)."""
    return f"{path_prefix.strip('/')}/{ACCOUNT_KEY}".lstrip("/")


@cache
def _client() -> Any:
    # Control-plane calls are few and slow-ish; bounded retries keep a request inside the timeout.
    return boto3.client("apigatewayv2", region_name=settings().region, config=budget("apigatewayv2").client_config())


def _error(what: str, error: ClientError) -> GatewayError:
    details = error.response.get("Error", {})
    code, message = str(details.get("Code", "")), str(details.get("Message", "") or error)
    if code == "BadRequestException":
        return Refused(f"API Gateway refused to {what}: {message}")
    if code == "ConflictException":
        return Taken(f"API Gateway could not {what}: {message}")
    if code in ("TooManyRequestsException", "LimitExceededException"):
        return Throttled(f"API Gateway is throttling requests to {what}; try again shortly.")
    return Unreachable(f"API Gateway failed to {what} ({code or 'error'}): {message}")


def _call(what: str, operation: str, *, missing_ok: bool = False, **params: Any) -> dict[str, Any] | None:
    """One API Gateway call; NotFound is None where `missing_ok`, other failures are GatewayErrors."""
    try:
        result: dict[str, Any] = getattr(_client(), operation)(**params)
        return result
    except ClientError as error:
        if missing_ok and error.response.get("Error", {}).get("Code") == "NotFoundException":
            return None
        raise _error(what, error) from error
    except BotoCoreError as error:
        raise Unreachable(f"Could not reach API Gateway to {what}: {error}") from error


def _domain(host: str) -> dict[str, Any] | None:
    return _call(f"read the custom domain {host}", "get_domain_name", missing_ok=True, DomainName=host)


def _mappings(host: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    params: dict[str, Any] = {"DomainName": host, "MaxResults": "100"}
    while True:
        page = _call(f"list the mappings of {host}", "get_api_mappings", missing_ok=True, **params)
        if page is None:
            return found
        found.extend(page.get("Items") or [])
        if not page.get("NextToken"):
            return found
        params["NextToken"] = page["NextToken"]


def _config(domain: dict[str, Any]) -> dict[str, Any]:
    configs = domain.get("DomainNameConfigurations") or [{}]
    first: dict[str, Any] = configs[0]
    return first


def _managed_by(domain: dict[str, Any]) -> str | None:
    return (domain.get("Tags") or {}).get(MANAGED_BY)


def _target(domain: dict[str, Any]) -> Target:
    config = _config(domain)
    return Target(config.get("ApiGatewayDomainName"), config.get("HostedZoneId"))


def _check_reusable(host: str, domain: dict[str, Any], certificate_arn: str | None) -> None:
    if _managed_by(domain) not in (BY_THIS_SERVICE, BY_THE_STACK):
        raise Taken(
            f"{host} already exists in API Gateway and is not managed by the access center. "
            "Remove its custom domain name there, or connect another domain."
        )
    config = _config(domain)
    if config.get("EndpointType") != "REGIONAL":
        raise Refused(f"{host} exists in API Gateway as an {config.get('EndpointType')} domain; it must be REGIONAL.")
    current = config.get("CertificateArn")
    if certificate_arn and current and certificate_arn != current:
        raise Taken(
            f"{host} already serves certificate {current}. Renew or re-import that certificate in ACM "
            "(the ARN stays the same), or disconnect the domain and connect it again with the new one."
        )


def _ensure_mapping(host: str, key: str, api_id: str, stage: str) -> None:
    for mapping in _mappings(host):
        if (mapping.get("ApiMappingKey") or "") != key:
            continue
        if mapping.get("ApiId") == api_id and mapping.get("Stage") == stage:
            return  # already there: reconnecting creates nothing
        if mapping.get("ApiId") != api_id:
            raise Taken(f"https://{host}/{key} is already mapped to another API ({mapping.get('ApiId')}).")
        _call(  # our API on a stage that is no longer ours (StageName changed): move it
            f"remove the old-stage mapping of {host}/{key}",
            "delete_api_mapping",
            missing_ok=True,
            DomainName=host,
            ApiMappingId=mapping["ApiMappingId"],
        )
    _call(f"map {host}/{key}", "create_api_mapping", DomainName=host, ApiMappingKey=key, ApiId=api_id, Stage=stage)


def connect(host: str, key: str, certificate_arn: str | None, *, api_id: str, stage: str) -> Target:
    """Make `https://{host}/{key}/...` reach the customer API: create (or reuse) the custom domain name
    and the mapping. Idempotent. If the mapping cannot be made, a domain name created by this call is
    removed again, so a failure leaves API Gateway as it was."""
    domain = _domain(host)
    created = False
    if domain is None:
        config = {"EndpointType": "REGIONAL", "SecurityPolicy": "TLS_1_2"}
        if certificate_arn:
            config["CertificateArn"] = certificate_arn
        domain = _call(
            f"create the custom domain {host}",
            "create_domain_name",
            DomainName=host,
            DomainNameConfigurations=[config],
            Tags={MANAGED_BY: BY_THIS_SERVICE},
        )
        assert domain is not None
        created = True
    else:
        _check_reusable(host, domain, certificate_arn)
    try:
        _ensure_mapping(host, key, api_id, stage)
    except GatewayError:
        if created:
            _remove_domain_if_unused(host)
        raise
    return _target(domain)


def _remove_domain_if_unused(host: str) -> None:
    if not _mappings(host):
        _call(f"delete the custom domain {host}", "delete_domain_name", missing_ok=True, DomainName=host)


def disconnect(host: str, key: str, *, api_id: str, keep_domain: bool) -> None:
    """Remove our mapping `key` from `host`, then the domain name itself if this module created it and
    nothing is mapped on it any more (unless `keep_domain`). Idempotent; untagged domain names and the
    stack's primary domain are left alone."""
    domain = _domain(host)
    if domain is None or _managed_by(domain) != BY_THIS_SERVICE:
        return
    for mapping in _mappings(host):
        if (mapping.get("ApiMappingKey") or "") == key and mapping.get("ApiId") == api_id:
            _call(
                f"remove the mapping {host}/{key}",
                "delete_api_mapping",
                missing_ok=True,
                DomainName=host,
                ApiMappingId=mapping["ApiMappingId"],
            )
    if not keep_domain:
        _remove_domain_if_unused(host)


def target(host: str) -> Target | None:
    """Where `host` must point, if the access center's custom domain name for it exists."""
    domain = _domain(host)
    if domain is None or _managed_by(domain) not in (BY_THIS_SERVICE, BY_THE_STACK):
        return None
    return _target(domain)
