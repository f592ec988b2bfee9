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


# What a message may carry: these types only, each recognised by its first bytes (a file is what it
# starts with, not what its name or the browser says), at most MAX_FILE_BYTES.
MAX_FILE_BYTES = 10 * 1024 * 1024
MAGIC = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
}
CONTENT_TYPES = (*MAGIC, "text/plain")
SNIFF_BYTES = 4096
_FILENAME_FORBIDDEN = re.compile(r'[\\/:*?"<>|]')


def is_what_it_claims(content_type: str, head: bytes) -> bool:
    """Whether the file's first bytes are of `content_type`: the format's signature, or for plain text
    UTF-8 with no NUL or other control characters than line breaks and tabs."""
    if content_type in MAGIC:
        return any(head.startswith(signature) for signature in MAGIC[content_type])
    if content_type != "text/plain" or not head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.reason != "unexpected end of data":  # only a character cut at the sample's end is fine
            return False
        text = head[: error.start].decode("utf-8")
    return _NOT_TEXT.search(text.replace("\r", "\n")) is None


def clean_filename(value: str) -> str:
    """The name a download is saved under: the last path part, without characters file systems refuse
    or control characters; ValueError if nothing is left."""
    name = value.replace("\\", "/").rsplit("/", 1)[-1].strip()
    name = _FILENAME_FORBIDDEN.sub("_", name)
    if not name or name in (".", "..") or _NOT_TEXT.search(name) or "\n" in name or "\t" in name:
        raise ValueError("must be a file name without control characters")
    return name[:255]
