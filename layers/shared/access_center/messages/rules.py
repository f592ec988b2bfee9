"""What a message body may be: plain text, line breaks and tabs kept (CR LF and CR become LF), no other
control characters, 1 to MAX_BODY_CHARS characters once trimmed. Shared by the JSON model and the
order page's form."""

from __future__ import annotations

import re

MAX_BODY_CHARS = 5000
# Tabs and line feeds are text; every other control character (NUL, ESC, DEL, C1, U+2028/9) is not.
_NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def clean_body(value: str) -> str:
    """The body as stored; ValueError saying what is wrong."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not value:
        raise ValueError("must not be empty")
    if len(value) > MAX_BODY_CHARS:
        raise ValueError(f"must be at most {MAX_BODY_CHARS:,} characters")
    if _NOT_TEXT.search(value):
        raise ValueError("must be plain text: line breaks and tabs only, no other control characters")
    return value
