"""SES (v2): the only code that sends email. A message goes as raw MIME: a text part and its HTML twin."""

from __future__ import annotations

from dataclasses import dataclass
from email.headerregistry import HeaderRegistry
from email.message import EmailMessage
from email.policy import SMTP
from functools import cache
from typing import Any

import boto3
from botocore.exceptions import ClientError

from access_center.core.config import settings
from access_center.core.timeouts import budget


@dataclass(frozen=True)
class Email:
    to: str
    sender: str
    subject: str
    html: str
    text: str
    reply_to: str | None = None
    # The store's SES tenant (aws.ses_tenants): its sends count towards that store's reputation alone.
    tenant: str | None = None


@dataclass(frozen=True)
class DomainIdentity:
    """What SES says of a domain identity: verified for sending or not, and its Easy DKIM tokens."""

    verified: bool
    dkim_status: str
    dkim_tokens: tuple[str, ...]
    # Whether this stack created it for a store (its tags say so): only then may it be sent as, or deleted.
    ours: bool = True


MANAGED_BY = "access-center:managed-by"
# The stack that created an identity or tenant: the mailers' IAM sends only as identities tagged with
# their own stack's name, so a staging mailer cannot send as a production store (infra/template.yaml).
STACK = "access-center:stack"
STORE = "access-center:store"


def tags(kind: str, store_id: str) -> list[dict[str, str]]:
    """What everything we create in SES for a store carries: who made it (`kind`), the stack, the store."""
    return [
        {"Key": MANAGED_BY, "Value": kind},
        {"Key": STACK, "Value": settings().stack_name},
        {"Key": STORE, "Value": store_id},
    ]


@cache
def _ses() -> Any:
    return boto3.client("sesv2", region_name=settings().region, config=budget("sesv2").client_config())


def client() -> Any:
    """The container's one SES (v2) client, made on first use (also access_center.aws.ses_tenants')."""
    return _ses()


class _Headers(HeaderRegistry):
    """The standard header classes, each made once: the stdlib's registry builds a new class for every
    header it is asked for (each message's 14 or so, and again when counting them), about a third of
    composing a message."""

    @cache  # noqa: B019 - one registry for the module's life
    def __getitem__(self, name: str) -> Any:
        return super().__getitem__(name)


# SMTP's policy (CRLF line ends, as SES wants them) with the header classes cached: same bytes.
_POLICY = SMTP.clone(header_factory=_Headers())


def mime(email: Email) -> bytes:
    """The message as MIME: a text part and its HTML twin (multipart/alternative)."""
    message = EmailMessage(policy=_POLICY)
    message["Subject"] = email.subject
    message["From"] = email.sender
    message["To"] = email.to
    if email.reply_to:
        message["Reply-To"] = email.reply_to
    message.set_content(email.text, subtype="plain", charset="utf-8")
    message.add_alternative(email.html, subtype="html", charset="utf-8")
    return message.as_bytes(policy=_POLICY)


def send(email: Email) -> str:
    """Send one email; SES's message id. Raises botocore's ClientError as SES answers it."""
    request: dict[str, Any] = {
        "FromEmailAddress": email.sender,
        "Destination": {"ToAddresses": [email.to]},
        "Content": {"Raw": {"Data": mime(email)}},
    }
    if settings().ses_configuration_set:
        request["ConfigurationSetName"] = settings().ses_configuration_set
    if email.tenant:
        request["TenantName"] = email.tenant
    return str(_ses().send_email(**request)["MessageId"])


def _identity(answer: dict[str, Any], ours: bool = True) -> DomainIdentity:
    dkim = answer.get("DkimAttributes") or {}
    return DomainIdentity(
        bool(answer.get("VerifiedForSendingStatus")),
        str(dkim.get("Status") or "NOT_STARTED"),
        tuple(dkim.get("Tokens") or ()),
        ours,
    )


def _made_here(answer: dict[str, Any]) -> bool:
    """Whether GetEmailIdentity's tags name this stack's sender function as the identity's maker."""
    found = {tag.get("Key"): tag.get("Value") for tag in answer.get("Tags") or ()}
    return found.get(MANAGED_BY) == "sender" and found.get(STACK) == settings().stack_name


def domain_identity(domain: str) -> DomainIdentity | None:
    """The domain's SES identity, or None where there is none."""
    try:
        answer = _ses().get_email_identity(EmailIdentity=domain)
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") == "NotFoundException":
            return None
        raise
    return _identity(answer, _made_here(answer))


def create_domain_identity(domain: str, store_id: str) -> DomainIdentity:
    """A domain identity with Easy DKIM (SES picks the keys; the store publishes three CNAMEs), tagged
    as this stack's and the store's, so the mailers' IAM can be limited to such identities. One that
    exists already is answered as SES has it, `ours` only if this stack created it."""
    try:
        answer = _ses().create_email_identity(EmailIdentity=domain, Tags=tags("sender", store_id))
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") != "AlreadyExistsException":
            raise
        found = domain_identity(domain)
        if found is None:
            raise
        return found
    return _identity(answer)


def delete_domain_identity(domain: str) -> bool:
    """Delete the domain's identity if this stack created it (its tags say so); whether it is gone
    (or never was). One another stack, the platform or a person made is left as it is."""
    found = domain_identity(domain)
    if found is None:
        return True
    if not found.ours:
        return False
    try:
        _ses().delete_email_identity(EmailIdentity=domain)
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") != "NotFoundException":
            raise
    return True
