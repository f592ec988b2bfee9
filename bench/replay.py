"""Warm overhead per request, DynamoDB calls per route, and the stream consumer, in one process.

1. Record: the product runs on moto (devtools.emulator.aws) with a store, orders and a customer; after a
   warm-up request (so the store's host is cached, as in a warm container), one request per route is
   recorded: every AWS call's parameters (as the caller passed them) and the HTTP answer (status,
   headers, body bytes), at botocore's endpoint.
2. Replay: moto is switched off and botocore's `Endpoint._send` answers from the recording instead of
   the network: the equivalent of a Stubber on every client PynamoDB, boto3 and Powertools use, but
   one level lower, so both sides also pay for serialising, signing and parsing (what a real call
   costs apart from the network and the service).
   - handler: the function's `lambda_handler` on the same API Gateway event;
   - baseline: the bare boto3 calls the route needs (same operations, same parameters, default boto3
     clients), answered by the same recording.
   The per-request figure is the median over rounds of the mean CPU time of N calls.
   The store's fair-share counter (web.fair_share) is written when the product writes it (the store's
   first request in the container, then once a second or every FLUSH_HITS requests), so it is not part
   of any one request's recording: each such UpdateItem is answered with the counter's recorded answer,
   wherever in the run it falls, and counted (the handler pays it, amortized as under load; the bare
   calls do not).
3. Under the latency model (bench.latency): the same replay, but every answer is given after the time
   the call would take on AWS in the same region (`time.sleep` in `Endpoint._send`, so both sides wait
   the same for the same calls); the figure is wall time, the median over rounds of the mean of N calls.
"""

from __future__ import annotations

import contextlib
import copy
import io
import logging
import os
import secrets
import statistics
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from bench import latency

ROUNDS, PER_ROUND = 7, 40
STREAM_ROUNDS = 5
# Under the latency model a request waits ~10-40 ms and a batch of the stream consumer seconds: fewer
# repeats, wall time.
MODEL_ROUNDS, MODEL_PER_ROUND = 5, 10
MODEL_STREAM_ROUNDS = 3
COUNTER_KEY = "share#"  # access_center.db.shares.share_key's prefix


@dataclass
class Exchange:
    service: str
    operation: str
    params: dict[str, Any]
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def is_counter(self) -> bool:
        """An add to a store's fair-share counter (db.shares: UpdateItem on `share#{store_id}`)."""
        key = self.params.get("Key", {}).get("pk", {}).get("S", "")
        return self.operation == "UpdateItem" and str(key).startswith(COUNTER_KEY)


class _Raw(io.BytesIO):
    def stream(self, **_: Any) -> Iterator[bytes]:
        data = self.read()
        if data:
            yield data


