"""`make package`: the Lambda artifacts, as SAM would upload them, with bytecode compiled in advance.

    python -m devtools.lambda_build [--out build/lambda] [--python python3.13] [--host]

- `layer/python/`: layers/shared/requirements.txt built for the template's runtime (python3.13, arm64:
  `pip install --platform manylinux2014_aarch64 --python-version 3.13 --only-binary=:all:`) plus the
  access_center package. Lambda puts it on the path at /opt/python.
- `templates/`: the TemplatesLayer (/opt).
- `functions/<LogicalId>/`: each function's CodeUri.

Everything is compiled with the runtime's Python (`--python`, 3.13) as
`compileall --invalidation-mode unchecked-hash`: Lambda unpacks the zips read-only with zeroed
timestamps, so timestamp-checked .pyc never match and, with nowhere to write, every cold start compiles
every module again. Unchecked-hash .pyc are used as they are.

`--host` builds the same tree for this machine's platform (and adds boto3, which the Lambda runtime
provides), so the benchmark can import it and time cold starts from the packaged tree.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from devtools import template

ROOT = template.ROOT
LAMBDA_LIMIT_BYTES = 250 * 1024 * 1024  # unzipped: function code plus all its layers


def find_python(version: str = "3.13") -> str | None:
    """An interpreter of the runtime's version: PACKAGE_PYTHON, python3.13 on the PATH, or pyenv's."""
    candidates = [os.environ.get("PACKAGE_PYTHON") or "", f"python{version}", f"/usr/bin/python{version}"]
    pyenv_root = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")
    candidates += [str(p) for p in sorted(pyenv_root.glob(f"versions/{version}*/bin/python{version}"), reverse=True)]
    for candidate in candidates:
        found = shutil.which(candidate) if candidate else None
        if not found:
            continue
        probe = subprocess.run(  # noqa: S603 - asking an interpreter its version
            [found, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"], capture_output=True, text=True
        )
        if probe.returncode == 0 and probe.stdout.strip() == version:
            return found
    return None


def _boto3_pin() -> str:
    for line in (ROOT / "requirements-dev.txt").read_text().splitlines():
        if line.startswith("boto3=="):
            return line.strip()
    return "boto3"


def _copy(source: Path, target: Path) -> None:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"), dirs_exist_ok=True)


def size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def build(out: Path, python: str, host: bool = False) -> dict[str, Any]:
    if out.exists():
        shutil.rmtree(out)
    layer = out / "layer" / "python"
    layer.mkdir(parents=True)
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--target", str(layer)]
    if host:
        pip = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--target", str(layer)]
        extra = [_boto3_pin()]
    else:
        pip += ["--platform", "manylinux2014_aarch64", "--python-version", "3.13", "--implementation", "cp"]
        pip += ["--only-binary=:all:"]
        extra = []
    requirements = ["-r", str(ROOT / "layers" / "shared" / "requirements.txt"), *extra]
    done = subprocess.run([*pip, "--root-user-action=ignore", *requirements], capture_output=True, text=True)  # noqa: S603
    if done.returncode != 0:
        raise RuntimeError(f"pip install failed:\n{done.stdout}\n{done.stderr}")
    _copy(ROOT / "layers" / "shared" / "access_center", layer / "access_center")
    _copy(ROOT / "templates", out / "templates")
    functions = {}
    for name, fn in template.functions().items():
        target = out / "functions" / name
        _copy(fn.code_dir, target)
        functions[name] = target
    subprocess.run(  # noqa: S603 - the runtime's interpreter compiles for the runtime's version
        [python, "-m", "compileall", "-q", "-j", "0", "--invalidation-mode", "unchecked-hash", str(out)], check=True
    )
    layer_bytes, templates_bytes = size(out / "layer"), size(out / "templates")
    report = {
        "out": str(out.relative_to(ROOT) if out.is_relative_to(ROOT) else out),
        "layer_bytes": layer_bytes,
        "templates_layer_bytes": templates_bytes,
        "limit_bytes": LAMBDA_LIMIT_BYTES,
        "functions": {},
    }
    for name, path in functions.items():
        code = size(path)
        total = code + layer_bytes + templates_bytes
        report["functions"][name] = {
            "code_bytes": code,
            "total_bytes": total,
            "share_of_limit": round(total / LAMBDA_LIMIT_BYTES, 3),
        }
    (out / "package.json").write_text(json.dumps(report, indent=1))
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.lambda_build", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(ROOT / "build" / "lambda"))
    parser.add_argument("--python", default=None, help="the runtime's interpreter (default: find Python 3.13)")
    parser.add_argument("--host", action="store_true", help="this machine's platform (for timing cold starts)")
    options = parser.parse_args(argv)
    python = options.python or find_python()
    if not python:
        print("Python 3.13 (the runtime's) is needed to compile its bytecode: set PACKAGE_PYTHON", file=sys.stderr)
        return 1
    report = build(Path(options.out).resolve(), python, host=options.host)
    mb = 1024 * 1024
    print(
        f"{report['out']}: layer {report['layer_bytes'] / mb:.1f} MB, templates {report['templates_layer_bytes'] / mb:.2f} MB"
    )
    for name, entry in report["functions"].items():
        print(
            f"  {name:28} {entry['total_bytes'] / mb:6.1f} MB unzipped with its layers ({entry['share_of_limit']:.0%} of 250 MB)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
