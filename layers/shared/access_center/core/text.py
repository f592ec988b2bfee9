"""Text that reaches a header, a subject or a URL: no control characters, ever.

A CR or LF there splits a header (`Location`, `Subject`, `From`); other control characters break the
MIME or the URL in quieter ways. Validators refuse them rather than strip them, so what a store sent
is either stored as it is or refused with a 400 saying which field.
"""

from __future__ import annotations

import re

# Unicode's control characters (category Cc: C0, DEL, C1) and the line and paragraph separators.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def has_control_characters(text: str) -> bool:
    """CR, LF, TAB, NUL and the other controls, DEL, and the Unicode line and paragraph separators."""
    return _CONTROL.search(text) is not None
