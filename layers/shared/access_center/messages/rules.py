"""What a message body may be: plain text, line breaks and tabs kept (CR LF and CR become LF), no other
control characters, 1 to MAX_BODY_CHARS characters once trimmed. Shared by the JSON model and the
order page's form."""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from access_center.core.errors import Conflict
from access_center.core.field_errors import FieldError
from access_center.core.i18n import N_

if TYPE_CHECKING:
    from access_center.stores.logic import Store

MAX_BODY_CHARS = 5000


def refused(store: Store) -> Conflict | None:
    """Why a customer may not write (nor upload a file) on this store's orders now (None: they may)."""
    if not store.settings.messages_enabled:
        return Conflict(N_("%(store)s does not take messages here. Contact the store another way."), store=store.name)
    return None


def refusal(store: Store) -> str | None:
    """`refused`'s reason in the current language, for the order page."""
    error = refused(store)
    return None if error is None else error.translated()


# Tabs and line feeds are text; every other control character (NUL, ESC, DEL, C1, U+2028/9) is not.
_NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


# What clean_body refuses: the field's error (the JSON answer's `details`), and the whole sentence the
# order page shows beside its form (`page_sentence`), each a marked text of its own.
EMPTY = N_("must not be empty")
TOO_LONG = N_("must be at most %(count)s characters")
NOT_TEXT = N_("must be plain text: line breaks and tabs only, no other control characters")
_SENTENCES = {
    EMPTY: N_("The message must not be empty."),
    TOO_LONG: N_("The message must be at most %(count)s characters."),
    NOT_TEXT: N_("The message must be plain text: line breaks and tabs only, no other control characters."),
}


def clean_body(value: str) -> str:
    """The body as stored; FieldError (a ValueError) saying what is wrong."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not value:
        raise FieldError(EMPTY)
    if len(value) > MAX_BODY_CHARS:
        raise FieldError(TOO_LONG, count=MAX_BODY_CHARS)
    if _NOT_TEXT.search(value):
        raise FieldError(NOT_TEXT)
    return value


def page_sentence(problem: FieldError) -> str | None:
    """clean_body's `problem` as the whole sentence the order page shows, in the current language (None:
    not one of clean_body's)."""
    sentence = _SENTENCES.get(problem.message)
    return None if sentence is None else FieldError(sentence, **problem.values).translated()


# What a message may carry: these types only, each recognised by its content (a file is what it
# starts with, or for text what all of it is, not what its name or the browser says), at most
# MAX_FILE_BYTES, at most MAX_ATTACHMENTS on one message.
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 5
MAGIC = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
}
CONTENT_TYPES = (*MAGIC, "text/plain")
# The name a file is saved under ends in its checked type's extension (the first is added where it has none).
EXTENSIONS = {"application/pdf": ("pdf",), "image/png": ("png",), "image/jpeg": ("jpg", "jpeg"), "text/plain": ("txt",)}
# Translators: what kind of file a message may carry ("a PDF", "a PNG image"), as in "Attach a PDF".
KINDS = {
    "application/pdf": N_("a PDF"),
    "image/png": N_("a PNG image"),
    "image/jpeg": N_("a JPEG image"),
    "text/plain": N_("plain text"),
}
SNIFF_BYTES = 4096
_FILENAME_FORBIDDEN = re.compile(r'[\\/:*?"<>|]')
# Removed from file names: controls (Cc), format characters (Cf: the bidi overrides and isolates such
# as U+202E that make `label\u202efdp.hta` look like `labelath.pdf`, zero-width ones, a BOM), and the
# line and paragraph separators.
_INVISIBLE = frozenset({"Cc", "Cf", "Zl", "Zp"})


def is_what_it_claims(content_type: str, head: bytes) -> bool:
    """Whether a PDF, PNG or JPEG starts with its format's signature (text is checked whole: `is_plain_text`)."""
    return content_type in MAGIC and any(head.startswith(signature) for signature in MAGIC[content_type])


def is_plain_text(chunks: Iterable[bytes]) -> bool:
    """Whether the whole file is UTF-8 text with no NUL or other control characters than line breaks
    and tabs: every byte is read, so text followed by an archive or a program is not text."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    seen = False
    try:
        for chunk in chunks:
            seen = seen or bool(chunk)
            if _NOT_TEXT.search(decoder.decode(chunk).replace("\r", "\n")):
                return False
        decoder.decode(b"", final=True)  # a character cut off at the end is not text
    except UnicodeDecodeError:
        return False
    return seen


def clean_filename(value: str) -> str:
    """The name a download is saved under: the last path part, with control, bidi and other invisible
    characters removed (not refused: a name is only a label), characters file systems refuse replaced,
    and no trailing dots or spaces (Windows drops them, revealing the extension before); ValueError if
    nothing is left."""
    visible = "".join(c for c in value if unicodedata.category(c) not in _INVISIBLE)
    name = _FILENAME_FORBIDDEN.sub("_", visible.replace("\\", "/").rsplit("/", 1)[-1].strip())
    name = name[:255].rstrip(". ")  # cut first: a cut must not leave a trailing dot or space either
    if not name or name in (".", ".."):
        raise FieldError(N_("must be a file name"))
    return name


def named_as(filename: str, content_type: str) -> str:
    """`filename` ending in the extension of its (checked) type: a name whose last extension is
    another type's loses it, so `receipt.pdf.js` of a PDF is saved as `receipt.pdf`, `refund-form.jar`
    of text as `refund-form.txt`."""
    allowed = EXTENSIONS[content_type]
    stem, dot, extension = filename.rpartition(".")
    if dot and stem and extension.lower() in allowed:
        return filename
    base = stem if dot and stem else filename
    if base.rpartition(".")[2].lower() in allowed and "." in base:
        return base
    return f"{base[: 254 - len(allowed[0])]}.{allowed[0]}"


def megabytes(size: int) -> str:
    """A size as the pages state limits ("10 MB", meaning MiB), at most one decimal, as the current
    language writes its number ("2.5 MB", "2,5 MB")."""
    from babel.numbers import format_decimal

    from access_center.core import i18n
    from access_center.web.locales import babel_locale

    language = i18n.current_language().split("-")[0]
    return format_decimal(round(size / 1024 / 1024, 1), format="#,##0.#", locale=babel_locale(language)) + " MB"
