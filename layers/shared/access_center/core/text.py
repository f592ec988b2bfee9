"""The one rule for text people and store systems send: what is refused in any free-text field, and what
more in a single-line one (a name, a subject, a reason).

Refused everywhere, because each hides, reorders or breaks what others read:
- control characters (C0 but TAB and LF, DEL, C1): NUL truncates in C and in some mail software, ESC
  starts terminal sequences in the store's logs and exports; in multi-line text CR LF and a lone CR
  (old Mac line ends) are line breaks, stored as LF (what a browser's textarea sends is CR LF);
- U+2028 and U+2029, the line and paragraph separators (invisible line breaks in some readers only);
- the bidirectional embeddings, overrides and isolates U+202A-U+202E and U+2066-U+2069: they reorder
  what is shown after them (`U+202E` makes `gpj.exe` read `exe.jpg`), in the store's tools as in emails;
- a byte order mark U+FEFF at the start, spaces aside (alone, it is an invisible, "non-empty" name);
- lone surrogates (U+D800-U+DFFF): JSON's `\\ud800` is no character, and UTF-8 cannot encode it.
Single-line fields also refuse TAB and LF: a line break in a store's name would split an email header,
in a domain or path a Location header.

Validators refuse rather than strip, so what was sent is either stored as it is or refused with a 400
that names the field. Everything else is text: emoji, zero-width joiners, right-to-left letters.
"""

from __future__ import annotations

import re

from access_center.core.field_errors import FieldError
from access_center.core.i18n import N_

# Both kinds: C0 but TAB, LF and CR (CR is judged below), DEL and C1, the separators, the bidi controls,
# lone surrogates.
_NEVER = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_REFUSED_MULTILINE = re.compile(f"[{_NEVER}\r]")  # after normalise_multiline no CR is left
_REFUSED_ONE_LINE = re.compile(f"[{_NEVER}\t\n\r]")
_BOM = "\ufeff"
# The old name of the single-line rule's control part, for the modules that check a header or a URL.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")

# A customer reads these in a 400's `details` (in their language: core.field_errors).
ONE_LINE_PROBLEM = N_("must be one line of text, without control or invisible direction characters")
MULTILINE_PROBLEM = N_("must be text without control or invisible direction characters")


def has_control_characters(text: str) -> bool:
    """CR, LF, TAB, NUL and the other controls, DEL, and the Unicode line and paragraph separators
    (what must never reach a header, a subject or a URL)."""
    return _CONTROL.search(text) is not None


def one_line_problem(text: str) -> str | None:
    """Why `text` is not acceptable as a single-line field (None: it is)."""
    if _REFUSED_ONE_LINE.search(text) or text.lstrip().startswith(_BOM):
        return ONE_LINE_PROBLEM
    return None


def normalise_multiline(text: str) -> str:
    """CR LF (a browser's line break) and a lone CR as LF, the one line break stored."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def multiline_problem(text: str) -> str | None:
    """Why `text` (normalised: `normalise_multiline`) is not acceptable as free text (None: it is)."""
    if _REFUSED_MULTILINE.search(text) or text.lstrip().startswith(_BOM):
        return MULTILINE_PROBLEM
    return None


def free_text(text: str, *, multiline: bool) -> str:
    """The text as stored (CR LF as LF where multi-line); ValueError saying what is wrong otherwise (a
    pydantic validator turns it into a 400 naming the field)."""
    if multiline:
        text = normalise_multiline(text)
        problem = multiline_problem(text)
    else:
        problem = one_line_problem(text)
    if problem:
        raise FieldError(problem)
    return text
