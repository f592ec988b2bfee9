"""A store's sending identity (API.md section 7): a store sends as its `from_email` only from a domain
SES has verified for that store; until then the platform's address sends for it.

PUT claims the domain for the store (one store per domain: 409 for another), then creates the SES
domain identity with Easy DKIM and answers the three CNAME records to publish. GET asks SES again
and records what it says; mailers read the recorded status (docs/store-systems.md, "Sending identity").
"""

from __future__ import annotations

from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from access_center.aws import ses
from access_center.core.config import settings
from access_center.core.errors import Conflict, NotFound, Unavailable
from access_center.stores import logic
from access_center.stores import storage as db

PENDING, VERIFIED, FAILED = "pending", "verified", "failed"


def _status(identity: ses.DomainIdentity) -> str:
    if identity.verified:
        return VERIFIED
    return FAILED if identity.dkim_status in ("FAILED", "TEMPORARY_FAILURE") else PENDING


def _view(store_id: str, domain: str, identity: ses.DomainIdentity) -> dict[str, Any]:
    return {
        "store_id": store_id,
        "domain": domain,
        "status": _status(identity),
        "dns_records": [
            {"type": "CNAME", "name": f"{token}._domainkey.{domain}", "value": f"{token}.dkim.amazonses.com"}
            for token in identity.dkim_tokens
        ],
    }


def connect_sender(store_id: str, raw_domain: str) -> dict[str, Any]:
    domain = logic.validate_domain(raw_domain)
    record = db.get_store(store_id, consistent=True)
    if record is None:
        raise NotFound(f"No store {store_id!r}.")
    platform_domain = settings().platform_sender_email.rpartition("@")[2].lower()
    if domain == platform_domain:
        raise Conflict(f"{domain} is the platform's own sending domain.")
    try:
        claimed = db.claim_sender(store_id, domain)
    except db.SenderTaken as error:
        raise Conflict(f"{domain} is verified for another store.") from error
    try:
        identity = ses.create_domain_identity(domain, store_id)
    except (ClientError, BotoCoreError) as error:
        if claimed:
            db.release_sender(store_id, domain)  # nothing half done: the claim goes with the failure
        raise Unavailable("SES could not create the domain identity; send the same request again.") from error
    db.set_sender(store_id, domain, _status(identity))
    if record.sender_domain and record.sender_domain != domain:
        db.release_sender(store_id, record.sender_domain)
    logic.forget_hosts()
    return _view(store_id, domain, identity)


def sender_status(store_id: str) -> dict[str, Any]:
    record = db.get_store(store_id, consistent=True)
    if record is None:
        raise NotFound(f"No store {store_id!r}.")
    if not record.sender_domain:
        raise NotFound(f"Store {store_id!r} has no sending domain; PUT one first.")
    identity = ses.domain_identity(record.sender_domain)
    if identity is None:
        raise NotFound(f"SES has no identity for {record.sender_domain}; PUT it again.")
    if _status(identity) != record.sender_status:
        db.set_sender(store_id, record.sender_domain, _status(identity))
        logic.forget_hosts()
    return _view(store_id, record.sender_domain, identity)
