"""CloudFront distribution tenants for stores: the only module that talks to CloudFront.

In the `tenants` domain mode (access_center.stores.domains) each store's domain is one distribution
tenant of the stack's multi-tenant distribution (`StoreEdgeDistribution`), on the stack's connection
group, with a CloudFront-managed (ACM) certificate. CloudFront validates that certificate over HTTP:
either it serves the token itself once the domain points at the connection group's routing endpoint
(`cloudfront`), or the store's own CDN keeps serving the host and redirects the token's URL to ACM
(`self-hosted`).

Only tenants this module created are changed or removed: they carry `access-center:managed-by =
connect-domain` and the store's id, and sit on our distribution. Anything else on a host is refused.

A tenant is removed in two steps, as CloudFront requires: disabled (UpdateDistributionTenant), then
deleted (DeleteDistributionTenant, which refuses an enabled tenant with ResourceNotDisabled). Both
name the tenant's current ETag (IfMatch), so a change that raced ours fails instead of being undone.

Imported only by the connect-domain function (client created on first use, once per container).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from collections.abc import Mapping

MANAGED_BY = "access-center:managed-by"
BY_THIS_SERVICE = "connect-domain"
STORE_TAG = "access-center:store"
# The first botocore whose CloudFront model has every tenant operation called here (2025-04-28).
TENANTS_SINCE = "1.38.4"

TokenHost = Literal["cloudfront", "self-hosted"]
# The store's CDN serves the validation token (a redirect to ACM), not CloudFront.
SELF_HOSTED: TokenHost = "self-hosted"


class EdgeError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Refused(EdgeError):
    """CloudFront says the request cannot work as given (a domain it will not serve). Retrying the same
    request will not help."""


class Taken(EdgeError):
    """The domain belongs to a tenant or distribution that is not ours."""


class Raced(EdgeError):
    """The tenant changed between our read and our write (its ETag moved): read again and decide again."""


class Throttled(EdgeError):
    """CloudFront's control plane is rate limiting us; retry shortly."""


class Unreachable(EdgeError):
    """CloudFront failed, could not be reached, or the platform is out of a quota; the same request can be
    retried (a quota needs an operator first: docs/operations.md)."""


class NotDisabledYet(EdgeError):
    """DeleteDistributionTenant refused: the tenant's disabling has not reached CloudFront yet."""


@dataclass(frozen=True)
class Tenant:
    id: str
    etag: str
    distribution_id: str
    connection_group_id: str | None
    enabled: bool
    deployed: bool  # the tenant's last change has reached the edge (Status `Deployed`)
    domain_active: bool  # CloudFront serves the domain (its DomainResult status `active`)
    tags: Mapping[str, str]

    @property
    def store_id(self) -> str | None:
        return self.tags.get(STORE_TAG) if self.tags.get(MANAGED_BY) == BY_THIS_SERVICE else None


@dataclass(frozen=True)
class Certificate:
    """The tenant's CloudFront-managed certificate, as GetManagedCertificateDetails answers it."""

    status: str  # pending-validation, issued, inactive, expired, validation-timed-out, revoked, failed
    token_host: TokenHost | None
    redirect_from: str | None  # self-hosted: the URL on the store's host that must redirect ...
    redirect_to: str | None  # ... to this one (ACM's token)


def tenant_name(host: str) -> str:
    """A tenant's name, unique in the account (CloudFront's rule) and at most 128 characters: the host
    itself where it fits (a host is already [a-z0-9.-], starting and ending alphanumeric), else its
    start and a digest of all of it."""
    if len(host) <= 128:
        return host
    return f"{host[:115]}-{hashlib.sha256(host.encode()).hexdigest()[:12]}"


@cache
def _client() -> Any:
    import boto3

    from access_center.core.timeouts import budget

    # CloudFront's control plane is one global endpoint; its budget (core.timeouts) fits the function's 25 s.
    client = boto3.client("cloudfront", config=budget("cloudfront").client_config())
    if not hasattr(client, "create_distribution_tenant"):  # the runtime's SDK, not ours (docs/deploying.md)
        import botocore

        raise Unreachable(
            f"This runtime's botocore {botocore.__version__} predates CloudFront's distribution tenants "
            f"(botocore {TENANTS_SINCE}): ship botocore with the connect-domain function (docs/deploying.md)."
        )
    return client


def _error(what: str, error: Exception) -> EdgeError:
    from botocore.exceptions import ClientError

    if not isinstance(error, ClientError):
        return Unreachable(f"Could not reach CloudFront to {what}: {error}")
    details = error.response.get("Error", {})
    code, message = str(details.get("Code", "")), str(details.get("Message", "") or error)
    if code in ("InvalidArgument", "InvalidAssociation"):
        return Refused(f"CloudFront refused to {what}: {message}")
    if code in ("CNAMEAlreadyExists", "EntityAlreadyExists"):
        return Taken(f"CloudFront could not {what}: {message}")
    if code in ("PreconditionFailed", "InvalidIfMatchVersion"):
        return Raced(f"CloudFront could not {what}: the tenant changed meanwhile.")
    if code == "ResourceNotDisabled":
        return NotDisabledYet(f"CloudFront could not {what} yet: its disabling is still deploying.")
    if code in ("Throttling", "ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded"):
        return Throttled(f"CloudFront is throttling requests to {what}; try again shortly.")
    if code == "EntityLimitExceeded":
        return Unreachable(f"CloudFront could not {what}: the platform reached a CloudFront quota ({message}).")
    return Unreachable(f"CloudFront failed to {what} ({code or 'error'}): {message}")


