"""Emails SES accepted, read back from moto's SES backend in the contract's outbox shape."""

from __future__ import annotations

from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from typing import Any

ACCOUNT, REGION = "123456789012", "us-east-1"


def _parts(raw: str) -> dict[str, Any]:
    message = message_from_bytes(raw.encode(), policy=default)
    assert isinstance(message, EmailMessage)
    html = message.get_body(preferencelist=("html",))
    text = message.get_body(preferencelist=("plain",))
    return {
        "to": [addr.strip() for addr in str(message.get("To", "")).split(",") if addr.strip()],
        "from": str(message.get("From", "")),
        "subject": str(message.get("Subject", "")),
        "html": html.get_content() if html is not None else "",
        "text": text.get_content() if text is not None else "",
    }


def sent_emails(account: str = ACCOUNT, region: str = REGION) -> list[dict[str, Any]]:
    """Every email SES accepted, oldest first."""
    from moto.ses.models import ses_backends

    found = []
    for message in ses_backends[account][region].sent_messages:
        if getattr(message, "raw_data", None):
            found.append(_parts(message.raw_data))
        else:
            found.append(
                {
                    "to": list(message.destinations.get("ToAddresses", [])),
                    "from": message.source,
                    "subject": message.subject,
                    "html": message.body,
                    "text": "",
                }
            )
    return found
