"""`make load`'s fair-share scenario: store B's customers browse at a person's pace while another store's
clients flood far past its share, on the local server (DynamoDB Local). Three phases, one after the other:

1. `calm`: B's customers alone;
2. `flood`: A's clients too, as fast as the server answers, A at the deployment's share
   (STORE_REQUESTS_PER_MINUTE, the server's default);
3. `flood, no share`: the same flood from store U, whose own share the platform set to 1,000,000 a minute
   (PUT /admin/stores/{store_id}/platform): what B meets when nothing stops a flood.

Per phase: B's p50/p95 and error rate (in `flood` also from A's first 429 on, once A is over its share),
the flooding store's requests served and refused (429), and what the server answered a second. The
local server runs one invocation at a time, like one Lambda container: it stands for the shared
capacity every store draws on. Bounded in time; only ever sent to 127.0.0.1.
"""

from __future__ import annotations

import random
import statistics
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from bench.load import CodeBook, Http, Stats, order, percentile
from tests.harness.bodies import store_settings

CALM, FLOOD, UNSHARED = "calm", "flood", "unshared"  # B, A and U
HOSTS = {CALM: "calm.example", FLOOD: "flood.example", UNSHARED: "unshared.example"}
ORDERS = 10  # per customer: one page of the list
THINK = (2.0, 8.0)  # seconds a customer spends on a page before the next: about 12 requests a minute
UNLIMITED = 1_000_000  # the largest share StorePlatformIn takes
PHASES = ("calm", "flood", "flood, no share")


@dataclass
class Sample:
    at: float  # when the request was sent (time.monotonic)
    ms: float
    status: int  # 0: no answer (connection failed)


@dataclass
class Log:
    """Every request's start, latency and status, per store."""

    samples: dict[str, list[Sample]] = field(default_factory=lambda: {store: [] for store in HOSTS})
    lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, client: Http, store: str, path: str) -> tuple[int, Any]:
        started, at = time.perf_counter(), time.monotonic()
        status, body = client.call(f"{store} GET", "GET", path, host=HOSTS[store])
        with self.lock:
            self.samples[store].append(Sample(at, (time.perf_counter() - started) * 1000, status))
        return status, body


def _create(admin: Http, store: str, customers: list[str], share: int | None) -> None:
    host = HOSTS[store]
    settings = store_settings(f"Store {store}", host, order_confirmation_email=False, shipping_update_email=False)
    assert admin.call("PUT store", "PUT", f"/admin/stores/{store}", settings, host="localhost")[0] == 200
    domain = {"domain": host}
    assert admin.call("PUT domain", "PUT", f"/admin/stores/{store}/domain", domain, host="localhost")[0] == 200
    if share is not None:  # as an operator would, through the platform's route
        platform = {"requests_per_minute": share}
        assert (
            admin.call("PUT platform", "PUT", f"/admin/stores/{store}/platform", platform, host="localhost")[0] == 200
        )
    for i, email in enumerate(customers):
        for j in range(ORDERS):
            path = f"/admin/stores/{store}/orders/{store}-{i}-{j}"
            admin.call("PUT order", "PUT", path, order(email, f"{store}-{i}-{j}", j), host="localhost", expect=(201,))


def _log_in(port: int, store: str, email: str, book: CodeBook, stats: Stats, into: dict[str, Http]) -> None:
    client, host = Http(port, stats), HOSTS[store]
    client.call("POST /api/otp", "POST", "/store/account/api/otp", {"email": email}, host=host, expect=(202,))
    body = {"email": email, "code": book.code(email)}
    if client.call("POST /api/otp/verify", "POST", "/store/account/api/otp/verify", body, host=host)[0] == 200:
        client.call("warm-up", "GET", "/store/account/api/orders?limit=10", host=host)  # the function's import
        into[email] = client


def _browse(client: Http, log: Log, stop: float) -> None:
    """A customer of B: the order list, a page's read, one order, a page's read, and again."""
    while time.monotonic() < stop:
        status, page = log.get(client, CALM, "/store/account/api/orders?limit=10")
        time.sleep(random.uniform(*THINK))
        if status == 200 and page and page["orders"] and time.monotonic() < stop:
            pick = random.choice(page["orders"])["order_id"]
            log.get(client, CALM, f"/store/account/api/orders/{pick}")
            time.sleep(random.uniform(*THINK))


def _flood(client: Http, log: Log, store: str, start: float, stop: float) -> None:
    """A flooding client: the order list again as soon as it is answered, 429 or not (a flood does
    not read Retry-After)."""
    time.sleep(max(0.0, start - time.monotonic()))
    client.connection.close()  # idle since the log-in, the server has let it go: the next request reconnects
    while time.monotonic() < stop:
        log.get(client, store, "/store/account/api/orders?limit=10")


def _figures(samples: list[Sample]) -> dict[str, Any]:
    if not samples:
        return {"requests": 0}
    ms = [s.ms for s in samples]
    failed = sum(s.status != 200 for s in samples)
    return {
        "requests": len(samples),
        "p50_ms": round(statistics.median(ms), 1),
        "p95_ms": round(percentile(ms, 95), 1),
        "errors": failed,
        "error_rate": round(failed / len(samples), 4),
    }