def _call(what: str, operation: str, *, missing_ok: bool = False, **params: Any) -> dict[str, Any] | None:
    """One CloudFront call; EntityNotFound is None where `missing_ok`, other failures are EdgeErrors."""
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        result: dict[str, Any] = getattr(_client(), operation)(**params)
        return result
    except ClientError as error:
        if missing_ok and error.response.get("Error", {}).get("Code") == "EntityNotFound":
            return None
        raise _error(what, error) from error
    except BotoCoreError as error:
        raise _error(what, error) from error


def _tenant(answer: dict[str, Any]) -> Tenant:
    found = answer["DistributionTenant"]
    return Tenant(
        id=found["Id"],
        etag=answer["ETag"],
        distribution_id=found.get("DistributionId", ""),
        connection_group_id=found.get("ConnectionGroupId"),
        enabled=bool(found.get("Enabled")),
        deployed=found.get("Status") == "Deployed",
        domain_active=all(d.get("Status") == "active" for d in found.get("Domains") or [{}]),
        tags={t["Key"]: t.get("Value", "") for t in (found.get("Tags") or {}).get("Items") or []},
    )


def tenant_for(host: str) -> Tenant | None:
    """The tenant that serves `host`, whoever's it is, or None."""
    answer = _call(f"look up the tenant of {host}", "get_distribution_tenant_by_domain", missing_ok=True, Domain=host)
    return None if answer is None else _tenant(answer)


def create(
    host: str, store_id: str, *, distribution_id: str, connection_group_id: str | None, token_host: TokenHost
) -> Tenant:
    """A new enabled tenant for `host` with a CloudFront-managed certificate, tagged as the store's."""
    params: dict[str, Any] = {
        "DistributionId": distribution_id,
        "Name": tenant_name(host),
        "Domains": [{"Domain": host}],
        "Tags": {"Items": [{"Key": MANAGED_BY, "Value": BY_THIS_SERVICE}, {"Key": STORE_TAG, "Value": store_id}]},
        "ManagedCertificateRequest": {"ValidationTokenHost": token_host, "PrimaryDomainName": host},
        "Enabled": True,
    }
    if connection_group_id:
        params["ConnectionGroupId"] = connection_group_id
    answer = _call(f"create the tenant of {host}", "create_distribution_tenant", **params)
    assert answer is not None
    return _tenant(answer)


def enable(tenant: Tenant, host: str, *, token_host: TokenHost | None) -> Tenant:
    """Enable a tenant again (a store coming back to a domain it was leaving), asking for the certificate
    anew where `token_host` is given (the way its token is served changed before it was issued)."""
    params: dict[str, Any] = {"Id": tenant.id, "IfMatch": tenant.etag, "Domains": [{"Domain": host}], "Enabled": True}
    if tenant.connection_group_id:
        params["ConnectionGroupId"] = tenant.connection_group_id
    if token_host is not None:
        params["ManagedCertificateRequest"] = {"ValidationTokenHost": token_host, "PrimaryDomainName": host}
    answer = _call(f"update the tenant of {host}", "update_distribution_tenant", **params)
    assert answer is not None
    return _tenant(answer)


def disable(tenant: Tenant, host: str) -> Tenant:
    params: dict[str, Any] = {"Id": tenant.id, "IfMatch": tenant.etag, "Domains": [{"Domain": host}], "Enabled": False}
    if tenant.connection_group_id:
        params["ConnectionGroupId"] = tenant.connection_group_id
    answer = _call(f"disable the tenant of {host}", "update_distribution_tenant", **params)
    assert answer is not None
    return _tenant(answer)


def delete(tenant: Tenant, host: str) -> None:
    """Delete a disabled tenant (NotDisabledYet while its disabling deploys); gone already is done."""
    _call(
        f"delete the tenant of {host}", "delete_distribution_tenant", missing_ok=True, Id=tenant.id, IfMatch=tenant.etag
    )


def certificate(tenant: Tenant) -> Certificate | None:
    """The tenant's managed certificate, or None while CloudFront has none to show."""
    answer = _call(
        "read the tenant's certificate", "get_managed_certificate_details", missing_ok=True, Identifier=tenant.id
    )
    details = (answer or {}).get("ManagedCertificateDetails")
    if not details:
        return None
    token: dict[str, str] = next(iter(details.get("ValidationTokenDetails") or []), {})
    return Certificate(
        status=str(details.get("CertificateStatus") or "pending-validation"),
        token_host=details.get("ValidationTokenHost"),
        redirect_from=token.get("RedirectFrom"),
        redirect_to=token.get("RedirectTo"),
    )


@cache
def routing_endpoint(connection_group_id: str) -> str:
    """Where every store's domain points (a CNAME): the connection group's routing endpoint. It never
    changes for a group, so one read per container."""
    answer = _call("read the connection group", "get_connection_group", Identifier=connection_group_id)
    assert answer is not None
    return str(answer["ConnectionGroup"]["RoutingEndpoint"])
