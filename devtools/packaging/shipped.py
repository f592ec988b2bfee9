"""The tree `sam build` ships, for the checks and the benchmark that must run on it.

- `sam_build(out)`: `sam build` of infra/template.yaml into `out` (python3.13/arm64, what deploys);
  `sam_build(out, host=True)`: the same command and recipes with `LAMBDA_PLATFORM=host`, so the few
  compiled wheels (pydantic-core, MarkupSafe) are this machine's and the tree can be imported here.
- `runtime_sdk(out)`: what the python3.13 runtime provides beside a function: boto3 and botocore (our
  pin, with unchecked-hash bytecode, as the runtime ships it compiled).
- `lambda_environment(build, name, sdk)`: PYTHONPATH and environment as Lambda sets them for one
  function: its folder (/var/task), the shared layer's python/ (/opt/python), the runtime's SDK, the
  templates layer as TEMPLATES_DIR (/opt), and the function's variables from the template.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from devtools import localenv, template

ROOT = template.ROOT
SAM = ROOT / ".tools" / "sam-venv" / "bin" / "sam"
SAM_VERSION = "1.170.0"


def find_python(version: str = "3.13") -> str | None:
    """The runtime's interpreter, found as infra/Makefile finds it (RUNTIME_PYTHON, PATH, pyenv)."""
    done = subprocess.run(  # noqa: S603 - make prints the variable it computed
        ["make", "--no-print-directory", "-f", str(ROOT / "infra" / "Makefile"), "-s", "print-runtime-python"],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    found = done.stdout.strip()
    return found if done.returncode == 0 and found else None


def _boto3_pin() -> str:
    for line in (ROOT / "requirements-dev.txt").read_text().splitlines():
        if line.startswith("boto3=="):
            return line.strip()
    raise RuntimeError("requirements-dev.txt pins no boto3")


def sam_build(out: Path, host: bool = False) -> Path:
    """Run `sam build` into `out`; the built template is out/template.yaml."""
    if not SAM.exists():
        raise RuntimeError(f"no SAM CLI at {SAM.relative_to(ROOT)}: run `make tools/sam`")
    env = {**os.environ, "SAM_CLI_TELEMETRY": "0"}
    if host:
        env["LAMBDA_PLATFORM"] = "host"
    command = [str(SAM), "build", "--template-file", str(template.TEMPLATE), "--build-dir", str(out), "--parallel"]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise RuntimeError(f"sam build failed:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}")
    return out


def runtime_sdk(out: Path, python: str) -> Path:
    """boto3 as the runtime provides it (installed once per pin)."""
    pin = _boto3_pin()
    stamp = out / ".pin"
    if stamp.exists() and stamp.read_text() == pin:
        return out
    quiet = ["--quiet", "--disable-pip-version-check", "--no-compile", "--root-user-action=ignore"]
    subprocess.run([python, "-m", "pip", "install", *quiet, "--target", str(out), pin], check=True)  # noqa: S603
    compile_args = ["-q", "-f", "-j", "0", "--invalidation-mode", "unchecked-hash", str(out)]
    subprocess.run([python, "-m", "compileall", *compile_args], check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    stamp.write_text(pin)
    return out


def lambda_path(build: Path, name: str, sdk: Path) -> list[Path]:
    return [build / name, build / "SharedLayer" / "python", sdk]


def lambda_environment(build: Path, name: str, sdk: Path, **more: str) -> dict[str, str]:
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "AWS_DEFAULT_REGION": "us-east-1", "AWS_REGION": "us-east-1"}
    env.update({"AWS_ACCESS_KEY_ID": "shipped", "AWS_SECRET_ACCESS_KEY": "shipped"})
    env.update(localenv.environment(server_secret="s" * 64))
    env.pop("DYNAMODB_ENDPOINT", None)
    env["TEMPLATES_DIR"] = str(build / "TemplatesLayer")
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in lambda_path(build, name, sdk))
    env.update(more)
    return {key: value for key, value in env.items() if not key.startswith("AWS_ENDPOINT_URL")}


if __name__ == "__main__":  # `python -m devtools.packaging.shipped [--host] OUT`
    host = "--host" in sys.argv
    target = Path(next(a for a in sys.argv[1:] if a != "--host")).resolve()
    print(sam_build(target, host=host))
