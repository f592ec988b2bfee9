"""`make messages`: the catalogs from the source (Babel's extraction), then compiled.

1. Extract every marked text of the shared package (`_`, `N_`, `ngettext`, `pgettext`, ...) and of the
   templates (jinja2's i18n extension, `{% trans %}` trimmed) into locale/messages.pot.
2. Bring each shipped language's messages.po up to date with it: new texts come in empty (never
   fuzzy-matched: a guessed translation is worse than none), texts no longer used go.
3. Write the pseudo-locale's catalog (en_XA): every text accented and 40 % longer, placeholders and
   markup kept.
4. Compile each .po into the .mo beside it, which is what ships and what core.i18n reads.

`python -m devtools.messages --check` changes nothing and fails when any of that is stale (CI:
tests/contract/test_catalogs.py). `--only de` writes only that language's .po and .mo (a translator's
run, which leaves the other catalogs to theirs).
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Babel's catalog tools are imported where used: pseudo() needs none of them
    from babel.messages.catalog import Catalog

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "layers" / "shared" / "access_center"
TEMPLATES = ROOT / "templates"
LOCALE = PACKAGE / "locale"
POT = LOCALE / "messages.pot"
PROJECT = "customer-access-center"
sys.path.insert(0, str(ROOT / "layers" / "shared"))

from access_center.core import i18n  # noqa: E402 - the package's own list of languages

# The same environment options as web.render's, so that the extracted texts are the rendered ones.
JINJA_OPTIONS = {
    "extensions": "jinja2.ext.i18n",
    "trimmed": "true",
    "newstyle_gettext": "true",
    "trim_blocks": "true",
    "lstrip_blocks": "true",
}
COMMENT_TAGS = ("Translators:",)
# Babel's own keywords (_, gettext, ngettext, pgettext, N_, ...) and core.i18n's NP_ (a context, a text).
KEYWORDS = {"NP_": ((1, "c"), 2)}


def extract() -> Catalog:
    """Every marked text, with the files it is in (no line numbers: they would churn every diff)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

    template = Catalog(project=PROJECT, version="1", copyright_holder=PROJECT, charset="utf-8", fuzzy=False)
    sources: Iterable[tuple[Path, list[tuple[str, str]], dict[str, dict[str, str]]]] = (
        (PACKAGE, [("**.py", "python")], {}),
        (TEMPLATES, [("**.html", "jinja2"), ("**.txt", "jinja2")], {"**": JINJA_OPTIONS}),
    )
    for directory, methods, options in sources:
        found = extract_from_dir(
            str(directory),
            methods,
            options,
            keywords={**DEFAULT_KEYWORDS, **KEYWORDS},
            comment_tags=COMMENT_TAGS,
            strip_comment_tags=True,
        )
        for filename, _lineno, message, comments, context in found:
            location = (directory.relative_to(ROOT) / filename).as_posix()
            template.add(message, None, [(location, None)], auto_comments=comments, context=context)
    return template


_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķĺɱñöþʠŕšţûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
# What comes through untouched: placeholders, HTML tags and entities, URLs.
_KEEP = re.compile(r"%\([a-z_][a-z0-9_]*\)[sdr]|%%|<[^>]*>|&[#a-z0-9]+;|https?://\S+", re.IGNORECASE)


def pseudo(text: str) -> str:
    """`text` accented and 40 % longer, placeholders and markup kept: "Orders" -> "[Öŕđéŕš ~~]"."""
    if not text.strip():
        return text
    out: list[str] = []
    last = 0
    for match in _KEEP.finditer(text):
        out.append(text[last : match.start()].translate(_ACCENTED))
        out.append(match.group(0))
        last = match.end()
    out.append(text[last:].translate(_ACCENTED))
    letters = sum(ch.isalpha() for ch in _KEEP.sub("", text))
    return f"[{''.join(out)} {'~' * max(1, round(letters * 0.4))}]"


def _po_text(catalog: Catalog) -> bytes:
    from babel.messages.pofile import write_po

    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=True, include_lineno=False, ignore_obsolete=True, omit_header=False)
    return out.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    from babel.messages.mofile import write_mo

    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _read(path: Path, locale: str | None = None) -> Catalog:
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def updated(template: Catalog, language: str) -> Catalog:
    """`language`'s catalog, its texts those of `template`, its translations kept."""
    from babel.messages.catalog import Catalog

    path = i18n.catalog_path(language, ".po")
    catalog = _read(path, _locale(language)) if path.exists() else Catalog(locale=_locale(language), project=PROJECT)
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    catalog.obsolete.clear()
    catalog.project, catalog.version, catalog.copyright_holder = PROJECT, "1", PROJECT
    catalog.revision_date = catalog.creation_date = template.creation_date
    catalog.last_translator = catalog.language_team = PROJECT
    return catalog


def pseudo_catalog(template: Catalog) -> Catalog:
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale="en", project=PROJECT, version="1", copyright_holder=PROJECT, fuzzy=False)
    catalog.creation_date = catalog.revision_date = template.creation_date
    for message in template:
        if not message.id:
            continue
        text = tuple(pseudo(one) for one in message.id) if message.pluralizable else pseudo(message.id)
        catalog.add(message.id, text, message.locations, context=message.context)
    return catalog


def wanted() -> dict[Path, bytes]:
    """Every catalog file as the source says it should be."""
    template = extract()
    fixed = _read(POT) if POT.exists() else None
    # One fixed creation date, kept from the committed .pot, so that a run changes only what changed.
    template.creation_date = fixed.creation_date if fixed is not None else template.creation_date
    files = {POT: _po_text(template)}
    catalogs = {language: updated(template, language) for language in i18n.LANGUAGES if language != "en"}
    catalogs[i18n.PSEUDO] = pseudo_catalog(template)
    for language, catalog in catalogs.items():
        files[i18n.catalog_path(language, ".po")] = _po_text(catalog)
        files[i18n.catalog_path(language, ".mo")] = _mo_bytes(_read_bytes(_po_text(catalog), language))
    return files


def _read_bytes(text: bytes, language: str) -> Catalog:
    from babel.messages.pofile import read_po

    return read_po(io.BytesIO(text), locale=_locale(language))


def _locale(language: str) -> str:
    """Babel's name for the catalog's language (its plural rule): the pseudo-locale's is English's."""
    return "en" if language == i18n.PSEUDO else language


def main(argv: list[str]) -> int:
    files = wanted()
    if "--only" in argv:
        language = argv[argv.index("--only") + 1]
        mine = {i18n.catalog_path(language, ".po"), i18n.catalog_path(language, ".mo")}
        files = {path: data for path, data in files.items() if path in mine}
    stale = [path for path, data in files.items() if not path.exists() or path.read_bytes() != data]
    if "--check" in argv:
        for path in stale:
            print(f"stale: {path.relative_to(ROOT)} (run make messages)")
        return 1 if stale else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[path])
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
