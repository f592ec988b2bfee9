"""No customer-visible text in a template outside gettext (issue 30): every word a page or an email shows
is in the catalogs, so every shipped language has it. What is left of a template once its trans blocks,
its expressions and its tags are taken out must have no letters in its visible text nor in the
attributes a reader meets (alt, title, aria-label, placeholder, a button's value, a meta description)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((ROOT / "templates").rglob("*.html")) + sorted((ROOT / "templates").rglob("*.txt"))
READ_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "aria-description", "aria-roledescription"}
_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
_TRANS = re.compile(r"\{%-?\s*trans\b.*?%\}.*?\{%-?\s*endtrans\s*-?%\}", re.DOTALL)
_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.DOTALL)
_STATEMENT = re.compile(r"\{%.*?%\}", re.DOTALL)
_LETTER = re.compile(r"[^\W\d_]")
# A macro that writes attributes into the tag it is called in (`aria-invalid="true"`): not text.
_ATTRIBUTES = re.compile(r'(?:^|\s)[a-z][a-z-]*="[^"]*"')


def template_skeleton(source: str) -> str:
    """The template without comments and trans blocks, each expression a NUL, each statement gone."""
    source = _TRANS.sub("\0", _COMMENT.sub("", source))
    return _STATEMENT.sub("", _EXPRESSION.sub("\0", source))


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self._hidden += 1
        named = dict(attrs)
        for name, value in attrs:
            if value and (name in READ_ATTRIBUTES or _reads_value(tag, name, named) or _describes(tag, name, named)):
                self._check(f"{tag}[{name}]", value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._hidden = max(0, self._hidden - 1)

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._check("text", _ATTRIBUTES.sub(" ", data))

    def _check(self, where: str, text: str) -> None:
        if _LETTER.search(text.replace("\0", "")):
            self.found.append(f"{where}: {' '.join(text.replace(chr(0), '{{…}}').split())[:80]!r}")


def _reads_value(tag: str, name: str, attrs: dict[str, str | None]) -> bool:
    return tag == "input" and name == "value" and attrs.get("type") in ("submit", "button", "reset")


def _describes(tag: str, name: str, attrs: dict[str, str | None]) -> bool:
    return tag == "meta" and name == "content" and attrs.get("name") == "description"


def unmarked_texts(source: str, *, html: bool) -> list[str]:
    skeleton = template_skeleton(source)
    if not html:
        return [
            f"text: {line.strip()[:80]!r}" for line in skeleton.splitlines() if _LETTER.search(line.replace("\0", ""))
        ]
    parser = _Visible()
    parser.feed(skeleton)
    parser.close()
    return parser.found


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT / "templates")))
def test_every_text_in_a_template_is_in_the_catalogs(path: Path) -> None:
    assert unmarked_texts(path.read_text(encoding="utf-8"), html=path.suffix == ".html") == []


def test_the_check_finds_an_unmarked_word_an_attribute_and_a_text_line() -> None:
    page = '<p>{% trans %}Hello{% endtrans %}</p><h1>Orders</h1><img alt="Logo" src="{{ logo }}"><b>{{ n }}</b>'
    assert unmarked_texts(page, html=True) == ["text: 'Orders'", "img[alt]: 'Logo'"]
    assert unmarked_texts('<input type="submit" value="Send">', html=True) == ["input[value]: 'Send'"]
    assert unmarked_texts("{{ _('Hi') }}\nTotal: {{ total }}\n", html=False) == ["text: 'Total: \\x00'"]
    assert unmarked_texts('<a href="{{ url }}" class="button">{{ _("Open") }}</a> · 2', html=True) == []
    assert unmarked_texts('{% if x %} aria-invalid="true" aria-describedby="{{ id }}"{% endif %}', html=True) == []
