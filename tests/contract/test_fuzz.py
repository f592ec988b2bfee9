"""Fuzzing both APIs on the local server (`make dev`) from openapi.json, with schemathesis.

One server for the module (tests/harness/devserver.py): the demo store answers `Host: localhost`, a store `s1`
with order `1001` gives the store-system examples something to change, and a real session of
demo@example.com (its code read from the outbox) goes with the routes that declare the session
cookie; the pages' form posts carry a valid CSRF cookie and token, so they get past the CSRF check.

Every operation of openapi.json gets its explicit examples, schemathesis's coverage cases (boundary
values, missing, wrong-typed and extra fields, methods the route does not have) and generated cases,
positive and negative, each sent over HTTP and held to:
- no 5xx;
- the answer is documented: status code, content type, required headers, body schema (the models
  are closed: an undocumented field fails);
- every 4xx/5xx JSON body is the contract's error shape, `{"error", "message", "details"?}`.

The run is derandomized (the same cases every time) so it cannot flake; FUZZ_EXAMPLES sets the
generated cases per operation, FUZZ_SEED=<n> makes a random run to explore. The module asserts at
least 1,500 cases in all and prints the count, time and answers per operation (`pytest -s`).
Bugs found are pinned in tests/contract/test_found_by_fuzzing.py.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, seed, settings
from schemathesis.core.failures import Failure
from schemathesis.generation.meta import CoverageScenario

from tests.harness.bodies import order_body
from tests.harness.devserver import Browser, DevServer, connect_store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES") or 15)
SEED = os.environ.get("FUZZ_SEED")
MIN_CASES = 1500
DEMO_EMAIL = "demo@example.com"

schema = schemathesis.openapi.from_path(ROOT / "openapi.json")
OPERATIONS = sum(1 for _ in schema.get_all_operations())

CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_headers_conformance,
    schemathesis.checks.response_schema_conformance,
]


@dataclass
class Target:
    server: DevServer
    session: str  # cac_session of demo@example.com
    csrf_seed: str  # cac_csrf cookie
    csrf_token: str  # the pages' form token for that seed
    http: requests.Session = field(default_factory=requests.Session)
    answers: Counter[tuple[str, int]] = field(default_factory=Counter)
    seconds: Counter[str] = field(default_factory=Counter)
    started: float = field(default_factory=time.monotonic)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"

    def report(self) -> str:
        total = sum(self.answers.values())
        lines = [f"fuzz: {total} cases, {len(self.seconds)} operations, {time.monotonic() - self.started:.0f} s"]
        for label in sorted(self.seconds):
            answers = ", ".join(f"{s}: {n}" for (op, s), n in sorted(self.answers.items()) if op == label)
            lines.append(f"  {label:76} {self.seconds[label]:5.1f} s  {answers}")
        return "\n".join(lines)


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    server = DevServer.launch(tmp_path_factory.mktemp("fuzz")).wait_ready()
    try:
        connect_store(server, "s1", "shop.example.com")
        assert server.admin_put("/admin/stores/s1/orders/1001", order_body(number="1001")).status == 201
        browser = Browser(server, "localhost")
        browser.login(DEMO_EMAIL)
        page = browser.request("GET", "/login")
        token = re.search(r'name="csrf" value="([^"]+)"', page.body.decode())
        assert token, page.body
        found = Target(server, browser.cookies["cac_session"], browser.cookies["cac_csrf"], token.group(1))
        yield found
        print("\n" + found.report())
        if len(found.seconds) == OPERATIONS:  # the whole module ran, not a -k selection
            assert sum(found.answers.values()) >= MIN_CASES, found.report()
    finally:
        server.stop()


def contract_error_shape(ctx: Any, response: Any, case: schemathesis.Case) -> bool | None:
    """A 4xx or 5xx JSON answer is `{"error": str, "message": str, "details"?: list}`, nothing else."""
    content_type = response.headers.get("content-type") or [""]
    if response.status_code < 400 or not content_type[0].startswith("application/json"):
        return None
    body = json.loads(response.content)
    if not (
        isinstance(body, dict)
        and isinstance(body.get("error"), str)
        and isinstance(body.get("message"), str)
        and set(body) <= {"error", "message", "details"}
        and isinstance(body.get("details", []), list)
    ):
        raise Failure(
            operation=case.operation.label,
            title="Not the contract's error shape",
            message=f'{{"error", "message", "details"?}} expected, got {body}',
        )
    return True


def _unspecified_method(case: schemathesis.Case) -> bool:
    """A coverage case sending a method the route does not have (TRACE, PATCH...)."""
    data = case.meta.phase.data if case.meta is not None else None
    return getattr(data, "scenario", None) == CoverageScenario.UNSPECIFIED_HTTP_METHOD


def _fuzz(case: schemathesis.Case, target: Target) -> None:
    raw = case.operation.definition.raw
    cookies = {}
    if {"session": []} in raw.get("security", []):
        cookies["cac_session"] = target.session
    form = raw.get("requestBody", {}).get("content", {}).get("application/x-www-form-urlencoded")
    if form is not None:
        cookies["cac_csrf"] = target.csrf_seed
        if isinstance(case.body, dict) and "csrf" in case.body:
            case.body["csrf"] = target.csrf_token  # past the CSRF check, into the page's own logic
    started = time.monotonic()
    response = case.call(
        base_url=target.url,
        session=target.http,
        headers={"Host": "localhost"},
        cookies=cookies,
        allow_redirects=False,
        timeout=30,
    )
    target.seconds[case.operation.label] += time.monotonic() - started
    target.answers[(case.operation.label, response.status_code)] += 1
    if _unspecified_method(case):
        # The route does not document other methods: only no 5xx, and the error shape.
        case.validate_response(response, checks=[schemathesis.checks.not_a_server_error, contract_error_shape])
    else:
        case.validate_response(response, checks=CHECKS, additional_checks=[contract_error_shape])


# A valid order (up to 500 lines) is a big write, a stream event and an order email: the slowest
# operation by far. Its schema's coverage cases (about 500 requests, 100 s of CI) are left out; half the
# generated cases run, and its boundaries are pinned by tests/functional/web/test_bad_input.py,
# test_found_by_fuzzing.py and the hostile bodies below (nesting, huge numbers, calendar ends).
ORDER_PUT = "PUT /admin/stores/{store_id}/orders/{order_id}"
FUZZ_SETTINGS = settings(
    deadline=None,
    derandomize=SEED is None,
    database=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.generate],
)


def _seeded(test: Any) -> Any:
    return seed(int(SEED))(test) if SEED else test


@schema.exclude(name=ORDER_PUT).parametrize()
@settings(FUZZ_SETTINGS, max_examples=EXAMPLES)
@_seeded
def test_api(case: schemathesis.Case, target: Target) -> None:
    _fuzz(case, target)


@schema.include(name=ORDER_PUT).parametrize()
@settings(FUZZ_SETTINGS, max_examples=max(1, EXAMPLES // 2), phases=[Phase.generate])
@_seeded
def test_order_ingest(case: schemathesis.Case, target: Target) -> None:
    _fuzz(case, target)


# Shapes a generator seldom reaches that once gave 500s: nesting past the interpreter's stack, an
# integer over Python's 4,300-digit limit, and timestamps whose UTC conversion leaves years 1..9999.
HOSTILE_TIMESTAMPS = ("9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59.999999-00:01")
PATH_VALUES = {
    "store_id": "s1",
    "order_id": "1001",
    "fulfilment_id": "f1",
    "sku": "MUG-1",
    "return_id": "ret_0",
    "invoice_id": "inv_0",
    "attachment_id": "att_0",
    "address_id": "a0000000000000000",
    "company_id": "c1",
    "list_id": "w0000000000000000",
    "cart_id": "cart1",
    "quote_id": "q1",
    "registry_id": "r0000000000000000",
    "entry_id": "pts1",
}


def _timestamp_paths(
    schema_part: Any, components: dict[str, Any], path: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    """Where a body schema takes a date-time (`items.0.x` for arrays), following `$ref`s."""
    if not isinstance(schema_part, dict):
        return
    if "$ref" in schema_part:
        yield from _timestamp_paths(components[schema_part["$ref"].rsplit("/", 1)[-1]], components, path)
        return
    if schema_part.get("format") == "date-time":
        yield path
    for key in ("anyOf", "oneOf", "allOf"):
        for option in schema_part.get(key, []):
            yield from _timestamp_paths(option, components, path)
    for name, sub in (schema_part.get("properties") or {}).items():
        yield from _timestamp_paths(sub, components, (*path, name))
    if "items" in schema_part:
        yield from _timestamp_paths(schema_part["items"], components, (*path, "0"))


def _nest(path: tuple[str, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    return [_nest(rest, value)] if head == "0" else {head: _nest(rest, value)}


def _hostile_cases() -> Iterator[tuple[str, str, str]]:
    spec = json.loads((ROOT / "openapi.json").read_text())
    components = spec["components"]["schemas"]
    for route, methods in spec["paths"].items():
        for method, operation in methods.items():
            if method not in ("get", "put", "post", "patch", "delete"):
                continue  # `parameters` shared by the path's operations
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body is None:
                continue
            label = f"{method.upper()} {route}"
            yield label, "nested-1000-deep", '{"x": ' + "[" * 1000 + "]" * 1000 + "}"
            yield label, "5000-digit-integer", '{"x": ' + "9" * 5000 + "}"
            for where in _timestamp_paths(body["schema"], components):
                for stamp in HOSTILE_TIMESTAMPS:
                    yield label, f"{'.'.join(where)}={stamp}", json.dumps(_nest(where, stamp))


HOSTILE = list(_hostile_cases())


@pytest.mark.parametrize(("operation", "shape", "raw"), HOSTILE, ids=[f"{op} {shape}" for op, shape, _ in HOSTILE])
def test_hostile_bodies_are_a_4xx_in_the_contract_shape(target: Target, operation: str, shape: str, raw: str) -> None:
    method, route = operation.split(" ", 1)
    path = re.sub(r"\{(\w+)\}", lambda m: PATH_VALUES[m.group(1)], route)
    headers = {"Host": "localhost", "Content-Type": "application/json"}
    answer = target.http.request(
        method, target.url + path, data=raw.encode(), headers=headers,
        cookies={"cac_session": target.session}, timeout=30,
    )  # fmt: skip
    assert 400 <= answer.status_code < 500, (operation, shape, answer.status_code, answer.text[:300])
    body = answer.json()
    assert set(body) <= {"error", "message", "details"}, body
    assert body["error"], body
    assert body["message"], body
