"""Store domains as CloudFront distribution tenants (`STORE_DOMAIN_MODE=tenants`, the default): each
store's domain is a tenant of the stack's multi-tenant distribution with a CloudFront-managed
certificate (access_center.aws.cloudfront). The order of operations around these steps: stores.domains.

Without EDGE_DISTRIBUTION_ID (the local server, the in-process tests) nothing is called: the domain is
served by the local server as soon as it is claimed, so it is `active` at once with nothing to publish.

Status: `active` once the certificate is issued and the tenant's domain is deployed and active; `failed`
when the certificate cannot be issued (validation timed out, revoked, failed, expired); else `pending`.
"""

from __future__ import annotations

from access_center.aws import cloudfront
from access_center.core.config import settings
from access_center.core.observability import logger
from access_center.stores.domain_state import DomainState, FailureKind, StepFailed
from access_center.stores.shapes import DnsRecord, DomainStatus, DomainValidation

KIND: dict[type[cloudfront.EdgeError], FailureKind] = {
    cloudfront.Refused: "refused",
    cloudfront.Taken: "taken",
    cloudfront.Raced: "raced",
    cloudfront.Throttled: "throttled",
}
# Certificate states that end without a certificate: the store fixes DNS (or its redirect), then PUTs again.
FAILED = frozenset({"failed", "validation-timed-out", "revoked", "expired", "inactive"})
LOCAL = DomainState("active", message="Served by the local server: there is nothing to publish.")


def _failed(error: cloudfront.EdgeError) -> StepFailed:
    return StepFailed(KIND.get(type(error), "unreachable"), error.message)


def _ours(tenant: cloudfront.Tenant, store_id: str) -> bool:
    return tenant.distribution_id == settings().edge_distribution_id and tenant.store_id == store_id


def _endpoint() -> str | None:
    group = settings().edge_connection_group_id
    return cloudfront.routing_endpoint(group) if group else None


def _certificate(tenant: cloudfront.Tenant) -> cloudfront.Certificate | None:
    """The certificate's details, or None where CloudFront does not say (yet, or now): the tenant exists
    either way, so a failed read makes the answer `pending`, never a failed request."""
    try:
        return cloudfront.certificate(tenant)
    except cloudfront.EdgeError as error:
        logger.warning("could not read the certificate of tenant %s: %s", tenant.id, error.message)
        return None


def _state(host: str, tenant: cloudfront.Tenant, cert: cloudfront.Certificate | None) -> DomainState:
    endpoint = _endpoint()
    self_hosted = cert is not None and cert.token_host == cloudfront.SELF_HOSTED
    records = [] if self_hosted or not endpoint else [DnsRecord(name=host, type="CNAME", value=endpoint)]
    validation = None
    if self_hosted and cert is not None and cert.redirect_from and cert.redirect_to:
        validation = DomainValidation(url=f"http://{cert.redirect_from}", redirect_to=f"https://{cert.redirect_to}")

    def state(status: DomainStatus, message: str | None) -> DomainState:
        return DomainState(status, records, message, validation, dns_target=endpoint)

    if cert is not None and cert.status in FAILED:
        how = "the redirect in `validation`" if self_hosted else f"the CNAME record of {host}"
        return state(
            "failed",
            f"CloudFront could not issue the certificate ({cert.status}): check {how}, then send the PUT again.",
        )
    if cert is not None and cert.status == "issued":
        if tenant.enabled and tenant.deployed and tenant.domain_active:
            return state("active", None)
        return state("pending", "The certificate is issued; CloudFront is deploying the domain (minutes).")
    if self_hosted:
        if validation is None:
            return state("pending", "CloudFront is preparing the validation token: send GET again in a minute.")
        return state(
            "pending", "Serve the redirect in `validation` from your CDN; CloudFront then issues the certificate."
        )
    return state("pending", "Publish the DNS record; CloudFront then validates the certificate (minutes to hours).")


def attach(store_id: str, host: str, *, storefront_cdn: bool) -> DomainState:
    """Create the store's tenant for `host`, or reuse it: enabled again where it was being retired, its
    certificate asked for again where it failed or must now be validated the other way."""
    cfg = settings()
    if not cfg.edge_distribution_id:
        return LOCAL
    wanted: cloudfront.TokenHost = cloudfront.SELF_HOSTED if storefront_cdn else "cloudfront"
    try:
        _endpoint()  # before anything is created: a failure here leaves nothing behind
        tenant = cloudfront.tenant_for(host)
        if tenant is None:
            tenant = cloudfront.create(
                host,
                store_id,
                distribution_id=cfg.edge_distribution_id,
                connection_group_id=cfg.edge_connection_group_id,
                token_host=wanted,
            )
            return _state(host, tenant, _certificate(tenant))
        if not _ours(tenant, store_id):
            raise cloudfront.Taken(
                f"{host} is served by a CloudFront tenant or distribution that is not this store's. "
                "Remove it there, or connect another domain."
            )
        cert = _certificate(tenant)
        again = cert is not None and cert.status != "issued" and (cert.status in FAILED or cert.token_host != wanted)
        if again or not tenant.enabled:
            tenant = cloudfront.enable(tenant, host, token_host=wanted if again else None)
            cert = None if again else cert
        return _state(host, tenant, cert)
    except cloudfront.EdgeError as error:
        raise _failed(error) from error


def is_attached(store_id: str, host: str) -> bool:
    """After a failure of unknown outcome (a timeout): whether the store's tenant for `host` exists. True
    where that cannot be read either, so the claim is kept and the same request, sent again, completes."""
    if not settings().edge_distribution_id:
        return False
    try:
        tenant = cloudfront.tenant_for(host)
    except cloudfront.EdgeError:
        return True
    return tenant is not None and _ours(tenant, store_id)


def state(store_id: str, host: str) -> DomainState:
    if not settings().edge_distribution_id:
        return LOCAL
    try:
        tenant = cloudfront.tenant_for(host)
        if tenant is None or not _ours(tenant, store_id):
            return DomainState(
                "pending", message="CloudFront has no tenant for this domain yet: send the same PUT again."
            )
        return _state(host, tenant, _certificate(tenant))
    except cloudfront.EdgeError as error:
        raise _failed(error) from error


def detach(store_id: str, host: str) -> bool:
    """Take the store's tenant for `host` off the edge: disable it, then, once that has deployed, delete
    it. True when it is gone (or was never ours); False while its disabling deploys (a later request for
    the store finishes it)."""
    if not settings().edge_distribution_id:
        return True
    try:
        tenant = cloudfront.tenant_for(host)
        if tenant is None or not _ours(tenant, store_id):
            return True  # gone, or not ours to touch
        if tenant.enabled:
            tenant = cloudfront.disable(tenant, host)
        if not tenant.deployed:
            return False
        cloudfront.delete(tenant, host)
    except cloudfront.NotDisabledYet:
        return False
    except cloudfront.EdgeError as error:
        raise _failed(error) from error
    return True
