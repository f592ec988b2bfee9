"""`make bench`: every figure a ratio against a baseline measured in the same run, medians over repeats,
raw numbers beside it. Writes bench/results.json and prints the table bench/README.md
shows.

    python -m bench.run [--quick] [--skip scaling,package]

1. cold start per function on Python 3.13 from the tree `sam build` ships (CPU, peak memory,
   importtime offenders), against boto3 alone and, for the customer-facing functions, against a peer
   (aws-lambda-handler-cookbook's list-orders handler), interleaved in one run;
2. warm overhead per request, 3. DynamoDB calls per route, 5. the stream consumer (bench.replay), each
   twice: CPU time with every AWS answer instant, and under the latency model (bench.latency);
4. scaling on DynamoDB Local (bench.scaling); 6. package sizes against Lambda's 250 MB, of the arm64
   tree `sam build` deploys; 8. many stores: 10,000 connected on the emulator, the AWS calls and
   resources each costs, and the quotas they meet (bench.stores).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from devtools import template
from devtools.packaging import shipped

ROOT = template.ROOT
RESULTS = ROOT / "bench" / "results.json"
COLD = ROOT / "bench" / "cold.py"
GOAL = 1.5
COLD_GOAL = 1.3  # on 3.13 with bytecode, vs boto3 alone
COLD_LIMIT = 1.5  # what no function may exceed (COLD_GOAL is what we aim for)
PEER_GOAL = 0.7  # customer-facing functions vs the peer
STREAM_MODEL_GOAL = 2.0  # the stream consumer vs the bare send loop, under the latency model


CUSTOMER_FACING = (
    "CustomerOrdersFunction",
    "CustomerSessionFunction",
    "OtpSendFunction",
    "OtpVerifyFunction",
    "PagesFunction",
)
PEER = ROOT.parent / "shared" / "peers" / "aws-lambda-handler-cookbook"
PEER_REQUIREMENTS = ROOT / "bench" / "peer-requirements.txt"
PEER_ENV = {
    "POWERTOOLS_SERVICE_NAME": "orders",
    "LOG_LEVEL": "INFO",
    "TABLE_NAME": "orders",
    "POWERTOOLS_TRACE_DISABLED": "true",
}


@dataclass
class Process:
    """How to start one kind of cold start: interpreter, mode for bench/cold.py, environment, folder."""

    python: str
    mode: str
    env: dict[str, str]
    cwd: str = tempfile.gettempdir()
    argument: str = "app"


def _once(process: Process, flags: tuple[str, ...] = ()) -> tuple[float, float, float]:
    """(CPU seconds of the whole process, user + system; seconds of the import alone, in-process; peak
    resident MiB). CPU time rather than wall time decides: the machine is shared, and a cold start is
    CPU-bound work."""
    command = [process.python, *flags, str(COLD), process.mode, process.argument]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        child = subprocess.Popen(command, env=process.env, cwd=process.cwd, stdout=out, stderr=err)  # noqa: S603
        _, status, usage = os.wait4(child.pid, 0)  # this child's own usage (peak memory included)
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode != 0:
            raise RuntimeError(f"cold start ({process.mode} {process.argument}) failed:\n{err.read()[-3000:]}")
        imported = float(out.read().strip().splitlines()[-1])
    return usage.ru_utime + usage.ru_stime, imported, usage.ru_maxrss / 1024


def _median(values: list[float], digits: int = 1, scale: float = 1000) -> float:
    return round(statistics.median(values) * scale, digits)


def _offenders(process: Process, top: int = 6) -> list[dict[str, Any]]:
    """`python -X importtime`: self time summed per top-level package, biggest first."""
    done = subprocess.run(  # noqa: S603
        [process.python, "-X", "importtime", str(COLD), process.mode, process.argument],
        env=process.env,
        capture_output=True,
        text=True,
        cwd=process.cwd,
    )
    per_package: dict[str, int] = defaultdict(int)
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if match:
            per_package[match.group(4).split(".")[0]] += int(match.group(1))
    ranked = sorted(per_package.items(), key=lambda kv: -kv[1])[:top]
    return [{"package": name, "self_ms": round(us / 1000, 1)} for name, us in ranked]


def _peer(python: str, sdk: Path) -> Process | None:
    """aws-lambda-handler-cookbook's list-orders handler, imported in place from its folder (as in
    /var/task), its pinned dependencies and the same runtime SDK beside it; its bytecode is written under
    a cache prefix on the first run, so the peer's folder stays untouched."""
    if not (PEER / "service").is_dir():
        return None
    deps = ROOT / "build" / "bench-peer"
    stamp = deps / ".requirements"
    if not stamp.exists() or stamp.read_text() != PEER_REQUIREMENTS.read_text():
        shutil.rmtree(deps, ignore_errors=True)
        quiet = [
            "--quiet",
            "--disable-pip-version-check",
            "--root-user-action=ignore",
            "--no-deps",
            "--only-binary=:all:",
        ]
        install = [python, "-m", "pip", "install", *quiet, "--target", str(deps), "-r", str(PEER_REQUIREMENTS)]
        subprocess.run(install, check=True)  # noqa: S603 - the runtime's pip, our pinned list
        stamp.write_text(PEER_REQUIREMENTS.read_text())
    env = shipped.lambda_environment(ROOT / "build", "CustomerOrdersFunction", sdk) | PEER_ENV
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in (PEER, deps, sdk))
    env["PYTHONPYCACHEPREFIX"] = str(ROOT / "build" / "bench-peer-pycache")
    return Process(python, "handler", env, cwd=str(PEER), argument="service.handlers.handle_list_orders")


