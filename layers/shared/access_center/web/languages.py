"""Which of the offered languages a request reads (API.md section 9): `Accept-Language` matched by its
q-values (RFC 9110 12.5.4; `de-AT` is served `de`, `*` takes the first offered, `q=0` refuses), and the
picker's cookie. Pure rules: the store and the profile come from account.languages."""

from __future__ import annotations

import re
from collections.abc import Sequence

from access_center.core import i18n

LANGUAGE_COOKIE = "cac_lang"
_RANGE = re.compile(r"^(\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)$")
_QUALITY = re.compile(r"^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$", re.IGNORECASE)
MAX_HEADER = 1000  # longer: not a browser's; read as absent


def accepted(header: str | None) -> list[str]:
    """The language ranges of an Accept-Language header, most wanted first (ties keep their order),
    lower-case, without those refused (`q=0`) or malformed."""
    if not header or len(header) > MAX_HEADER:
        return []
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        tag, *params = (piece.strip() for piece in part.split(";"))
        if not _RANGE.fullmatch(tag):
            continue
        quality = 1.0
        for param in params:
            found = _QUALITY.fullmatch(param.replace(" ", ""))
            if found:
                quality = float(found.group(1))
        if quality > 0:
            ranked.append((-quality, position, tag.lower()))
    return [tag for _, _, tag in sorted(ranked)]


def best_match(header: str | None, offered: Sequence[str]) -> str | None:
    """The offered language the header wants most: an exact tag, else the header's language without its
    region (`de-AT` -> `de`), else an offered regional tag of that language; `*` takes the first offered."""
    lowered = {language.lower(): language for language in offered}
    for wanted in accepted(header):
        if wanted == "*":
            return offered[0] if offered else None
        if wanted in lowered:
            return lowered[wanted]
        base = wanted.split("-")[0]
        if base in lowered:
            return lowered[base]
        for tag, language in lowered.items():
            if tag.split("-")[0] == base:
                return language
    return None


def cookie_language(value: str | None, offered: Sequence[str]) -> str | None:
    """The picker's cookie, when it names a language the store (still) offers."""
    return value if value and value in offered else None


def json_language(header: str | None) -> str:
    """The language of a JSON answer's `message`: Accept-Language among the shipped languages, and the
    pseudo-locale asked for by its exact tag where the deployment allows it (as its pages are: a browser
    reading pages in en-XA reads their scripts' messages in it too)."""
    pseudo = (i18n.PSEUDO,) if i18n.offered(i18n.PSEUDO) else ()
    return best_match(header, (*i18n.LANGUAGES, *pseudo)) or i18n.DEFAULT_LANGUAGE
