"""One `make dev` server and one Chromium for every browser test module (each test uses its own
customer, so they do not disturb each other); a fresh desktop page per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import playwright.sync_api as playwright_api
import pytest

from tests.harness.browser import CHROMIUM, CHROMIUM_ARGS, DESKTOP, accepting
from tests.harness.devserver import DevServer


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevServer]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is required for the browser tests (apt-get install chromium); not at {CHROMIUM}")
    workdir = tmp_path_factory.mktemp("browser-server")
    # Every browser test signs in from 127.0.0.1, about 120 code emails in one run: past the product's 60
    # an hour per client address (tested in tests/functional/login/test_abuse.py) the rest would be 429s.
    running = DevServer.launch(workdir, env={"IP_SENDS_PER_HOUR": "1000"}).wait_ready()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Any]:
    """Playwright's one sync driver: a second `sync_playwright()` inside it fails, so a test that needs a
    browser with other flags launches it from this one."""
    with playwright_api.sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def chromium(playwright: Any) -> Iterator[Any]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


@pytest.fixture
def page(chromium: Any, server: DevServer) -> Iterator[Any]:
    context = chromium.new_context(viewport=DESKTOP, base_url=f"http://localhost:{server.port}", **accepting())
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