def cold_starts(runs: int) -> dict[str, Any]:
    """On Python 3.13 from the tree `sam build` ships (built for this machine: tests/shipped pins that it
    differs from the arm64 one only in compiled wheels), every function vs the baseline and, for the
    customer-facing ones, vs the peer, all interleaved round by round."""
    python = shipped.find_python()
    if python is None:
        return {"skipped": "no Python 3.13 here (RUNTIME_PYTHON)"}
    build = shipped.sam_build(ROOT / "build" / "bench-host", host=True)
    sdk = shipped.runtime_sdk(ROOT / "build" / "runtime-sdk", python)
    processes = {
        name: Process(python, "handler", shipped.lambda_environment(build, name, sdk)) for name in template.functions()
    }
    processes["baseline"] = Process(
        python, "baseline", shipped.lambda_environment(build, "CustomerOrdersFunction", sdk)
    )
    processes["baseline"].env["PYTHONPATH"] = str(sdk)
    processes["sdk"] = Process(python, "sdk", dict(processes["baseline"].env))
    peer = _peer(python, sdk)
    if peer:
        processes["peer"] = peer
    samples: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    for process in processes.values():
        _once(process)  # fills the page cache (and the peer's bytecode cache)
    for _ in range(runs):
        for name, process in processes.items():
            samples[name].append(_once(process))

    def figures(name: str) -> dict[str, float]:
        cpu, imp, rss = zip(*samples[name], strict=True)
        return {"cpu_ms": _median(list(cpu)), "import_ms": _median(list(imp)), "peak_mib": _median(list(rss), 1, 1)}

    base = figures("baseline")
    results: dict[str, Any] = {"python": python, "tree": "sam build (LAMBDA_PLATFORM=host)", "baseline": base}
    # What the baseline's one client costs: every handler creates its clients on its first request.
    results["first_client_ms"] = round(base["cpu_ms"] - figures("sdk")["cpu_ms"], 1)
    results["peer"] = figures("peer") if peer else {"skipped": f"no peer at {PEER}"}
    for name in template.functions():
        entry = figures(name)
        entry["ratio"] = round(entry["cpu_ms"] / base["cpu_ms"], 2)
        entry["memory_ratio"] = round(entry["peak_mib"] / base["peak_mib"], 2)
        if peer and name in CUSTOMER_FACING:
            entry["peer_ratio"] = round(entry["cpu_ms"] / results["peer"]["cpu_ms"], 2)
            entry["peer_memory_ratio"] = round(entry["peak_mib"] / results["peer"]["peak_mib"], 2)
        entry["offenders"] = _offenders(processes[name])
        results[name] = entry
        print(f"  cold {name}: {entry['ratio']}x, peer {entry.get('peer_ratio', '-')}", file=sys.stderr, flush=True)
    return results


