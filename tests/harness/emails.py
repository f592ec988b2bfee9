"""Reading the emails the product sent (moto's SES, or the local server's /_dev/outbox)."""

from __future__ import annotations

import re
from typing import Any


def _login_emails(emails: list[dict[str, Any]], email: str) -> list[dict[str, Any]]:
    """The login emails to `email`, newest first."""
    return [
        m
        for m in reversed(emails)
        if email.strip().lower() in m["to"][0].lower() and " login " in f" {m['subject'].lower()} "
    ]


def code_in(emails: list[dict[str, Any]], email: str) -> str | None:
    """The 6-digit code in the newest login email to `email` (its text part); None where there is no
    login email, or the newest carries only the link (typed codes off)."""
    for message in _login_emails(emails, email)[:1]:
        found = re.search(r"login code: (\d{6})\b", message["text"])
        return found.group(1) if found else None
    return None


def link_in(emails: list[dict[str, Any]], email: str) -> str | None:
    """The sign-in link in the newest login email to `email`, or None."""
    for message in _login_emails(emails, email)[:1]:
        found = re.search(r"(https?://\S+/login/link\?\S+)", message["text"])
        return found.group(1) if found else None
    return None
