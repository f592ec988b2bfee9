"""SES tenants: one per store that sends from its own domain, so each such store has a sending reputation
of its own. SES counts bounces and complaints, and can pause sending, per tenant; a store whose customers
complain is then paused alone instead of the whole account (docs/operations.md, "Email reputation").

A send names its tenant (`TenantName`), and SES accepts it only if every resource it uses is associated
with that tenant: the store's identity, the platform's (a store sends from it until its own domain is
verified) and the configuration set. So a tenant is made with those associations (`open_tenant`), and the
store's identity joins it when the store connects its domain. Every call here is idempotent: a tenant or
association that exists already, or one already gone, is success, so a failed step is finished by the same
request sent again.

Why tenants rather than a configuration set per store, for 10,000 stores in one account: SES allows
10,000 configuration sets per region and the quota is not adjustable (docs.aws.amazon.com/ses/latest/dg/
quotas.html), so one per store would meet the hard limit with the stack's own set. Tenants keep one
configuration set for all (its event destination and suppression settings), and a tenant per store.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from botocore.exceptions import ClientError

from access_center.aws import ses
from access_center.core.config import settings

_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")  # what SES takes as a tenant name


def tenant_name(store_id: str) -> str:
    """The store's tenant: `{stack}-{store_id}` where that is a name SES takes, else a digest of both.
    Fixed by the store and the stack, so a lost record (or a half-done removal) can still find it."""
    readable = f"{settings().stack_name}-{store_id}"
    if _NAME.fullmatch(readable):
        return readable
    return "ac-" + hashlib.sha256(f"{settings().stack_name}/{store_id}".encode()).hexdigest()[:40]


@dataclass(frozen=True)
class Tenant:
    name: str
    arn: str

    def resource_arn(self, kind: str, name: str) -> str:
        """An SES resource's ARN in the tenant's account and region (`identity`, `configuration-set`)."""
        partition, service, region, account = self.arn.split(":")[1:5]
        return f"arn:{partition}:{service}:{region}:{account}:{kind}/{name}"


def _code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))


def open_tenant(store_id: str) -> Tenant:
    """The store's tenant, made if it is not there yet, with the resources every send of the store uses:
    the configuration set and the platform's identity."""
    name = tenant_name(store_id)
    try:
        arn = str(ses.client().create_tenant(TenantName=name, Tags=ses.tags("tenant", store_id))["TenantArn"])
    except ClientError as error:
        if _code(error) != "AlreadyExistsException":
            raise
        arn = str(ses.client().get_tenant(TenantName=name)["Tenant"]["TenantArn"])
    tenant = Tenant(name, arn)
    configuration_set = settings().ses_configuration_set
    if configuration_set:
        associate(tenant, tenant.resource_arn("configuration-set", configuration_set))
    associate(tenant, tenant.resource_arn("identity", settings().platform_sender_email.rpartition("@")[2]))
    return tenant


def associate(tenant: Tenant, resource_arn: str) -> None:
    try:
        ses.client().create_tenant_resource_association(TenantName=tenant.name, ResourceArn=resource_arn)
    except ClientError as error:
        if _code(error) != "AlreadyExistsException":
            raise


def dissociate(tenant: Tenant, resource_arn: str) -> None:
    try:
        ses.client().delete_tenant_resource_association(TenantName=tenant.name, ResourceArn=resource_arn)
    except ClientError as error:
        if _code(error) != "NotFoundException":
            raise


def close_tenant(store_id: str) -> None:
    """Delete the store's tenant; one already gone is fine."""
    try:
        ses.client().delete_tenant(TenantName=tenant_name(store_id))
    except ClientError as error:
        if _code(error) != "NotFoundException":
            raise