def package_sizes() -> dict[str, Any]:
    """The arm64 tree `sam build` deploys, unzipped: each function with both layers against 250 MB."""
    build = shipped.sam_build(ROOT / "build" / "sam-arm64")

    def size(path: Path) -> int:
        return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())

    layer, templates = size(build / "SharedLayer"), size(build / "TemplatesLayer")
    functions = {}
    for name in template.functions():
        total = size(build / name) + layer + templates
        functions[name] = {"code_bytes": size(build / name), "total_bytes": total}
    return {
        "layer_bytes": layer,
        "templates_layer_bytes": templates,
        "limit_bytes": 250 * 1024 * 1024,
        "functions": functions,
    }


def _subprocess_json(module: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-W", "ignore", "-m", module], cwd=ROOT, capture_output=True, text=True, env=env
    )
    if done.returncode != 0:
        raise RuntimeError(f"{module} failed:\n{done.stderr[-4000:]}")
    text = done.stdout
    return dict(json.loads(text[text.index("{\n") :]))


# ---------------------------------------------------------------------------------------------- the table
def _goal(ratio: float, goal: float = GOAL) -> str:
    return "yes" if ratio <= goal else "no"


def _section(title: str, columns: str, rows: list[str]) -> list[str]:
    """A titled markdown table: `columns` is its header row, e.g. `| function | ratio |`."""
    return [title, "", columns, "|" + "---|" * (columns.count("|") - 1), *rows, ""]