class Tape:
    """Records AWS exchanges while `recording`; answers from `queue` while `replaying`."""

    def __init__(self) -> None:
        self.recording: list[Exchange] | None = None
        self.queue: deque[Exchange] = deque()
        self.replaying = False
        self.wait_aws = False  # wait what each call takes on AWS (bench.latency) before answering
        self._params: dict[int, tuple[str, dict[str, Any]]] = {}
        self.counter: Exchange | None = None  # the answer to every fair-share counter add while replaying
        self.counter_adds = 0  # how many were answered

    def install(self) -> None:
        from botocore import endpoint
        from botocore.awsrequest import AWSResponse
        from botocore.session import Session

        tape = self
        original_create = Session.create_client

        def create_client(session: Session, *args: Any, **kwargs: Any) -> Any:
            client = original_create(session, *args, **kwargs)
            client.meta.events.register("before-parameter-build", tape._on_params, unique_id="bench.replay")
            return client

        Session.create_client = create_client  # type: ignore[method-assign]

        original_get = endpoint.Endpoint._do_get_response

        def do_get_response(self: Any, request: Any, operation_model: Any, context: Any) -> Any:
            result = original_get(self, request, operation_model, context)
            if tape.recording is not None and result[0] is not None:
                http = result[0][0]
                service, params = tape._params.pop(id(context), ("?", {}))
                tape.recording.append(
                    Exchange(service, operation_model.name, params, http.status_code, dict(http.headers), http.content)
                )
            return result

        endpoint.Endpoint._do_get_response = do_get_response  # type: ignore[method-assign]
        original_send = endpoint.Endpoint._send

        def send(self: Any, request: Any) -> Any:
            if not tape.replaying:
                return original_send(self, request)
            answer = tape.counter if tape.counter is not None and _adds_to_counter(request) else None
            if answer is not None:
                tape.counter_adds += 1
            else:
                answer = tape.queue.popleft()
            if tape.wait_aws:
                time.sleep(latency.seconds(answer.service, answer.operation))
            return AWSResponse(request.url, answer.status, answer.headers, _Raw(answer.body))

        endpoint.Endpoint._send = send  # type: ignore[method-assign]

    def _on_params(self, params: Any = None, model: Any = None, context: Any = None, **_: Any) -> None:
        if self.recording is not None and context is not None:
            service = model.service_model.service_name if model is not None else "?"
            self._params[id(context)] = (service, copy.deepcopy(params))

    @contextlib.contextmanager
    def record(self) -> Iterator[list[Exchange]]:
        self.recording = []
        try:
            yield self.recording
        finally:
            self.recording = None

    @contextlib.contextmanager
    def replay(self, exchanges: list[Exchange]) -> Iterator[None]:
        self.queue = deque(exchanges)
        self.replaying = True
        try:
            yield
        finally:
            self.replaying = False
        if self.queue:
            raise AssertionError(f"{len(self.queue)} recorded answer(s) were not asked for: the path changed")


TAPE = Tape()


