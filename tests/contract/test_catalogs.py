"""The catalogs are complete and current (issue 30): every text of the source is in every shipped
language, translated (no empty or fuzzy entry: the compiled catalog leaves those out), with exactly the
placeholders and markup of its source, and the compiled .mo files are what the .po files and the source
say (devtools/messages.py, `make messages`).

Read through the compiled catalogs with the standard library, as the product reads them: Babel's
catalog tools are not in the shipped layer, so they run in `make messages`' own process. The
pseudo-locale's catalog holds every text of the source (it is written from the extraction)."""

from __future__ import annotations

import gettext
import re
import subprocess
import sys
from pathlib import Path

import pytest

from access_center.core import i18n

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = [language for language in i18n.LANGUAGES if language != i18n.DEFAULT_LANGUAGE]
_PLACEHOLDER = re.compile(r"%\([a-z_][a-z0-9_]*\)[sdr]|%[sd]|<[^>]+>", re.IGNORECASE)
Key = str | tuple[str, int]  # a text, or a plural's (singular, form)


def _entries(language: str) -> dict[Key, str]:
    with i18n.catalog_path(language, ".mo").open("rb") as handle:
        catalog: dict[Key, str] = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    return {key: text for key, text in catalog.items() if key != ""}  # "" is the header


def _source_texts() -> dict[Key, str]:
    """Every text of the source, by the pseudo-locale's catalog, with its source text (a plural's
    form 0 is its singular, the others its plural)."""
    sources: dict[Key, str] = {}
    for key, pseudo in _entries(i18n.PSEUDO).items():
        sources[key] = key if isinstance(key, str) else _unpseudo(key, pseudo)
    return sources


def _unpseudo(key: tuple[str, int], pseudo: str) -> str:
    """A plural form's source text: the singular for form 0; for the others, the placeholders and markup
    of the pseudo text (which keeps them exactly as the plural has them)."""
    return key[0] if key[1] == 0 else "".join(_PLACEHOLDER.findall(pseudo))


def placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def problems(source: str, translated: str | None, *, plural_singular: bool = False) -> list[str]:
    """What is wrong with one translated text; a plural's singular may write "one" for %(count)s."""
    if translated is None or not translated.strip():
        return ["not translated"]
    wanted, got = placeholders(source), placeholders(translated)
    if got == wanted or (plural_singular and sorted(set(wanted) - set(got)) == ["%(count)s"]):
        return []
    return [f"placeholders {got} != {wanted}"]


def test_the_catalogs_are_what_the_source_says() -> None:
    check = subprocess.run(  # noqa: S603 - our own tool
        [sys.executable, "-m", "devtools.messages", "--check"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, f"run make messages and commit the locale files:\n{check.stdout}{check.stderr}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_text_is_translated_with_its_placeholders(language: str) -> None:
    entries = _entries(language)
    wrong = {
        str(key)[:80]: why
        for key, source in _source_texts().items()
        if (why := problems(source, entries.get(key), plural_singular=isinstance(key, tuple) and key[1] == 0))
    }
    assert wrong == {}


def test_the_check_finds_a_dropped_or_added_placeholder_and_an_empty_text() -> None:
    assert problems("Placed %(day)s", "Bestellt am") == ["placeholders [] != ['%(day)s']"]
    assert problems("Orders", "") == ["not translated"]
    assert problems("Orders", None) == ["not translated"]
    assert problems("Orders", "Bestellungen %(x)s") == ["placeholders ['%(x)s'] != []"]
    assert problems("<strong>%(n)s</strong>", "%(n)s") == [
        "placeholders ['%(n)s'] != ['%(n)s', '</strong>', '<strong>']"
    ]
    assert problems("%(count)s item", "ein Artikel", plural_singular=True) == []
    assert problems("%(count)s item in %(box)s", "ein Artikel", plural_singular=True) != []


def test_a_fuzzy_or_empty_entry_is_left_out_of_the_compiled_catalog() -> None:
    """What makes a fuzzy entry count as untranslated above: `make messages` compiles without them."""
    script = (
        "import io; from babel.messages.catalog import Catalog; from babel.messages.mofile import write_mo;"
        "c = Catalog(locale='de'); c.add('A', 'X', flags=['fuzzy']); c.add('B', ''); c.add('C', 'Z');"
        "out = io.BytesIO(); write_mo(out, c, use_fuzzy=False); import sys; sys.stdout.buffer.write(out.getvalue())"
    )
    compiled = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True).stdout  # noqa: S603
    import io

    catalog = gettext.GNUTranslations(io.BytesIO(compiled))._catalog  # type: ignore[attr-defined]
    assert {key for key in catalog if key} == {"C"}


def test_the_pseudo_locale_keeps_placeholders_and_markup() -> None:
    from devtools.messages import pseudo

    assert pseudo('Hi %(name)s, <a href="x">see</a>') == '[Ĥî %(name)s, <a href="x">šéé</a> ~~]'
    assert pseudo("") == ""