def table(results: dict[str, Any]) -> str:
    lines = []
    cold = results.get("cold_start", {})
    if cold and "skipped" not in cold:
        base, peer = cold["baseline"], cold.get("peer", {})
        rows = []
        for name, entry in cold.items():
            if not name.endswith("Function"):
                continue
            offenders = ", ".join(f"{o['package']} {o['self_ms']}" for o in entry["offenders"][:4])
            vs_peer = f"{entry['peer_ratio']}x | {entry['peer_memory_ratio']}x" if "peer_ratio" in entry else "- | -"
            rows.append(
                f"| {name} | {entry['cpu_ms']} ms | {entry['ratio']}x | {_goal(entry['ratio'], COLD_LIMIT)} "
                f"| {_goal(entry['ratio'], COLD_GOAL)} "
                f"| {entry['peak_mib']} MiB | {vs_peer} | {offenders} |"
            )
        peer_text = (
            f"aws-lambda-handler-cookbook's list-orders handler {peer['cpu_ms']} ms, {peer['peak_mib']} MiB"
            if "cpu_ms" in peer
            else "no peer in this run"
        )
        lines += _section(
            f"**1. Cold start** on Python 3.13, from the tree `sam build` ships (fresh interpreter importing the handler "
            f'module; median CPU time of the whole process and its peak memory). Baseline `import boto3; boto3.client("dynamodb")` '
            f"{base['cpu_ms']} ms, {base['peak_mib']} MiB; peer: {peer_text}. No handler creates an AWS client at import:"
            f" each creates its clients on its first request, which then pays what the baseline's one client cost"
            f" here ({cold.get('first_client_ms', '?')} ms: botocore's endpoint and service data).",
            f"| function | CPU | vs baseline | ≤ {COLD_LIMIT}x | goal ≤ {COLD_GOAL}x | peak memory | vs peer CPU (goal ≤ {PEER_GOAL}x) | vs peer memory | top importtime offenders (self ms) |",
            rows,
        )
    warm, calls = results.get("warm", {}), results.get("calls", {})
    if warm:
        rows = []
        for route, entry in warm.items():
            call = calls.get(route, {})
            ops = " + ".join(call.get("dynamodb", []))
            budget = len(call.get("budget") or [])
            model = entry.get("model", {})
            modelled = (
                f"{model['handler_ms']} ms | {model['baseline_ms']} ms | {model['ratio']}x | {model['wall_ratio']}x"
                if model
                else "- | - | - | -"
            )
            adds = call.get("counter_adds_per_100")
            counter = f"; fair-share UpdateItem on {adds} % of requests" if adds is not None else ""
            rows.append(
                f"| {route} | {entry['handler_ms']} ms | {entry['baseline_ms']} ms | {entry['ratio']}x | {_goal(entry['ratio'])} "
                f"| {model.get('handler_aws_ms', '-')} ms | {modelled} "
                f"| {ops} ({len(call.get('dynamodb', []))} of {budget}{counter}) | {', '.join(call.get('other', [])) or '-'} |"
            )
        lines += _section(
            "**2. Warm overhead per request** (in-process, every AWS answer replayed at botocore's endpoint; vs the bare"
            " boto3 calls; CPU time with instant answers, then under the latency model: each call waits its"
            " modelled AWS time, CPU time + that time, and the wall-time ratio beside it) **and 3. DynamoDB calls**",
            "| route | handler CPU | bare boto3 CPU | ratio | goal ≤ 1.5x | AWS time (model) | handler, model | bare, model | ratio, model | wall ratio, model | DynamoDB calls (budget) | other calls |",
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
    search_rows = []
    for n, entry in scaling.get("sizes", {}).items():
        if "search, no match" not in entry:
            continue
        cells = [entry[label] for label in ("search, no match", "one day", "by expected delivery")]
        walk = entry["search to the end"]
        search_rows.append(
            f"| {int(n):,} | "
            + " | ".join(f"{c['ms']} ms, {c['items_read']} items, {c['capacity_units']} RCU" for c in cells)
            + f" | {walk['requests']} requests, {walk['ms']} ms, {walk['items_read']:,} items, {walk['capacity_units']} RCU |"
        )
    if search_rows:
        lines += _section(
            f"**4b. Order search on DynamoDB Local** (same data; a filtered page reads at most {scaling['read_budget']:,} entries; median of requests)",
            "| customer's orders | text search, no match (one page) | one day (`from`=`to`) | by expected delivery | text search matching only the oldest order, every page |",
            search_rows,
        )
    stream = results.get("stream", {})
    if stream:
        model = stream.get("model", {})
        ses = stream.get("calls_per_batch", {}).get("sesv2:SendEmail", stream["records"])
        rows = [
            f"| handler (render, MIME, idempotency: {stream['dynamodb_calls_per_batch']} DynamoDB calls) "
            f"| {stream['handler_ms_per_batch']} ms | {stream['handler_records_per_s']} | {stream['ratio']}x "
            f"| {model.get('handler_aws_ms', '-')} ms | {model.get('handler_ms_per_batch', '-')} ms "
            f"| {model.get('handler_records_per_s', '-')} | {model.get('ratio', '-')}x | {model.get('wall_ratio', '-')}x |",
            f"| bare SES send loop ({ses} SendEmail) | {stream['bare_send_loop_ms']} ms | {stream['bare_records_per_s']} | 1x "
            f"| {model.get('bare_aws_ms', '-')} ms | {model.get('bare_send_loop_ms', '-')} ms "
            f"| {model.get('bare_records_per_s', '-')} | 1x | 1x |",
        ]
        lines += _section(
            f"**5. Stream consumer** (ChangeNoticesFunction, one batch of {stream['records']} new orders, every AWS answer"
            f" replayed; CPU time with instant answers, then under the latency model; goal under the model"
            f" ≤ {STREAM_MODEL_GOAL}x)",
            "| | CPU per batch | records/s | ratio | AWS time (model) | per batch, model | records/s, model | ratio, model | wall ratio, model |",
            rows,
        )
    model_ms = results.get("latency_model_ms")
    if model_ms:
        lines += [
            "**The latency model** (ms per call, sources in bench/latency.py and below): "
            + ", ".join(f"{name} {ms:g}" for name, ms in model_ms.items()),
            "",
        ]
    pkg = results.get("package", {})
    if pkg.get("functions"):
        mb = 1024 * 1024
        biggest = max(entry["total_bytes"] for entry in pkg["functions"].values())
        lines += [
            "**6. Package** (`sam build`, python3.13/arm64, unzipped, function + shared layer + templates layer)",
            "",
            f"Shared layer {pkg['layer_bytes'] / mb:.1f} MB, templates {pkg['templates_layer_bytes'] / 1024:.0f} KB; "
            f"every function {biggest / mb:.1f} MB at most, {biggest / pkg['limit_bytes']:.0%} of Lambda's 250 MB.",
            "",
        ]
    carriers = results.get("carriers", {}).get("carriers")
    if carriers:
        rows = [
            f"| {name} | {row['valid']} | {row['identified']} | {row['not_derived']} | {row['wrong']} |"
            for name, row in sorted(carriers.items())
        ]
        total = {
            key: sum(row[key] for row in carriers.values()) for key in ("valid", "identified", "not_derived", "wrong")
        }
        share = total["identified"] / total["valid"] if total["valid"] else 0
        rows.append(
            f"| all | {total['valid']} | {total['identified']} ({share:.0%}) | {total['not_derived']} | {total['wrong']} |"
        )
        lines += _section(
            f"**7. Carriers from tracking numbers** (valid sample numbers of {results['carriers']['data_set']})",
            "| carrier | valid samples | identified | not derived (ambiguous or unknown) | wrong carrier |",
            rows,
        )
    lines += _stores_table(results.get("stores"))
    return "\n".join(lines)


def _stores_table(stores: dict[str, Any] | None) -> list[str]:
    if not stores:
        return []
    per_store = ", ".join(f"{kind} {n}" for kind, n in stores["per_store_aws_resources"].items())
    made = ", ".join(f"{kind} {n:,}" for kind, n in sorted(stores["resources"].items()))
    calls = [
        f"| {step} | {stores['ms_per_request'][step]} ms | "
        + ", ".join(f"{op} {n:g}" if n else f"{op} <0.01" for op, n in ops.items())
        + " |"
        for step, ops in stores["calls_per_request"].items()
    ]
    quotas = [
        f"| {q['quota']} | {q['default']:,} | {'yes' if q['adjustable'] else 'no' if q['adjustable'] is False else '?'} | "
        f"{q['used']:,} | {q.get('note', '')} |"
        if isinstance(q["default"], int) and isinstance(q["used"], int)
        else f"| {q['quota']} | {q['default']} | {'yes' if q['adjustable'] else 'no' if q['adjustable'] is False else '?'} | "
        f"{q['used']} | {q.get('note', '')} |"
        for q in stores["quotas"]
    ]
    failures = ", ".join(f"{k}: {n}" for k, n in stores["failures"].items()) or "none"
    return [
        f"**8. Many stores** ({stores['stores']:,} stores connected on the emulator in {stores['connect_seconds']} s, "
        f"{stores['ms_per_store']} ms each; {stores['sample']:,} then moved and {stores['sample']:,} disconnected; "
        f"refused requests: {failures}). Resources the runtime created: {made}. Per store: {per_store}.",
        "",
        "| request (per store) | time | AWS calls (mean per request) |",
        "|---|---|---|",
        *calls,
        "",
        "| quota | AWS default | adjustable | used at this count | note |",
        "|---|---|---|---|---|",
        *quotas,
        "",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run")
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run, not for bench/README.md)")
    parser.add_argument("--skip", default="", help="comma-separated: cold,warm,scaling,package,carriers,stores")
    parser.add_argument("--table", action="store_true", help="print the table of the last bench/results.json")
    options = parser.parse_args(argv)
    if options.table:
        print(table(json.loads(RESULTS.read_text())))
        return 0
    skip = set(filter(None, options.skip.split(",")))
    runs = 3 if options.quick else 9  # cold-start rounds: single runs move by 0.1x to 0.3x here
    started = time.monotonic()
    # Sections skipped this time keep the figures of the last run.
    results: dict[str, Any] = json.loads(RESULTS.read_text()) if skip and RESULTS.exists() else {}
    results |= {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "goal_ratio": GOAL,
    }
    if "package" not in skip:
        print("package: sam build (arm64, python3.13)...", file=sys.stderr, flush=True)
        results["package"] = package_sizes()
    if "warm" not in skip:
        print("warm overhead, calls per route, stream consumer...", file=sys.stderr, flush=True)
        results.update(_subprocess_json("bench.replay"))
    if "cold" not in skip:
        print("cold starts (python3.13, sam build's tree, with the peer)...", file=sys.stderr, flush=True)
        results["cold_start"] = cold_starts(runs)
    results.pop("packaged_cold_start", None)  # folded into cold_start: every figure is the shipped tree's now
    if "scaling" not in skip:
        print("scaling on DynamoDB Local (loads ~262k items)...", file=sys.stderr, flush=True)
        results["scaling"] = _subprocess_json("bench.scaling")
    if "carriers" not in skip:
        results["carriers"] = _subprocess_json("bench.carriers")
    if "stores" not in skip:
        print("stores: 10,000 connected on the emulator (half an hour to an hour)...", file=sys.stderr, flush=True)
        results["stores"] = _subprocess_json("bench.stores")
    results["seconds"] = round(time.monotonic() - started)
    RESULTS.write_text(json.dumps(results, indent=1) + "\n")
    print(table(results))
    print(f"\n{RESULTS.relative_to(ROOT)} written in {results['seconds']} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
