"""Reading the emails the product sent (moto's SES, or the local server's /_dev/outbox)."""

from __future__ import annotations

import re
from typing import Any


def code_in(emails: list[dict[str, Any]], email: str) -> str | None:
    """The 6-digit code in the newest login email to `email` (its text part), or None."""
    for message in reversed(emails):
        if email.strip().lower() in message["to"][0].lower() and "code" in message["subject"].lower():
            found = re.search(r"\b(\d{6})\b", message["text"])
            assert found, message["text"]
            return found.group(1)
    return None
