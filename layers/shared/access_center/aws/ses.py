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


@dataclass(frozen=True)
class DomainIdentity:
    """What SES says of a domain identity: verified for sending or not, and its Easy DKIM tokens."""

    verified: bool
    dkim_status: str
    dkim_tokens: tuple[str, ...]


MANAGED_BY = "access-center:managed-by"


@cache
def _ses() -> Any:
    return boto3.client("sesv2", region_name=settings().region, config=budget("sesv2").client_config())


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
    return str(_ses().send_email(**request)["MessageId"])


def _identity(answer: dict[str, Any]) -> DomainIdentity:
    dkim = answer.get("DkimAttributes") or {}
    return DomainIdentity(
        bool(answer.get("VerifiedForSendingStatus")),
        str(dkim.get("Status") or "NOT_STARTED"),
        tuple(dkim.get("Tokens") or ()),
    )


def domain_identity(domain: str) -> DomainIdentity | None:
    """The domain's SES identity, or None where there is none."""
    try:
        return _identity(_ses().get_email_identity(EmailIdentity=domain))
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") == "NotFoundException":
            return None
        raise


def create_domain_identity(domain: str, store_id: str) -> DomainIdentity:
    """A domain identity with Easy DKIM (SES picks the keys; the store publishes three CNAMEs), tagged
    as the access center's and the store's, so the mailers' IAM can be limited to such identities."""
    try:
        answer = _ses().create_email_identity(
            EmailIdentity=domain,
            Tags=[{"Key": MANAGED_BY, "Value": "sender"}, {"Key": "access-center:store", "Value": store_id}],
        )
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") != "AlreadyExistsException":
            raise
        found = domain_identity(domain)
        if found is None:
            raise
        return found
    return _identity(answer)
