"""Email: jinja2 templates from templates/email/ (HTML autoescaped, plain-text twin), sent through SES.

Imported only by the functions that send mail, so the others do not pay for jinja2 at cold start.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formataddr
from functools import cache
from typing import Any

import boto3
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from access_center.core.config import settings
from access_center.stores.logic import Store


@dataclass(frozen=True)
class Email:
    to: str
    sender: str
    subject: str
    html: str
    text: str


_OPTIONAL_SETTINGS = {"support_email": None, "logo_url": None, "brand_color": None}


@cache
def _templates() -> Environment:
    return Environment(
        loader=FileSystemLoader(os.path.join(settings().templates_dir, "email")),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def _ses() -> Any:
    return boto3.client("sesv2", region_name=settings().region)


def render(template: str, store: Store, to: str, subject: str, **context: Any) -> Email:
    env = _templates()
    values = {"store": {**_OPTIONAL_SETTINGS, **store.settings}, "subject": subject, **context}
    return Email(
        to=to,
        sender=formataddr((store.name, store.settings["from_email"])),
        subject=subject,
        html=env.get_template(f"{template}.html").render(values),
        text=env.get_template(f"{template}.txt").render(values),
    )


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
    request: dict[str, Any] = {
        "FromEmailAddress": email.sender,
        "Destination": {"ToAddresses": [email.to]},
        "Content": {"Raw": {"Data": mime(email)}},
    }
    if settings().ses_configuration_set:
        request["ConfigurationSetName"] = settings().ses_configuration_set
    return str(_ses().send_email(**request)["MessageId"])


def login_code_email(store: Store, to: str, code: str) -> Email:
    minutes = settings().code_ttl_seconds // 60
    return render(
        "login_code",
        store,
        to,
        subject=f"Your {store.name} login code",
        code=code,
        minutes=minutes,
    )
