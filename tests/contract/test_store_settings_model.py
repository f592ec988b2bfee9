"""Store settings are read by attribute from one typed model (access_center.stores.settings.StoreSettings),
never by string key with a default repeated at the reader: a new setting is one field, its default in
one place."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "layers" / "shared" / "access_center"
MODEL = PACKAGE / "stores" / "settings.py"
# `settings.get("x", default)` and `settings["x"]`: a dict read of the store's settings.
KEYED_READ = re.compile(r"settings\.get\(|settings\[\s*[\"']")


def test_no_module_reads_store_settings_by_key() -> None:
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{number}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != MODEL
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if KEYED_READ.search(line)
    ]
    assert not found, "read store settings as StoreSettings attributes, not by key:\n" + "\n".join(found)


def test_the_scan_sees_the_package() -> None:
    assert MODEL.is_file()
    assert len(list(PACKAGE.rglob("*.py"))) > 50
