"""`make bench`: every figure a ratio against a baseline measured in the same run, medians over repeats,
raw numbers beside it. Writes bench/results.json and prints the table the README's Performance section
shows.

    python -m bench.run [--quick] [--skip scaling,package]

1. cold start per function (fresh interpreters, with and without bytecode; importtime offenders),
   and from the packaged tree (make package) with and without its pre-compiled .pyc;
2. warm overhead per request, 3. DynamoDB calls per route, 5. the stream consumer (bench.replay);
4. scaling on DynamoDB Local (bench.scaling); 6. package sizes against Lambda's 250 MB, of the tree
   `make package` builds (devtools.lambda_build).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from devtools import localenv, template

ROOT = template.ROOT
RESULTS = ROOT / "bench" / "results.json"
COLD = ROOT / "bench" / "cold.py"
GOAL = 1.5
SECRET = secrets.token_hex(32)  # one per run, for every cold start


def _env(extra_path: list[Path], **more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "AWS_ENDPOINT_URL"))}
    env.update(localenv.environment(server_secret=SECRET))
    env.update({"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench", "AWS_DEFAULT_REGION": "us-east-1"})
    env.pop("DYNAMODB_ENDPOINT", None)
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in extra_path)
    env.update(more)
    return env


def _once(python: str, mode: str, env: dict[str, str]) -> tuple[float, float]:
    """(CPU seconds of the whole process, user + system; seconds of the import alone, in-process). CPU
    time rather than wall time decides: the machine is shared, and a cold start is CPU-bound work."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([python, str(COLD), mode], env=env, capture_output=True, text=True, cwd=tempfile.gettempdir())  # noqa: S603
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"cold start ({mode}) failed:\n{done.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, float(done.stdout.strip().splitlines()[-1])


def _cold(python: str, runs: int, fn_path: list[Path], base_path: list[Path], **env: str) -> dict[str, Any]:
    """Median CPU time of a fresh process (and wall time of the import alone), handler vs baseline,
    interleaved."""
    h_env, b_env = _env(fn_path, **env), _env(base_path, **env)
    handler, baseline = [], []
    _once(python, "handler", h_env)  # writes bytecode where it may; fills the page cache
    _once(python, "baseline", b_env)
    for _ in range(runs):
        handler.append(_once(python, "handler", h_env))
        baseline.append(_once(python, "baseline", b_env))
    h_wall, b_wall = statistics.median(w for w, _ in handler), statistics.median(w for w, _ in baseline)
    h_imp, b_imp = statistics.median(i for _, i in handler), statistics.median(i for _, i in baseline)
    return {
        "handler_ms": round(h_wall * 1000, 1),
        "baseline_ms": round(b_wall * 1000, 1),
        "ratio": round(h_wall / b_wall, 2),
        "import_ms": round(h_imp * 1000, 1),
        "baseline_import_ms": round(b_imp * 1000, 1),
        "import_ratio": round(h_imp / b_imp, 2),
    }


def _offenders(python: str, env: dict[str, str], top: int = 6) -> list[dict[str, Any]]:
    """`python -X importtime`: self time summed per top-level package, biggest first."""
    done = subprocess.run(  # noqa: S603
        [python, "-X", "importtime", str(COLD), "handler"],
        env=env,
        capture_output=True,
        text=True,
        cwd=tempfile.gettempdir(),
    )
    per_package: dict[str, int] = defaultdict(int)
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if match:
            per_package[match.group(4).split(".")[0]] += int(match.group(1))
    ranked = sorted(per_package.items(), key=lambda kv: -kv[1])[:top]
    return [{"package": name, "self_ms": round(us / 1000, 1)} for name, us in ranked]


# Without bytecode every run compiles everything (seconds each): measured for these, to keep `make bench` short.
NO_BYTECODE_FOR = ("CustomerOrdersFunction", "OtpSendFunction", "PagesFunction", "OrderEmailsFunction")


def cold_starts(runs: int) -> dict[str, Any]:
    python = sys.executable
    layer = ROOT / "layers" / "shared"
    empty = Path(tempfile.mkdtemp(prefix="bench-nopyc-"))
    results: dict[str, Any] = {}
    for name, fn in template.functions().items():
        path = [fn.code_dir, layer]
        results[name] = {"with_bytecode": _cold(python, runs, path, [layer])}
        if name in NO_BYTECODE_FOR:
            results[name]["without_bytecode"] = _cold(
                python, 3, path, [layer], PYTHONDONTWRITEBYTECODE="1", PYTHONPYCACHEPREFIX=str(empty)
            )
        results[name]["offenders"] = _offenders(python, _env(path))
        print(f"  cold {name}: {results[name]['with_bytecode']['ratio']}x", file=sys.stderr, flush=True)
    shutil.rmtree(empty, ignore_errors=True)
    return results


