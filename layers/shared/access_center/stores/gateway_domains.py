"""Store domains as API Gateway custom domains (`STORE_DOMAIN_MODE=custom-domains`): one regional custom
domain name per store with its `{prefix}/store/account` mapping (access_center.aws.apigateway), for small
deployments (docs/deploying.md). The order of operations around these steps: stores.domains."""

from __future__ import annotations

from access_center.aws import apigateway
from access_center.core.config import settings
from access_center.stores.domain_state import DomainState, FailureKind, StepFailed
from access_center.stores.shapes import DnsRecord

KIND: dict[type[apigateway.GatewayError], FailureKind] = {
    apigateway.Refused: "refused",
    apigateway.Taken: "taken",
    apigateway.Throttled: "throttled",
}


def _failed(error: apigateway.GatewayError) -> StepFailed:
    return StepFailed(KIND.get(type(error), "unreachable"), error.message)


def _active(host: str, target: apigateway.Target) -> DomainState:
    """A regional custom domain serves as soon as it exists (its certificate was issued before it could
    be created): active, with the record that points the domain at it."""
    if not target.dns_target:
        return DomainState("active")
    record = DnsRecord(name=host, type="CNAME", value=target.dns_target)
    return DomainState("active", [record], dns_target=target.dns_target, dns_target_zone_id=target.hosted_zone_id)


def attach(host: str, prefix: str, certificate: str | None) -> DomainState:
    cfg = settings()
    if not cfg.customer_api_id:  # local and in-process: the Stores table only
        return DomainState("active")
    try:
        target = apigateway.connect(
            host, apigateway.mapping_key(prefix), certificate, api_id=cfg.customer_api_id, stage=cfg.customer_api_stage
        )
    except apigateway.GatewayError as error:
        raise _failed(error) from error
    return _active(host, target)


def state(host: str) -> DomainState:
    if not settings().customer_api_id:
        return DomainState("active")
    try:
        target = apigateway.target(host)
    except apigateway.GatewayError as error:
        raise _failed(error) from error
    if target is None:
        return DomainState("pending", message="The custom domain is not in API Gateway yet: send the same PUT again.")
    return _active(host, target)


def detach(host: str, prefixes: list[str], *, current: str | None, live_prefix: str) -> bool:
    """Remove the mappings of `prefixes` on `host` (all but the live one when `host` is still the store's
    domain), and the custom domain name once nothing is mapped on it. Always done when it returns."""
    cfg = settings()
    if not cfg.customer_api_id:
        return True
    keep = host == current
    try:
        for prefix in prefixes:
            if keep and prefix == live_prefix:
                continue  # came back to it: the mapping is the live one
            apigateway.disconnect(host, apigateway.mapping_key(prefix), api_id=cfg.customer_api_id, keep_domain=keep)
    except apigateway.GatewayError as error:
        raise _failed(error) from error
    return True
