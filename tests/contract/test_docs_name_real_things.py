"""The README, docs/ and bench/README.md name only things that exist (issue 28): every backticked repository
path, every `make` target, every `access_center.`/`devtools.` module or attribute, and every store
setting named as such. A failure names the page, the line and the thing: correct the doc (or, if the
thing was renamed, the doc that still uses the old name). docs/api.md is generated and not read here.

What counts as a path: a backticked token without spaces or patterns (`{store_id}`, `<name>`, `*`,
`...`, a URL) that does not start with "/" (an API route such as `/store/account/orders`), and either
ends in a file extension or has "/" after a first segment that is a folder of the repository (so
`application/pdf`, `alias/aws/sns` and a mapping key like `store/account` are not paths). It is looked
for from the repository's root, and from layers/shared/ and layers/shared/access_center/, since the docs
name the package's files as `access_center/web/forms.py` and its folders as `returns/`. A bare file
name (`routes.py`, `test_guessing.py`) must be the name of some file in the repository.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(
    [ROOT / "README.md", ROOT / "bench" / "README.md", *(ROOT / "docs").glob("*.md")],
)
PAGES = [page for page in PAGES if page.name != "api.md"]  # generated from openapi.json by `make openapi`
SEARCHED = [ROOT, ROOT / "layers" / "shared", ROOT / "layers" / "shared" / "access_center"]

FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
CODE = re.compile(r"`([^`\n]+)`")
EXTENSIONS = (".py", ".yaml", ".yml", ".toml", ".md", ".json", ".html", ".txt", ".sh", ".png", ".cfg")
PATTERN = re.compile(r"[{}<>*$=…]|\.\.\.|://|@")
MAKE = re.compile(r"(?:^|[\s;&(])make\s+([A-Za-z][\w/.-]*)(?![\w/.-]*=)")
DOTTED = re.compile(r"\b(?:access_center|devtools)(?:\.[A-Za-z_]\w*)+")
SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")
SETTING_WINDOW = 80  # characters on either side of the word "setting" that name store settings
# The store's addresses and switches (`support_email`, `invoice_email`, `returns_enabled`) are settings
# wherever they are named: no other field of either API ends so.
SETTING_SUFFIXES = ("_email", "_enabled")


def _lines(page: Path) -> list[tuple[int, str, bool]]:
    """(line number, line, inside a fenced block) for every line of the page."""
    found: list[tuple[int, str, bool]] = []
    fenced = False
    for number, line in enumerate(page.read_text().splitlines(), 1):
        if line.startswith("```"):
            fenced = not fenced
            continue
        found.append((number, line, fenced))
    return found


def _spans(page: Path) -> list[tuple[str, int, str]]:
    """(where, line, code) for each backticked span outside fenced blocks."""
    return [
        (f"{page.relative_to(ROOT)}:{number}", line, span.group(1))
        for number, line, fenced in _lines(page)
        if not fenced
        for span in CODE.finditer(line)
    ]


@cache
def _file_names() -> frozenset[str]:
    """The name of every file in the repository, outside hidden, build and cache folders."""
    names: set[str] = set()
    for _folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [s for s in subfolders if not s.startswith(".") and s not in {"build", "__pycache__"}]
        names.update(files)
    return frozenset(names)


def _is_path(token: str) -> bool:
    if " " in token or token.startswith(("/", "-", ".", "~")) or PATTERN.search(token):
        return False
    if token.endswith(EXTENSIONS):
        return True
    first, slash, _ = token.partition("/")
    return bool(slash) and any((base / first).is_dir() for base in SEARCHED)


def _exists(token: str) -> bool:
    if "/" not in token:
        return token in _file_names()
    return any((base / token.rstrip("/")).exists() for base in SEARCHED)


def _make_targets() -> set[str]:
    targets: set[str] = set()
    for line in (ROOT / "Makefile").read_text().splitlines():
        rule = re.match(r"^([^\s#=:][^=:#]*?)\s*:(?!=)", line)
        if rule:
            targets.update(name for name in rule.group(1).split() if "$" not in name)
        phony = re.match(r"^\.PHONY:(.*)$", line)
        if phony:
            targets.update(phony.group(1).split())
    return targets


def _resolves(dotted: str) -> bool:
    """The longest importable module prefix, then attributes of it for the rest."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        module_name = ".".join(parts[:cut])
        try:
            found = importlib.util.find_spec(module_name)
        except (ImportError, ValueError):
            found = None
        if found is None:
            continue
        thing: object = importlib.import_module(module_name)
        for attribute in parts[cut:]:
            if not hasattr(thing, attribute):
                return False
            thing = getattr(thing, attribute)
        return True
    return False


