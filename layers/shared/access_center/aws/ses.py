"""SES (v2): the only code that sends email. A message goes as raw MIME: a text part and its HTML twin."""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from functools import cache
from typing import Any

import boto3

from access_center.core.config import settings


@dataclass(frozen=True)
class Email:
    to: str
    sender: str
    subject: str
    html: str
    text: str


@cache
def _ses() -> Any:
    return boto3.client("sesv2", region_name=settings().region)


def mime(email: Email) -> bytes:
    """The message as MIME: a text part and its HTML twin (multipart/alternative)."""
    message = EmailMessage()
    message["Subject"] = email.subject
    message["From"] = email.sender
    message["To"] = email.to
    message.set_content(email.text, subtype="plain", charset="utf-8")
    message.add_alternative(email.html, subtype="html", charset="utf-8")
    return message.as_bytes(policy=SMTP)


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
