"""A store's sending identity (API.md section 7): a store sends as its `from_email` only from a domain
SES has verified for that store; until then the platform's address sends for it.

PUT claims the domain for the store (one store per domain: 409 for another), then creates the SES
domain identity with Easy DKIM and answers the three CNAME records to publish. GET asks SES again
and records what it says; mailers read the recorded status (docs/store-systems.md, "Sending identity").

A store with its own domain sends through its own SES tenant (aws.ses_tenants), made on its first PUT:
its bounces and complaints are its own. A domain the store leaves (PUT of another, or DELETE) has its
identity deleted, if this stack created it, and only then is the claim released, so no other store of
this stack can take the domain and lose its identity under it. A deletion that fails stays on the store's
list (`retiring_senders`) and the next change finishes it. DELETE also closes the tenant: the store then
sends from the platform's address, at the account's reputation, as before its first PUT.
"""

from __future__ import annotations

from typing import TypedDict

from botocore.exceptions import BotoCoreError, ClientError

from access_center.aws import ses, ses_tenants
from access_center.core.config import settings
from access_center.core.errors import Conflict, NotFound, Unavailable
from access_center.core.i18n import N_
from access_center.core.observability import count, logger
from access_center.stores import logic
from access_center.stores import sender_storage as senders
from access_center.stores import storage as db

PENDING, VERIFIED, FAILED = "pending", "verified", "failed"
_SES_FAULTS = (ClientError, BotoCoreError)


class DnsRecord(TypedDict):
    type: str
    name: str
    value: str


class SenderView(TypedDict):
    store_id: str
    domain: str
    status: str
    dns_records: list[DnsRecord]


def _status(identity: ses.DomainIdentity) -> str:
    if identity.verified:
        return VERIFIED
    return FAILED if identity.dkim_status in ("FAILED", "TEMPORARY_FAILURE") else PENDING


def _view(store_id: str, domain: str, identity: ses.DomainIdentity) -> SenderView:
    return {
        "store_id": store_id,
        "domain": domain,
        "status": _status(identity),
        "dns_records": [
            {"type": "CNAME", "name": f"{token}._domainkey.{domain}", "value": f"{token}.dkim.amazonses.com"}
            for token in identity.dkim_tokens
        ],
    }


def _store(store_id: str) -> db.StoreRecord:
    record = db.get_store(store_id, consistent=True)
    if record is None:
        raise NotFound(N_("No store %(store_id)s."), store_id=repr(store_id))
    return record


def connect_sender(store_id: str, raw_domain: str) -> SenderView:
    domain = logic.validate_domain(raw_domain)
    record = _store(store_id)
    platform_domain = settings().platform_sender_email.rpartition("@")[2].lower()
    if domain == platform_domain:
        raise Conflict(N_("%(domain)s is the platform's own sending domain."), domain=domain)
    try:
        claimed = senders.claim_sender(store_id, domain)
    except senders.SenderTaken as error:
        raise Conflict(N_("%(domain)s is verified for another store."), domain=domain) from error
    try:
        identity = ses.create_domain_identity(domain, store_id)
        if identity.ours:
            tenant = ses_tenants.open_tenant(store_id)
            ses_tenants.associate(tenant, tenant.resource_arn("identity", domain))
    except _SES_FAULTS as error:
        if claimed:
            senders.release_sender(store_id, domain)  # nothing half done: the claim goes with the failure
        raise Unavailable(N_("SES could not set up the sending domain; send the same request again.")) from error
    if not identity.ours:  # made by a person, the platform or another stack: never ours to send as
        if claimed:
            senders.release_sender(store_id, domain)
        raise Conflict(N_("%(domain)s already has an SES identity that this deployment did not create."), domain=domain)
    senders.set_sender(store_id, domain, _status(identity), tenant=tenant.name, retire=record.sender_domain)
    if domain in record.retiring_senders:  # left once, and taken back before its identity went
        senders.keep_sender(store_id, domain)
    _retire_all(store_id, (record.retiring_senders | {record.sender_domain or domain}) - {domain}, tenant)
    logic.forget_hosts()
    return _view(store_id, domain, identity)


def disconnect_sender(store_id: str) -> None:
    """The store stops sending from its own domain: its tenant is closed and the domain's identity
    deleted (if this stack created it). Repeatable: a step that failed (503) is finished by the same
    request again, and a store without a domain answers the same."""
    record = _store(store_id)
    senders.clear_sender(store_id, retire=record.sender_domain)
    logic.forget_hosts()
    try:
        ses_tenants.close_tenant(store_id)  # first: no send can name a tenant whose identity is gone
    except _SES_FAULTS as error:
        raise Unavailable(N_("SES could not close the store's tenant; send the same request again.")) from error
    left = record.retiring_senders | ({record.sender_domain} if record.sender_domain else set())
    if not _retire_all(store_id, left, None):
        raise Unavailable(N_("SES could not delete the old identity; send the same request again."))


def _retire_all(store_id: str, domains: frozenset[str] | set[str], tenant: ses_tenants.Tenant | None) -> bool:
    """Retire each domain the store has left; whether all are done (the rest stay on its list)."""
    done = [_retire(store_id, domain, tenant) for domain in sorted(domains)]  # each tried, whatever failed
    return all(done)


def _retire(store_id: str, domain: str, tenant: ses_tenants.Tenant | None) -> bool:
    owner = senders.sender_owner(domain)
    try:
        if tenant is not None:
            ses_tenants.dissociate(tenant, tenant.resource_arn("identity", domain))
        # Another store's claim (one made before claims were released last) keeps the identity in use.
        if owner in (None, store_id) and not ses.delete_domain_identity(domain):
            logger.info("Left an SES identity this stack did not create", extra={"store_id": store_id})
    except _SES_FAULTS as error:
        count("SenderIdentitiesLeftToRetire")
        logger.warning(
            "SES identity not deleted; the store's next sender change retries it",
            extra={"store_id": store_id, "domain": domain, "error": type(error).__name__},
        )
        return False
    senders.retired_sender(store_id, domain)
    return True


def sender_status(store_id: str) -> SenderView:
    record = _store(store_id)
    if not record.sender_domain:
        raise NotFound(N_("Store %(store_id)s has no sending domain; PUT one first."), store_id=repr(store_id))
    identity = ses.domain_identity(record.sender_domain)
    if identity is None:
        raise NotFound(N_("SES has no identity for %(domain)s; PUT it again."), domain=record.sender_domain)
    if _status(identity) != record.sender_status:
        senders.set_sender(store_id, record.sender_domain, _status(identity))
        logic.forget_hosts()
    return _view(store_id, record.sender_domain, identity)