def _adds_to_counter(request: Any) -> bool:
    """The request on the wire is an UpdateItem of a fair-share counter item."""
    target = request.headers.get("X-Amz-Target", b"")
    target = target.decode() if isinstance(target, bytes) else str(target)
    body = request.body if isinstance(request.body, bytes) else str(request.body or "").encode()
    return target.endswith(".UpdateItem") and f'"{COUNTER_KEY}'.encode() in body


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Logs and EMF metrics are written as in Lambda, to /dev/null."""
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        handlers = [h for name in ("customer-access-center",) for h in logging.getLogger(name).handlers]
        streams = [h.setStream(sink) for h in handlers if isinstance(h, logging.StreamHandler)]
        try:
            yield
        finally:
            for handler, stream in zip(handlers, streams, strict=False):
                if stream is not None and isinstance(handler, logging.StreamHandler):
                    handler.setStream(stream)


def _per_call(fn: Callable[[], Any], exchanges: list[Exchange], n: int) -> float:
    """CPU seconds per call of this process (warm-ups and the profiling helpers)."""
    _prepare(fn, n)
    start = time.process_time()
    for _ in range(n):
        with TAPE.replay(exchanges):
            fn()
    return (time.process_time() - start) / n


def _prepare(fn: Callable[[], Any], n: int) -> None:
    """Lambda hands each invocation a fresh event: the copies are made before the clock starts, so the
    harness's copying is not counted as the handler's work."""
    prepare = getattr(fn, "prepare", None)
    if prepare is not None:
        prepare(n)


@contextlib.contextmanager
def modelled() -> Iterator[None]:
    """Every replayed answer waits what the call takes on AWS (bench.latency)."""
    TAPE.wait_aws = True
    try:
        yield
    finally:
        TAPE.wait_aws = False


def aws_ms(exchanges: list[Exchange]) -> float:
    """What the model makes these calls wait, in all (ms)."""
    return round(sum(latency.seconds(e.service, e.operation) for e in exchanges) * 1000, 1)


@dataclass
class Side:
    """One side of a comparison: what to call and the answers it gets."""

    fn: Callable[[], Any]
    exchanges: list[Exchange]


def _interleaved(sides: tuple[Side, Side], rounds: int, per_round: int) -> list[tuple[float, float]]:
    """Per side, the median over rounds of the mean (CPU seconds, wall seconds) per call. Within a round
    the two sides take turns call by call, so both meet the same load on the shared machine (whole
    rounds of one side, then of the other, put them in different moments)."""
    samples: list[list[tuple[float, float]]] = [[], []]
    for _ in range(rounds):
        for side in sides:
            _prepare(side.fn, per_round)
        totals = [[0.0, 0.0], [0.0, 0.0]]
        for _ in range(per_round):
            for i, side in enumerate(sides):
                with TAPE.replay(side.exchanges):
                    cpu, wall = time.process_time(), time.perf_counter()
                    side.fn()
                    totals[i][0] += time.process_time() - cpu
                    totals[i][1] += time.perf_counter() - wall
        for i in range(2):
            samples[i].append((totals[i][0] / per_round, totals[i][1] / per_round))
    return [
        (statistics.median(c for c, _ in side_samples), statistics.median(w for _, w in side_samples))
        for side_samples in samples
    ]


def compare(
    handler: Side, baseline: Side, rounds: int, per_round: int, model_rounds: int, model_per_round: int
) -> dict[str, Any]:
    """CPU time with every answer instant; then, under the latency model, wall time and CPU time plus
    the modelled AWS time (what the wall time would be on a core of its own, as a function has on
    Lambda: on this shared machine the wall time also counts other processes' turns)."""
    with quiet():
        (h, _), (b, _) = _interleaved((handler, baseline), rounds, per_round)
        with modelled():
            (mh_cpu, mh_wall), (mb_cpu, mb_wall) = _interleaved((handler, baseline), model_rounds, model_per_round)
    h_aws, b_aws = aws_ms(handler.exchanges) / 1000, aws_ms(baseline.exchanges) / 1000
    return {
        "handler_ms": round(h * 1000, 3),
        "baseline_ms": round(b * 1000, 3),
        "ratio": round(h / b, 2),
        "model": {
            "handler_aws_ms": round(h_aws * 1000, 1),
            "baseline_aws_ms": round(b_aws * 1000, 1),
            "handler_ms": round((mh_cpu + h_aws) * 1000, 2),
            "baseline_ms": round((mb_cpu + b_aws) * 1000, 2),
            "ratio": round((mh_cpu + h_aws) / (mb_cpu + b_aws), 2),
            "handler_wall_ms": round(mh_wall * 1000, 2),
            "baseline_wall_ms": round(mb_wall * 1000, 2),
            "wall_ratio": round(mh_wall / mb_wall, 2),
        },
    }


def measure(handler: Callable[[], Any], baseline: Callable[[], Any], exchanges: list[Exchange]) -> dict[str, Any]:
    """One route: the handler vs the bare boto3 calls, on the same recorded answers."""
    with quiet():
        for _ in range(3):  # warm both paths (caches, first-call costs)
            _per_call(handler, exchanges, 1)
            _per_call(baseline, exchanges, 1)
    return compare(
        Side(handler, exchanges), Side(baseline, exchanges), ROUNDS, PER_ROUND, MODEL_ROUNDS, MODEL_PER_ROUND
    )


def bare_calls(exchanges: list[Exchange]) -> Callable[[], None]:
    """The same operations with the same parameters on default boto3 clients (one per service)."""
    import boto3
    from botocore import xform_name

    clients = {e.service: boto3.client(e.service, region_name="us-east-1") for e in exchanges}
    steps = [(getattr(clients[e.service], xform_name(e.operation)), e.params) for e in exchanges]

    def run() -> None:
        for method, params in steps:
            with contextlib.suppress(Exception):  # a recorded refusal (e.g. a failed condition) is part of it
                method(**params)

    return run


# ---------------------------------------------------------------------------------------------- the scenario
def main() -> dict[str, Any]:
    """Set up on moto, record each route, then measure. Returns the `warm`, `calls` and `stream` sections."""
    from devtools import awscalls, localenv

    os.environ.update(
        {
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_SESSION_TOKEN": "testing",
            "POWERTOOLS_DEV": "false",
        }
    )
    os.environ.update(localenv.environment(server_secret=secrets.token_hex(32)))
    os.environ["STORE_CACHE_SECONDS"] = "86400"  # a warm container: the host stays cached during the run
    for name in list(os.environ):
        if name.startswith("AWS_ENDPOINT_URL") or name == "DYNAMODB_ENDPOINT":
            del os.environ[name]
    awscalls.install()
    TAPE.install()

    from devtools.emulator.aws import Emulator
    from devtools.emulator.gateway import SHARED, Gateway, LambdaContext

    if str(SHARED) not in sys.path:
        sys.path.insert(0, str(SHARED))
    emulator = Emulator()
    emulator.start()
    try:
        scenario = _Scenario(Gateway, LambdaContext)
        recorded = scenario.record_all()
        stream = scenario.record_stream()
    finally:
        emulator.stop()

    from bench.budgets import BUDGETS, warm_request

    warm: dict[str, Any] = {}
    calls: dict[str, Any] = {}
    for route, (invoke, exchanges) in recorded.items():
        adds_before, invoked_before = TAPE.counter_adds, _invocations(invoke)
        warm[route] = measure(invoke, bare_calls(exchanges), exchanges)
        adds, invoked = TAPE.counter_adds - adds_before, _invocations(invoke) - invoked_before
        ops = [e.operation for e in exchanges if e.service == "dynamodb"]
        budget = warm_request(route) if route in BUDGETS else None
        calls[route] = {
            "dynamodb": ops,
            "other": [f"{e.service}:{e.operation}" for e in exchanges if e.service != "dynamodb"],
            "budget": budget,
            "within_budget": budget is not None and len(ops) <= len(budget) and "Scan" not in ops,
            # the fair-share counter's UpdateItems the handler made while measured, per 100 requests
            "counter_adds_per_100": round(100 * adds / invoked, 1) if invoked else None,
        }
    invoke, exchanges, count = stream
    sends = [e for e in exchanges if e.service == "sesv2"]
    timing = _stream_timing(invoke, exchanges, sends)
    return {
        "warm": warm,
        "calls": calls,
        "stream": {"records": count, **timing},
        "latency_model_ms": latency.table(),
    }


def _invocations(invoke: Callable[[], Any]) -> int:
    return invoke.invocations if isinstance(invoke, Invoke) else 0


def _stream_timing(invoke: Callable[[], Any], exchanges: list[Exchange], sends: list[Exchange]) -> dict[str, Any]:
    bare = bare_calls(sends)
    with quiet():
        _per_call(invoke, exchanges, 1)
        _per_call(bare, sends, 1)
    figures = compare(Side(invoke, exchanges), Side(bare, sends), STREAM_ROUNDS, 1, MODEL_STREAM_ROUNDS, 1)
    h, b, model = figures["handler_ms"] / 1000, figures["baseline_ms"] / 1000, figures["model"]
    records = len(sends)
    calls: dict[str, int] = {}
    for e in exchanges:
        calls[f"{e.service}:{e.operation}"] = calls.get(f"{e.service}:{e.operation}", 0) + 1
    return {
        "handler_ms_per_batch": round(h * 1000, 1),
        "bare_send_loop_ms": round(b * 1000, 1),
        "handler_records_per_s": round(records / h),
        "bare_records_per_s": round(records / b),
        "ratio": figures["ratio"],
        "dynamodb_calls_per_batch": sum(1 for e in exchanges if e.service == "dynamodb"),
        "calls_per_batch": calls,
        "model": {
            "handler_aws_ms": model["handler_aws_ms"],
            "bare_aws_ms": model["baseline_aws_ms"],
            "handler_ms_per_batch": round(model["handler_ms"], 1),
            "bare_send_loop_ms": round(model["baseline_ms"], 1),
            "handler_records_per_s": round(records / model["handler_ms"] * 1000),
            "bare_records_per_s": round(records / model["baseline_ms"] * 1000),
            "ratio": model["ratio"],
            "handler_wall_ms_per_batch": round(model["handler_wall_ms"], 1),
            "bare_wall_ms": round(model["baseline_wall_ms"], 1),
            "wall_ratio": model["wall_ratio"],
        },
    }


class Invoke:
    """The handler on its event, as Lambda calls it: a fresh copy of the event each time, copied ahead
    (`prepare`) so that the copying is outside the measured call."""

    def __init__(
        self, handler: Callable[..., Any], event: dict[str, Any], context: Any, check: Callable[[Any], None]
    ) -> None:
        self.handler, self.event, self.context, self.check = handler, event, context, check
        self._ready: deque[dict[str, Any]] = deque()
        self.invocations = 0

    def prepare(self, n: int) -> None:
        self._ready.extend(copy.deepcopy(self.event) for _ in range(n))

    def __call__(self) -> Any:
        event = self._ready.popleft() if self._ready else copy.deepcopy(self.event)
        self.invocations += 1
        answer = self.handler(event, self.context)
        self.check(answer)
        return answer


class _Scenario:
    HOST, STORE, EMAIL = "shop.example", "s1", "ann@example.com"

    def __init__(self, gateway_class: Any, context_class: Any) -> None:
        from access_center.stores.storage import store_for_domain
        from tests.harness.support import Client, Shop

        self.context_class = context_class
        self.gateway = gateway_class(domain_lookup=store_for_domain)
        self.admin = Client(self.gateway, host="admin.internal")
        self.shop = Shop.create(self.admin, self.STORE, self.HOST)
        self.customer = Client(self.gateway, host=self.HOST)

    def _order(self, order_id: str, day: int, email: str | None = None) -> None:
        from datetime import UTC, datetime, timedelta

        from tests.harness.bodies import order_body

        # Placed hours ago, not days: an order older than a week on arrival is an import (no confirmation).
        placed = (datetime.now(UTC) - timedelta(hours=day)).strftime("%Y-%m-%dT%H:%M:%SZ")
        body = order_body(email=email or self.EMAIL, number=f"N{order_id}", placed_at=placed)
        reply = self.shop.put_order(order_id, body)
        assert reply.status == 201, reply.body

    def _event(
        self, method: str, path: str, body: Any = None, *, host: str | None = None
    ) -> tuple[Any, dict[str, Any], str]:
        import json

        from tests.harness.cookies import cookie_header

        host = host or (self.HOST if not path.startswith("/admin/") else "admin.internal")
        headers = [("Host", host), ("Content-Type", "application/json")]
        cookies = cookie_header(self.customer.cookies)
        if cookies and not path.startswith("/admin/"):
            headers.append(("Cookie", cookies))
        target, _, query = path.partition("?")
        found = self.gateway._route_for(host, method, target)
        assert found, path
        route, params = found
        raw = json.dumps(body).encode() if body is not None else b""
        event = self.gateway._event(route, params, method, target, query, headers, raw, "198.51.100.7", host)
        from devtools.emulator.gateway import load_handler

        return load_handler(self.gateway.functions[route.function]), event, route.function

    def _invoker(self, method: str, path: str, body: Any = None, expect: int = 200) -> Callable[[], Any]:
        handler, event, function = self._event(method, path, body)
        context = self.context_class(function)

        def check(answer: Any) -> None:
            if answer["statusCode"] != expect:
                raise AssertionError(f"{method} {path}: {answer['statusCode']} {answer.get('body')}")

        return Invoke(handler, event, context, check)

    def _record(
        self, warm_up: Callable[[], Any], invoke: Callable[[], Any]
    ) -> tuple[Callable[[], Any], list[Exchange]]:
        """The warm-up request is the store's first in this container (its tally forgotten), so it adds
        to the fair-share counter, whose answer then stands for every later add (Tape.counter); the
        recorded request right after it is a warm one, which adds nothing, whatever the clock says."""
        from access_center.web.fair_share import fair_share

        fair_share().forget()
        with TAPE.record() as first:
            warm_up()
        adds = [e for e in first if e.is_counter and e.status == 200]
        assert adds, "the store's first request in a container adds to its fair-share counter"
        TAPE.counter = adds[-1]
        with TAPE.record() as exchanges:
            invoke()
        assert not any(e.is_counter for e in exchanges), "the recorded request wrote the fair-share counter"
        return invoke, list(exchanges)

    def record_all(self) -> dict[str, tuple[Callable[[], Any], list[Exchange]]]:
        from access_center.account import sessions
        from access_center.login import codes as login
        from access_center.stores import logic as stores

        for i in range(25):
            self._order(f"o{i:02d}", i + 1)
        token = sessions.start(self.STORE, self.EMAIL)
        self.customer.cookies["cac_session"] = token
        recorded = {}
        # a warm-up request (imports, the host cache, clients, the counter), then the recorded one
        recorded["orders list"] = self._record(
            self._invoker("GET", "/store/account/api/orders"), self._invoker("GET", "/store/account/api/orders")
        )
        recorded["order detail"] = self._record(
            self._invoker("GET", "/store/account/api/orders/o01"),
            self._invoker("GET", "/store/account/api/orders/o02"),
        )
        self.customer.cookies.clear()
        recorded["otp send"] = self._record(
            self._invoker("POST", "/store/account/api/otp", {"email": "warm@example.com"}, 202),
            self._invoker("POST", "/store/account/api/otp", {"email": "new@example.com"}, 202),
        )
        store = stores.store_for_host(self.HOST)
        issued = login.issue_code(store, self.EMAIL, "203.0.113.9")
        code = login.code_for(self.STORE, self.EMAIL, issued.counter)
        recorded["otp verify"] = self._record(
            self._invoker(
                "POST", "/store/account/api/otp/verify", {"email": "warm@example.com", "code": "000000"}, 401
            ),
            self._invoker("POST", "/store/account/api/otp/verify", {"email": self.EMAIL, "code": code}),
        )
        path = f"/admin/stores/{self.STORE}/orders/%s/fulfilments/f1"
        recorded["fulfilment update"] = self._record(
            self._invoker("PUT", path % "o03", {"carrier": "UPS", "tracking_number": "1Z1"}),
            self._invoker("PUT", path % "o04", {"carrier": "UPS", "tracking_number": "1Z2"}),
        )
        return recorded

    def record_stream(self) -> tuple[Callable[[], Any], list[Exchange], int]:
        """A batch of 100 new-order records from the Orders stream for ChangeNoticesFunction."""
        import boto3

        from devtools.emulator import streams

        dynamodb = boto3.client("dynamodb", region_name="us-east-1")
        client = boto3.client("dynamodbstreams", region_name="us-east-1")
        arn = dynamodb.describe_table(TableName="OrdersTable")["Table"]["LatestStreamArn"]
        shard = client.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
        iterator = client.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="LATEST")["ShardIterator"]
        for i in range(100):
            self._order(f"batch{i:03d}", 1 + i % 28, email=f"buyer{i}@example.com")
        records = []
        while len(records) < 100:
            page = client.get_records(ShardIterator=iterator)
            records += [streams.lambda_record(r, arn, "us-east-1") for r in page["Records"]]
            iterator = page["NextShardIterator"]
        event = {"Records": records[:100]}
        fn = self.gateway.functions["ChangeNoticesFunction"]
        from devtools.emulator.gateway import load_handler

        handler = load_handler(fn)
        context = self.context_class(fn.name)

        def check(answer: Any) -> None:
            if answer.get("batchItemFailures"):
                raise AssertionError(f"the batch failed: {answer}")

        invoke = Invoke(handler, event, context, check)
        with TAPE.record() as exchanges:
            invoke()
        sent = sum(e.service == "sesv2" for e in exchanges)
        assert sent == len(event["Records"]), f"{sent} emails for {len(event['Records'])} new orders"
        return invoke, list(exchanges), len(event["Records"])


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=1))
