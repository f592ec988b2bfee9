"""Fixtures: moto AWS with tables made from infra/template.yaml, the template's functions behind an
emulated API Gateway, and a cookie-keeping client per customer."""

from __future__ import annotations

import os

os.environ.update(
    {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "POWERTOOLS_METRICS_DISABLED": "true",
        "POWERTOOLS_DEV": "false",
    }
)
from devtools import localenv

os.environ.update(localenv.environment(server_secret="tests-only-secret-0123456789abcdef"))

from collections.abc import Iterator
from typing import Any

import pytest
from moto import mock_aws

from devtools import iam
from devtools.emulator.atomic import make_moto_atomic
from devtools.emulator.aws import verify_identities_at_once
from devtools.emulator.gateway import Gateway
from devtools.emulator.moto_copies import copy_less_in_moto
from devtools.emulator.moto_speed import speed_up_moto_serializer
from devtools.emulator.ses_tenants import emulate_ses_tenants
from tests.harness import world
from tests.harness.clock import Clock
from tests.harness.support import Client, Shop

# `--backend=moto|dynamodb-local` (env TEST_BACKEND): which DynamoDB the tests run against.
pytest_plugins = ["tests.harness.backends"]
make_moto_atomic()  # moto answers one call at a time, as DynamoDB applies each write atomically
speed_up_moto_serializer()  # the same answers, faster (devtools/emulator/moto_speed.py)
copy_less_in_moto()  # a transaction backs up the items it names, not its tables (moto_copies.py)
verify_identities_at_once()  # SES verifies a domain identity at once, as locally (API.md section 7)
emulate_ses_tenants()  # SES tenants, which moto lacks, as the local server has them
iam.install()  # each function's calls checked against its role in infra/template.yaml (devtools/iam.py)


@pytest.fixture
def aws() -> Iterator[None]:
    from access_center.stores import logic as stores
    from access_center.web.fair_share import fair_share

    with mock_aws():
        world.fresh()  # built through boto3 once per worker, then restored from moto's state (harness/world.py)
        stores._hosts.clear()
        fair_share().forget()  # each test's stores start with no requests counted (the tables are new)
        yield
        stores._hosts.clear()


@pytest.fixture
def gateway(aws: None) -> Gateway:
    from access_center.stores.storage import store_for_domain

    return Gateway(domain_lookup=store_for_domain)


@pytest.fixture
def admin(gateway: Gateway) -> Client:
    """A store system: calls the store-system routes."""
    return Client(gateway, host="admin.internal")


@pytest.fixture
def shop(admin: Client) -> Shop:
    """Store `s1` on shop.example with no path prefix (as Shop.create makes it; tests/harness/world.py)."""
    return world.shop(admin)


@pytest.fixture
def customer(gateway: Gateway, shop: Shop) -> Client:
    return Client(gateway, host="shop.example")


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    from access_center.core import clock as product_clock

    fake = Clock(product_clock.now())
    monkeypatch.setattr(product_clock, "now", lambda: fake.now)
    return fake


@pytest.fixture
def calls() -> Iterator[Any]:
    """The AWS calls the product makes while the test runs (devtools.awscalls), by operation."""
    from devtools.awscalls import Calls

    with Calls() as counted:
        yield counted


@pytest.fixture
def faults(aws: None, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Answer chosen AWS operations with AWS's errors, or act when they arrive (tests/harness/faults.py)."""
    from tests.harness import faults as injector

    return injector.install(monkeypatch)


_PRUNED_SEEN: set[str] = set()  # on pytest-xdist's controller: what its workers imported


def _pruned_imports() -> set[str]:
    import sys

    from devtools.packaging.lambda_artifacts import PRUNED_MODULES

    return {m for m in sys.modules if any(m == p or m.startswith(p + ".") for p in PRUNED_MODULES)}


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    """pytest-xdist's controller hears what each worker imported (the workers run the tests)."""
    _PRUNED_SEEN.update(getattr(node, "workeroutput", {}).get("pruned_imports", ()))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """The shared layer leaves out modules nothing imports (devtools.packaging.lambda_artifacts.PRUNED): a run
    that imported one means the deployed code could fail where the tests passed."""
    worker_output = getattr(session.config, "workeroutput", None)
    if worker_output is not None:  # a pytest-xdist worker: the controller judges
        worker_output["pruned_imports"] = sorted(_pruned_imports())
        return
    used = sorted(_pruned_imports() | _PRUNED_SEEN)
    if used:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        message = (
            f"imported modules the shipped layer leaves out (devtools/packaging/lambda_artifacts.py PRUNED): {used}"
        )
        if reporter:
            reporter.write_line(message, red=True)


# The longest files first (`sam build`, the fuzz run, the browser): with one worker per core and a
# file per worker, the run then ends on short files, and neither core waits long for the other.
_LONGEST_FIRST = ("tests/shipped/", "tests/contract/test_fuzz.py", "tests/e2e/")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        return next(
            (i for i, prefix in enumerate(_LONGEST_FIRST) if item.nodeid.startswith(prefix)), len(_LONGEST_FIRST)
        )

    items.sort(key=rank)  # stable: within a rank, collection order