def _flooder(samples: list[Sample], seconds: float) -> dict[str, Any]:
    served = sum(s.status == 200 for s in samples)
    refused = sum(s.status == 429 for s in samples)
    return {
        "requests": len(samples),
        "served": served,
        "served_per_minute": round(served / seconds * 60) if seconds else 0,
        "refused_429": refused,
        "refused_share": round(refused / len(samples), 3) if samples else 0.0,
        "other": dict(Counter(str(s.status) for s in samples if s.status not in (200, 429))),
        "p50_ms": round(statistics.median(s.ms for s in samples), 1) if samples else None,
    }


def run(port: int, phase_seconds: float, calm_customers: int, flooders: int) -> dict[str, Any]:
    """The three phases against the server on `port`; returns the figures (bench/load-results.json)."""
    stats = Stats()
    admin = Http(port, stats)
    people = {store: [f"{store}{i}@example.com" for i in range(n)] for store, n in
              ((CALM, calm_customers), (FLOOD, flooders), (UNSHARED, flooders))}  # fmt: skip
    seed_started = time.monotonic()
    _create(admin, CALM, people[CALM], None)
    _create(admin, FLOOD, people[FLOOD], None)
    _create(admin, UNSHARED, people[UNSHARED], UNLIMITED)
    seed_seconds = time.monotonic() - seed_started

    book = CodeBook(port, stats)
    sessions: dict[str, Http] = {}
    logins = [
        threading.Thread(target=_log_in, args=(port, store, email, book, stats, sessions))
        for store, emails in people.items()
        for email in emails
    ]
    for thread in logins:
        thread.start()
    for thread in logins:
        thread.join(timeout=120)
    book.stop()
    missing = [email for emails in people.values() for email in emails if email not in sessions]
    if missing:
        raise SystemExit(f"{len(missing)} customers could not log in: {missing[:3]}")

    log = Log()
    t0 = time.monotonic()
    bounds = [t0 + k * phase_seconds for k in range(len(PHASES) + 1)]
    threads = [threading.Thread(target=_browse, args=(sessions[e], log, bounds[3])) for e in people[CALM]]
    threads += [
        threading.Thread(target=_flood, args=(sessions[e], log, store, bounds[k], bounds[k + 1]))
        for store, k in ((FLOOD, 1), (UNSHARED, 2))
        for e in people[store]
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=len(PHASES) * phase_seconds + 120)

    def within(store: str, k: int, after: float | None = None) -> list[Sample]:
        start = bounds[k] if after is None else max(after, bounds[k])
        return [s for s in log.samples[store] if start <= s.at < bounds[k + 1]]

    phases: dict[str, Any] = {}
    for k, name in enumerate(PHASES):
        flooding = {1: FLOOD, 2: UNSHARED}.get(k)
        answered = sum(len(within(store, k)) for store in HOSTS)
        phases[name] = {
            "calm_store": _figures(within(CALM, k)),
            "flooding_store": _flooder(within(flooding, k), phase_seconds) if flooding else None,
            "answered_per_s": round(answered / phase_seconds, 1),
        }
    first_refusal = min((s.at for s in log.samples[FLOOD] if s.status == 429), default=None)
    if first_refusal is not None:  # from then on the flooding store is over its share
        phases["flood"]["seconds_to_first_refusal"] = round(first_refusal - bounds[1], 1)
        phases["flood"]["calm_store_once_refused"] = _figures(within(CALM, 1, after=first_refusal))
        phases["flood"]["flooding_store_once_refused"] = _flooder(
            within(FLOOD, 1, after=first_refusal), bounds[2] - first_refusal
        )
    return {
        "phase_seconds": phase_seconds,
        "calm_customers": calm_customers,
        "flooders": flooders,
        "think_seconds": list(THINK),
        "seed_seconds": round(seed_seconds, 1),
        "phases": phases,
    }


def report(result: dict[str, Any]) -> bool:
    """Print the figures; true when B's customers were served in every phase (no error at all)."""
    print(
        f"\nFair share: {result['calm_customers']} customers of B browsing ({THINK[0]:g}-{THINK[1]:g} s a page), "
        f"{result['flooders']} flooding clients, phases of {result['phase_seconds']:.0f} s"
    )
    print(
        f"{'phase':<26}{'B requests':>11}{'B p50':>8}{'B p95':>8}{'B err':>7}{'A served/min':>14}{'A 429':>8}{'rps':>7}"
    )
    rows = [(name, phase["calm_store"], phase["flooding_store"], phase) for name, phase in result["phases"].items()]
    flood = result["phases"]["flood"]
    if "calm_store_once_refused" in flood:
        rows.insert(
            2, ("flood, A over its share", flood["calm_store_once_refused"], flood["flooding_store_once_refused"], {})
        )
    for name, calm, flooding, phase in rows:
        served = f"{flooding['served_per_minute']}" if flooding else "-"
        refused = f"{flooding['refused_share']:.0%}" if flooding else "-"
        print(
            f"{name:<26}{calm['requests']:>11}{calm.get('p50_ms', '-'):>8}{calm.get('p95_ms', '-'):>8}"
            f"{calm.get('error_rate', 0):>7.1%}{served:>14}{refused:>8}{phase.get('answered_per_s', '-'):>7}"
        )
    return all(phase["calm_store"].get("errors", 1) == 0 for phase in result["phases"].values())
