"""One `make dev` server and one Chromium for every browser test module (each test uses its own
customer, so they do not disturb each other); a fresh desktop page per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import playwright.sync_api as playwright_api
import pytest

from tests.harness.browser import CHROMIUM, CHROMIUM_ARGS, DESKTOP
from tests.harness.devserver import DevServer


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevServer]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is required for the browser tests (apt-get install chromium); not at {CHROMIUM}")
    workdir = tmp_path_factory.mktemp("browser-server")
    running = DevServer.launch(workdir).wait_ready()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium: Any, server: DevServer) -> Iterator[Any]:
    context = chromium.new_context(viewport=DESKTOP, base_url=f"http://localhost:{server.port}")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
