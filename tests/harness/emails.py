"""Reading the emails the product sent (moto's SES, or the local server's /_dev/outbox)."""

from __future__ import annotations

import re
from typing import Any

_SIGN_IN_LINK = re.compile(r"https?://\S+/login/link\?\S+")
_CODE = re.compile(r"(?<![\w.,:/-])(\d{6})(?![\w.,/-])")


def _login_emails(emails: list[dict[str, Any]], email: str) -> list[dict[str, Any]]:
    """The login emails to `email`, newest first: in any language, the emails carrying a sign-in link."""
    return [
        m for m in reversed(emails) if email.strip().lower() in m["to"][0].lower() and _SIGN_IN_LINK.search(m["text"])
    ]


def code_in(emails: list[dict[str, Any]], email: str) -> str | None:
    """The 6-digit code in the newest login email to `email` (its text part, links aside); None where there
    is no login email, or the newest carries only the link (typed codes off)."""
    for message in _login_emails(emails, email)[:1]:
        found = _CODE.search(_SIGN_IN_LINK.sub(" ", message["text"]))
        return found.group(1) if found else None
    return None


def link_in(emails: list[dict[str, Any]], email: str) -> str | None:
    """The sign-in link in the newest login email to `email`, or None."""
    for message in _login_emails(emails, email)[:1]:
        found = re.search(r"(https?://\S+/login/link\?\S+)", message["text"])
        return found.group(1) if found else None
    return None
