"""Text that reaches a header, a subject or a URL: no control characters, ever.

A CR or LF there splits a header (`Location`, `Subject`, `From`); other control characters break the
MIME or the URL in quieter ways. Validators refuse them rather than strip them, so what a store sent
is either stored as it is or refused with a 400 saying which field.
"""

from __future__ import annotations

import unicodedata


def has_control_characters(text: str) -> bool:
    """C0 and C1 controls (CR, LF, TAB, NUL, ...), DEL, and the Unicode line and paragraph separators."""
    return any(unicodedata.category(c) == "Cc" or c in "\u2028\u2029" for c in text)
