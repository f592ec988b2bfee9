"""Which DynamoDB the tests run against: moto (default) or DynamoDB Local, AWS's own engine.

    pytest                              # moto for everything
    pytest --backend=dynamodb-local     # DynamoDB Local for DynamoDB (and its streams); moto for the rest
    TEST_BACKEND=dynamodb-local pytest  # the same

Loaded as a plugin (`-p tests.harness.backends` in pyproject's addopts) so the backend is fixed before any test
module imports access_center: its settings are read once, and PynamoDB's models take their endpoint
(`DYNAMODB_ENDPOINT`) when access_center.db.connection is first imported. On DynamoDB Local the engine
is started once per run on a free loopback port; `AWS_ENDPOINT_URL_DYNAMODB(_STREAMS)` point every
other DynamoDB client there too (the tests' own boto3 clients, Powertools' idempotency layer), and
moto, still mocking SES, SQS, API Gateway and the rest, lets those requests through (moto intercepts
only AWS's own hostnames). Each test starts with the template's tables new and empty.

Markers (and the fixtures in MOTO_FIXTURES, which imply moto):
- `moto_only("why")`: the test reads moto's internals or relies on moto's behaviour; skipped on
  DynamoDB Local with that reason.
- `real_dynamodb("why")`: the test pins DynamoDB's behaviour where moto differs; skipped on moto.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import pytest

from devtools.awscalls import Call, Calls
from tests.harness.aws import aws_client

BACKENDS = ("moto", "dynamodb-local")
# Fixtures that work at moto's edge: tests using them run on moto only (tests/harness/faults.py answers
# chosen operations with AWS's errors from inside moto; DynamoDB Local answers for itself).
MOTO_FIXTURES = frozenset({"faults"})
_engine: Any = None


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--backend",
        choices=BACKENDS,
        default=os.environ.get("TEST_BACKEND") or "moto",
        help="DynamoDB for the tests: moto (default) or dynamodb-local (AWS's engine; env TEST_BACKEND)",
    )


def pytest_configure(config: pytest.Config) -> None:
    global _engine
    config.addinivalue_line("markers", "moto_only(reason): runs on the moto backend only, for the reason given")
    config.addinivalue_line(
        "markers", "slow(why): a test of seconds (a hundred requests and more); `make test` runs it, test-fast not"
    )
    config.addinivalue_line(
        "markers", "real_dynamodb(reason): pins DynamoDB behaviour moto does not have; DynamoDB Local only"
    )
    backend = config.getoption("--backend")
    os.environ["TEST_BACKEND"] = backend
    from devtools import awscalls

    awscalls.install()  # before the product creates its clients, so tests can count their calls
    if backend != "dynamodb-local" or _engine is not None or _distributes(config):
        return
    if "access_center.db.connection" in sys.modules:
        raise pytest.UsageError("access_center was imported before the backend was chosen")
    from devtools.emulator.dynamodb_local import DynamoDBLocal

    _engine = DynamoDBLocal().start()
    for name in ("DYNAMODB_ENDPOINT", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_DYNAMODB_STREAMS"):
        os.environ[name] = _engine.endpoint
    os.environ["DEV_DYNAMODB_LOCAL"] = "1"  # the local servers the tests launch run on DynamoDB Local too


def _distributes(config: pytest.Config) -> bool:
    """Whether this process is pytest-xdist's controller: it hands tests to workers and runs none, so
    each worker starts its own engine (tables are reset per test; workers must not share them)."""
    return bool(getattr(config.option, "numprocesses", None)) and not hasattr(config, "workerinput")


def pytest_unconfigure(config: pytest.Config) -> None:
    global _engine
    if _engine is not None:
        _engine.stop()
        _engine = None
        for name in ("DYNAMODB_ENDPOINT", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_DYNAMODB_STREAMS"):
            os.environ.pop(name, None)
        os.environ.pop("DEV_DYNAMODB_LOCAL", None)


def pytest_report_header(config: pytest.Config) -> str:
    where = f" at {_engine.endpoint} ({_engine.jar_version()})" if _engine is not None else ""
    return f"DynamoDB backend: {config.getoption('--backend')}{where}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    backend = config.getoption("--backend")
    for item in items:
        if backend != "moto" and MOTO_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.skip(reason=f"moto only: uses {sorted(MOTO_FIXTURES)} (moto's edge)"))
        only = item.get_closest_marker("moto_only")
        if only is not None and backend != "moto":
            item.add_marker(pytest.mark.skip(reason=f"moto only: {_reason(only)}"))
        real = item.get_closest_marker("real_dynamodb")
        if real is not None and backend == "moto":
            item.add_marker(pytest.mark.skip(reason=f"DynamoDB Local only: {_reason(real)}"))


def _reason(marker: pytest.Mark) -> str:
    return str(marker.args[0] if marker.args else marker.kwargs.get("reason", "(no reason given)"))


def backend() -> str:
    return os.environ.get("TEST_BACKEND") or "moto"


def on_dynamodb_local() -> bool:
    return _engine is not None


_WRITES = frozenset({"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"})


class _Writes(Calls):
    """The tables this process wrote to since the last reset (botocore's before-call, devtools.awscalls):
    on DynamoDB Local a test's reset empties only those (each table's Scan and each streamed table's
    re-creation were 0.12 s of every test, a third of the pass's time). None: unknown, reset all."""

    def record(self, call: Call) -> None:
        if call.service == "dynamodb" and call.operation in _WRITES:
            self.calls.append(call)

    def tables(self) -> set[str] | None:
        names: set[str] = set()
        for call in self.calls:
            if call.table is None:
                return None
            names.update(call.table.split(","))
        return names


_written: _Writes | None = None


def create_tables(dynamodb: Any, definitions: dict[str, dict[str, Any]]) -> None:
    """The template's tables, new and empty, for one test: created in moto (a fresh mock each test),
    or, on the run's DynamoDB Local, those written since the last reset emptied (a streamed one deleted
    and created again: a new stream). Every test's writes run in this process (the product in-process
    behind the emulated gateway); a test whose local server (a subprocess) writes runs on moto only."""
    global _written
    if _engine is not None:
        written = _written.tables() if _written is not None else None
        if _written is not None:
            _written.__exit__(None, None, None)
        _engine.reset_tables(definitions, dynamodb, only=written)
        _written = _Writes().__enter__()
    else:
        for spec in definitions.values():
            dynamodb.create_table(**spec)


def data_items(table: str) -> list[dict[str, Any]]:
    """Every item of a table but the fair-share counters (access_center.db.shares): a request let
    through is counted against its store even when it changes nothing else."""
    return [item for item in table_items(table) if not item.get("pk", {}).get("S", "").startswith("share#")]


def table_items(table: str) -> list[dict[str, Any]]:
    """Every item of a table, on either backend: a test harness may scan (the product never does)."""

    client = aws_client("dynamodb")
    items: list[dict[str, Any]] = []
    for page in client.get_paginator("scan").paginate(TableName=table, ConsistentRead=True):
        items.extend(page["Items"])
    return items