def packaged_cold_starts(runs: int) -> dict[str, Any]:
    """From the packaged tree (built for this machine with Python 3.13, as the runtime): its unchecked-hash
    .pyc, vs the same tree without them on a read-only file system (Lambda's: nothing can be written,
    so every module is compiled at every cold start)."""
    from devtools import lambda_build

    python = lambda_build.find_python()
    if python is None:
        return {"skipped": "no Python 3.13 here (PACKAGE_PYTHON)"}
    out = ROOT / "build" / "bench-host"
    lambda_build.build(out, python, host=True)
    stripped = ROOT / "build" / "bench-host-nopyc"
    if stripped.exists():
        shutil.rmtree(stripped)
    shutil.copytree(out, stripped, ignore=shutil.ignore_patterns("__pycache__"))
    empty = Path(tempfile.mkdtemp(prefix="bench-nopyc-"))
    results: dict[str, Any] = {"python": python}
    for name in ("CustomerOrdersFunction", "PagesFunction"):
        with_pyc = _cold(python, runs, [out / "functions" / name, out / "layer" / "python"], [out / "layer" / "python"])
        without = _cold(
            python,
            3,
            [stripped / "functions" / name, stripped / "layer" / "python"],
            [stripped / "layer" / "python"],
            PYTHONDONTWRITEBYTECODE="1",
            PYTHONPYCACHEPREFIX=str(empty),
        )
        results[name] = {
            "with_pyc_ms": with_pyc["handler_ms"],
            "without_pyc_ms": without["handler_ms"],
            "speedup": round(without["handler_ms"] / with_pyc["handler_ms"], 2),
            "baseline_with_pyc_ms": with_pyc["baseline_ms"],
            "baseline_without_pyc_ms": without["baseline_ms"],
        }
    shutil.rmtree(empty, ignore_errors=True)
    return results


def _subprocess_json(module: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-W", "ignore", "-m", module], cwd=ROOT, capture_output=True, text=True, env=env
    )
    if done.returncode != 0:
        raise RuntimeError(f"{module} failed:\n{done.stderr[-4000:]}")
    text = done.stdout
    return dict(json.loads(text[text.index("{\n") :]))


# ---------------------------------------------------------------------------------------------- the table
def _goal(ratio: float) -> str:
    return "yes" if ratio <= GOAL else "no"


def _section(title: str, columns: str, rows: list[str]) -> list[str]:
    """A titled markdown table: `columns` is its header row, e.g. `| function | ratio |`."""
    return [title, "", columns, "|" + "---|" * (columns.count("|") - 1), *rows, ""]


