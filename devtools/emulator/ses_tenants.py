"""SES tenants in moto, which has none (moto 5.2): the local server's and the tests' stand-in.

What SES documents, and no more: a tenant is made once per name (AlreadyExistsException after), answers
its ARN, takes associations with identities and configuration sets that exist (AlreadyExistsException for
one it has, NotFoundException for a resource or tenant that is not there), and a send naming a tenant
(`TenantName`) succeeds only if the tenant exists and its identity and configuration set are associated
with it ("The email sending operation will only succeed if all referenced resources ... are associated with
this tenant", SendEmail's TenantName in the SES v2 API reference). Which error SES answers for a send
outside its tenant is not documented: here BadRequestException, so the mailers retry it rather than drop it.

And CreateEmailIdentity refuses an identity that exists (AlreadyExistsException), as SES does: moto
replaces it, tags and all, which would hide whose it is.

Each accepted message keeps the tenant it was sent through (`message.tenant_name`), for the tests and the
outbox. The state lives on moto's SES v2 backend, so every mock starts without tenants.
"""

from __future__ import annotations

import json
from email.utils import parseaddr
from typing import Any

from moto.core.exceptions import JsonRESTError

ARN_PREFIX = "arn:aws:ses:{region}:{account}"


class _Error(JsonRESTError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(code, message)
        self.code = 404 if code == "NotFoundException" else 400


def _tenants(backend: Any) -> dict[str, dict[str, Any]]:
    if not hasattr(backend, "_dev_tenants"):
        backend._dev_tenants = {}
    found: dict[str, dict[str, Any]] = backend._dev_tenants
    return found


def _resource_exists(backend: Any, arn: str) -> bool:
    kind, _, name = arn.rpartition(":")[2].partition("/")
    if kind == "identity":
        return name in backend.core_backend.email_identities
    if kind == "configuration-set":
        return name in backend.core_backend.config_sets
    return False


def emulate_ses_tenants() -> None:
    """Teach moto's SES v2 the tenant operations the product calls, and tenant checks on SendEmail.
    Process-wide and idempotent."""
    from moto.sesv2.responses import SESV2Response

    if getattr(SESV2Response, "_dev_tenants", False):
        return

    def tenant(self: Any, name: str) -> dict[str, Any]:
        found = _tenants(self.sesv2_backend).get(name)
        if found is None:
            raise _Error("NotFoundException", f"Tenant {name} does not exist.")
        return found

    def create_tenant(self: Any) -> str:
        backend = self.sesv2_backend
        name = self._get_param("TenantName")
        if name in _tenants(backend):
            raise _Error("AlreadyExistsException", f"Tenant {name} already exists.")
        tenant_id = f"tn-{len(_tenants(backend)) + 1:08d}"
        prefix = ARN_PREFIX.format(region=self.region, account=self.current_account)
        created = {
            "TenantName": name,
            "TenantId": tenant_id,
            "TenantArn": f"{prefix}:tenant/{name}/{tenant_id}",
            "Tags": self._get_param("Tags") or [],
            "SendingStatus": "ENABLED",
            "resources": set(),
        }
        _tenants(backend)[name] = created
        return json.dumps({k: v for k, v in created.items() if k != "resources"})

    def get_tenant(self: Any) -> str:
        found = tenant(self, self._get_param("TenantName"))
        return json.dumps({"Tenant": {k: v for k, v in found.items() if k != "resources"}})

    def delete_tenant(self: Any) -> str:
        name = self._get_param("TenantName")
        tenant(self, name)
        del _tenants(self.sesv2_backend)[name]
        return "{}"

    def create_tenant_resource_association(self: Any) -> str:
        found = tenant(self, self._get_param("TenantName"))
        arn = self._get_param("ResourceArn")
        if not _resource_exists(self.sesv2_backend, arn):
            raise _Error("NotFoundException", f"Resource {arn} does not exist.")
        if arn in found["resources"]:
            raise _Error("AlreadyExistsException", f"Resource {arn} is already associated with the tenant.")
        found["resources"].add(arn)
        return "{}"

    def delete_tenant_resource_association(self: Any) -> str:
        found = tenant(self, self._get_param("TenantName"))
        arn = self._get_param("ResourceArn")
        if arn not in found["resources"]:
            raise _Error("NotFoundException", f"Resource {arn} is not associated with the tenant.")
        found["resources"].discard(arn)
        return "{}"

    original_create_identity = SESV2Response.create_email_identity

    def create_email_identity(self: Any) -> str:
        name = self._get_param("EmailIdentity")
        if name in self.sesv2_backend.core_backend.email_identities:
            raise _Error("AlreadyExistsException", f"Email identity {name} already exists.")
        return str(original_create_identity(self))

    original_send = SESV2Response.send_email

    def send_email(self: Any) -> str:
        params = json.loads(self.body)
        name = params.get("TenantName")
        if name is None:
            return str(original_send(self))
        found = tenant(self, name)
        prefix = ARN_PREFIX.format(region=self.region, account=self.current_account)
        sender = parseaddr(params.get("FromEmailAddress") or "")[1]
        used = {f"{prefix}:identity/{sender.rpartition('@')[2].lower()}"}
        if params.get("ConfigurationSetName"):
            used.add(f"{prefix}:configuration-set/{params['ConfigurationSetName']}")
        if not used <= found["resources"]:
            raise _Error(
                "BadRequestException", f"Resources {sorted(used - found['resources'])} are not in tenant {name}."
            )
        answer = str(original_send(self))
        sent = self.sesv2_backend.core_backend.sent_messages[-1]
        sent.tenant_name = name
        return answer

    for method in (
        create_tenant,
        get_tenant,
        delete_tenant,
        create_tenant_resource_association,
        delete_tenant_resource_association,
        send_email,
        create_email_identity,
    ):
        setattr(SESV2Response, method.__name__, method)
    SESV2Response._dev_tenants = True  # type: ignore[attr-defined]
