"""docs/api.md: the API reference for people, made from openapi.json (devtools/docs/api_reference.py),
committed as `make openapi` writes it, complete, and readable without anything outside the repository."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from devtools.docs import api_reference
from devtools.docs.api_reference import MARKER, METHODS, OPENAPI_PATH, REFERENCE_PATH, ROOT


def _document() -> dict[str, Any]:
    return dict(json.loads(OPENAPI_PATH.read_text()))


def _anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_docs_api_md_is_what_openapi_json_makes() -> None:
    committed = REFERENCE_PATH.read_text()
    assert committed == api_reference.render(committed, _document()), "docs/api.md is stale: run `make openapi`"
    assert api_reference.main(["--check"]) == 0


def test_every_operation_status_and_body_is_in_the_reference() -> None:
    text = REFERENCE_PATH.read_text()
    generated = text[text.index(MARKER) :]
    for path, item in _document()["paths"].items():
        for method in METHODS:
            if method in item:
                row = next(
                    (line for line in generated.splitlines() if line.startswith(f"| `{method.upper()}` | `{path}` |")),
                    None,
                )
                assert row, f"{method.upper()} {path} has no row"
                for status in item[method]["responses"]:
                    assert f"**{status}**" in row, (method, path, status)
    for name in _document()["components"]["schemas"]:
        assert f"\n### {name}\n" in generated, name


def test_regenerating_keeps_the_hand_written_head_and_replaces_the_rest() -> None:
    head = f"# Reference\n\nRules written by hand.\n\n{MARKER}\n"
    rendered = api_reference.render(head + "\nan old table\n", _document())
    assert rendered.startswith(head)
    assert "an old table" not in rendered
    assert "## Customer API" in rendered
    with pytest.raises(api_reference.ApiReferenceError):
        api_reference.render("# A page that lost its marker\n", _document())


def test_every_link_inside_the_reference_reaches_a_heading() -> None:
    text = REFERENCE_PATH.read_text()
    anchors = {_anchor(heading) for heading in re.findall(r"^#+ (.+)$", text, flags=re.MULTILINE)}
    links = set(re.findall(r"\]\(#([^)]+)\)", text))
    assert links
    assert links <= anchors, sorted(links - anchors)
    for target in re.findall(r"\]\((\.\./[^)#]+)\)", text):
        assert (REFERENCE_PATH.parent / target).resolve().is_file(), target


def test_the_readme_and_docs_send_nobody_outside_the_repository() -> None:
    """A clone holds the README, docs/ and openapi.json, not the contract's own document: they state
    its rules themselves (docs/api.md) instead of pointing there."""
    pages = [ROOT / "README.md", OPENAPI_PATH, *sorted((ROOT / "docs").glob("*.md"))]
    found = [
        f"{page.relative_to(ROOT)}:{number}"
        for page in pages
        for number, line in enumerate(page.read_text().splitlines(), 1)
        if "API.md" in line or "../shared" in line
    ]
    assert found == []