def table(results: dict[str, Any]) -> str:
    lines = []
    cold = results.get("cold_start", {})
    if cold:
        rows = []
        for name, entry in cold.items():
            w, n = entry["with_bytecode"], entry.get("without_bytecode")
            offenders = ", ".join(f"{o['package']} {o['self_ms']}" for o in entry["offenders"][:4])
            without = f"{n['handler_ms']} ms vs {n['baseline_ms']} ms | {n['ratio']}x" if n else "- | -"
            rows.append(
                f"| {name} | {w['handler_ms']} ms vs {w['baseline_ms']} ms | {w['ratio']}x | {_goal(w['ratio'])} "
                f"| {without} | {offenders} |"
            )
        lines += _section(
            '**1. Cold start** (fresh interpreter: import the handler module vs `import boto3; boto3.client("dynamodb")`; median CPU time of the whole process)',
            "| function | with bytecode | ratio | goal ≤ 1.5x | without bytecode | ratio | top importtime offenders (self ms) |",
            rows,
        )
    packaged = results.get("packaged_cold_start", {})
    if packaged and "skipped" not in packaged:
        rows = [
            f"| {name} | {entry['with_pyc_ms']} ms | {entry['without_pyc_ms']} ms | {entry['speedup']}x "
            f"| {entry['baseline_with_pyc_ms']} / {entry['baseline_without_pyc_ms']} ms |"
            for name, entry in packaged.items()
            if isinstance(entry, dict)
        ]
        lines += _section(
            "**Packaged tree** (`make package`, Python 3.13): unchecked-hash .pyc vs none on a read-only file system",
            "| function | with .pyc | without | speedup | baseline with / without |",
            rows,
        )
    warm, calls = results.get("warm", {}), results.get("calls", {})
    if warm:
        rows = []
        for route, entry in warm.items():
            call = calls.get(route, {})
            ops = " + ".join(call.get("dynamodb", []))
            budget = len(call.get("budget") or [])
            rows.append(
                f"| {route} | {entry['handler_ms']} ms | {entry['baseline_ms']} ms | {entry['ratio']}x | {_goal(entry['ratio'])} "
                f"| {ops} ({len(call.get('dynamodb', []))} of {budget}) | {', '.join(call.get('other', [])) or '-'} |"
            )
        lines += _section(
            "**2. Warm overhead per request** (in-process, every AWS answer canned at botocore's endpoint; vs the bare boto3 calls) **and 3. DynamoDB calls**",
            "| route | handler | bare boto3 | ratio | goal ≤ 1.5x | DynamoDB calls (budget) | other calls |",
            rows,
        )
    scaling = results.get("scaling", {})
    if scaling.get("sizes"):
        rows = []
        for n, entry in scaling["sizes"].items():
            f, m, d = entry["first page"], entry["middle page"], entry["detail"]
            rows.append(
                f"| {int(n):,} | {f['ms']} ms | {m['ms']} ms | {d['ms']} ms "
                f"| {f['items_read']} / {m['items_read']} / {d['items_read']} "
                f"| {f['capacity_units']} / {m['capacity_units']} / {d['capacity_units']} |"
            )
        lines += _section(
            f"**4. Scaling on DynamoDB Local** (beside {scaling['others']:,} other orders of the store; load {scaling['load_seconds']} s; median of requests through the handler)",
            "| customer's orders | first page | middle page | detail | items read (first / middle / detail) | capacity units |",
            rows,
        )
    stream = results.get("stream", {})
    if stream:
        lines += _section(
            "**5. Stream consumer** (OrderEmailsFunction, one batch of 100 new orders, SES and DynamoDB answers canned)",
            "| | per batch | records/s | ratio |",
            [
                f"| handler (render, MIME, idempotency: {stream['dynamodb_calls_per_batch']} DynamoDB calls) | {stream['handler_ms_per_batch']} ms | {stream['handler_records_per_s']} | {stream['ratio']}x |",
                f"| bare SES send loop | {stream['bare_send_loop_ms']} ms | {stream['bare_records_per_s']} | 1x |",
            ],
        )
    pkg = results.get("package", {})
    if pkg.get("functions"):
        mb = 1024 * 1024
        biggest = max(entry["total_bytes"] for entry in pkg["functions"].values())
        lines += [
            "**6. Package** (python3.13/arm64, unzipped, function + shared layer + templates layer)",
            "",
            f"Shared layer {pkg['layer_bytes'] / mb:.1f} MB, templates {pkg['templates_layer_bytes'] / 1024:.0f} KB; "
            f"every function {biggest / mb:.1f} MB at most, {biggest / pkg['limit_bytes']:.0%} of Lambda's 250 MB.",
            "",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run")
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run, not for the README)")
    parser.add_argument("--skip", default="", help="comma-separated: cold,packaged,warm,scaling,package")
    parser.add_argument("--table", action="store_true", help="print the table of the last bench/results.json")
    options = parser.parse_args(argv)
    if options.table:
        print(table(json.loads(RESULTS.read_text())))
        return 0
    skip = set(filter(None, options.skip.split(",")))
    runs = 3 if options.quick else 5
    started = time.monotonic()
    # Sections skipped this time keep the figures of the last run.
    results: dict[str, Any] = json.loads(RESULTS.read_text()) if skip and RESULTS.exists() else {}
    results |= {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "goal_ratio": GOAL,
    }
    if "package" not in skip:
        from devtools import lambda_build

        python = lambda_build.find_python()
        print("package (arm64, python3.13)...", file=sys.stderr, flush=True)
        results["package"] = (
            lambda_build.build(ROOT / "build" / "lambda", python) if python else {"skipped": "no Python 3.13"}
        )
    if "warm" not in skip:
        print("warm overhead, calls per route, stream consumer...", file=sys.stderr, flush=True)
        results.update(_subprocess_json("bench.replay"))
    if "cold" not in skip:
        print("cold starts...", file=sys.stderr, flush=True)
        results["cold_start"] = cold_starts(runs)
    if "packaged" not in skip:
        print("cold starts from the packaged tree...", file=sys.stderr, flush=True)
        results["packaged_cold_start"] = packaged_cold_starts(runs)
    if "scaling" not in skip:
        print("scaling on DynamoDB Local (loads ~262k items)...", file=sys.stderr, flush=True)
        results["scaling"] = _subprocess_json("bench.scaling")
    results["seconds"] = round(time.monotonic() - started)
    RESULTS.write_text(json.dumps(results, indent=1) + "\n")
    print(table(results))
    print(f"\n{RESULTS.relative_to(ROOT)} written in {results['seconds']} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