def _store_settings() -> set[str]:
    from access_center.stores.models import StoreSettingsIn

    return set(StoreSettingsIn.model_fields)


def test_the_pages_are_read() -> None:
    names = {str(page.relative_to(ROOT)) for page in PAGES}
    assert {"README.md", "bench/README.md", "docs/operations.md"} <= names
    assert "docs/api.md" not in names


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(ROOT)))
def test_every_path_named_exists(page: Path) -> None:
    missing = [f"{where}: `{token}`" for where, _, token in _spans(page) if _is_path(token) and not _exists(token)]
    assert missing == []


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(ROOT)))
def test_every_make_target_named_exists(page: Path) -> None:
    """`make X` in a code span or a fenced block: the Makefile defines X."""
    targets = _make_targets()
    code = [(where, token) for where, _, token in _spans(page)]
    code += [(f"{page.relative_to(ROOT)}:{number}", line) for number, line, fenced in _lines(page) if fenced]
    unknown = [
        f"{where}: make {target}"
        for where, text in code
        for target in MAKE.findall(text.split("#")[0] if text.lstrip().startswith(("make", "$")) else text)
        if target not in targets
    ]
    assert unknown == []


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(ROOT)))
def test_every_module_named_imports(page: Path) -> None:
    """`access_center.x.y` and `devtools.x`: the module, or an attribute of it (layers/shared is on the path)."""
    unknown = [
        f"{where}: {dotted}"
        for where, _, token in _spans(page)
        for dotted in DOTTED.findall(token)
        if not _resolves(dotted)
    ]
    assert unknown == []


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(ROOT)))
def test_every_store_setting_named_exists(page: Path) -> None:
    """A snake_case code span near the word "setting", or ending in `_email` or `_enabled`, names a field
    of the store settings model."""
    fields = _store_settings()
    named: list[tuple[int, str]] = []
    for number, line, fenced in _lines(page):
        if fenced:
            continue
        named += [(number, span.group(1)) for span in CODE.finditer(line) if span.group(1).endswith(SETTING_SUFFIXES)]
        for word in re.finditer(r"setting", line, flags=re.IGNORECASE):
            window = line[max(0, word.start() - SETTING_WINDOW) : word.end() + SETTING_WINDOW]
            named += [(number, span.group(1)) for span in CODE.finditer(window)]
    unknown = [
        f"{page.relative_to(ROOT)}:{number}: `{token}`"
        for number, token in named
        if SNAKE.match(token) and token not in fields
    ]
    assert unknown == []


def test_the_checks_catch_what_they_are_for() -> None:
    """Each check refuses a made-up name, so a page that passes names real things."""
    assert _exists("docs/")
    assert _exists("access_center/web/forms.py")
    assert not _exists("docs/no-such-page.md")
    assert _is_path("functions/pages/app.py")
    assert _is_path("routes.py")
    assert _exists("routes.py")
    assert not _exists("no_such_file.py")
    assert not _is_path("/store/account/orders")
    assert not _is_path("application/pdf")
    assert not _is_path("functions/<name>/app.py")
    assert {"test", "test-fast", "tools/axe"} <= _make_targets()
    assert "no-such-target" not in _make_targets()
    assert _resolves("access_center.orders.acting.access")
    assert _resolves("devtools.emulator.server")
    assert not _resolves("access_center.orders.no_such_thing")
    assert not _resolves("devtools.no_such_module")
    assert {"invoice_email", "returns_enabled", "cart_url_template"} <= _store_settings()
