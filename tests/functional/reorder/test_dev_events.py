"""`GET /_dev/events` on the local server (`make dev`): what was published for store systems, in the
contract's shape (API.md section 6), oldest first; read-only."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.harness.bodies import order_body, store_settings
from tests.harness.catalog import product_body
from tests.harness.devserver import Browser, DevServer, connect_store

pytestmark = pytest.mark.slow("starts the local server")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevServer]:
    running = DevServer.launch(tmp_path_factory.mktemp("events"), "--no-seed").wait_ready()
    try:
        yield running
    finally:
        running.stop()


def _events(server: DevServer) -> list[dict[str, Any]]:
    answer = server.request("GET", "/_dev/events")
    assert answer.status == 200, answer.body
    assert answer.header("Content-Type") == "application/json"
    return list(answer.json())


def test_ordering_again_on_the_local_server_shows_up_in_dev_events(server: DevServer) -> None:
    assert _events(server) == []
    connect_store(server, "s1", "shop.localhost")
    settings = store_settings("Store s1", "shop.localhost", cart_url_template="https://shop.localhost/cart/{items}")
    assert server.admin_put("/admin/stores/s1", settings).status == 200
    assert server.admin_put("/admin/stores/s1/orders/o1", order_body()).status == 201
    assert server.admin_put("/admin/stores/s1/products/MUG-1", product_body()).status == 200
    ann = Browser(server, "shop.localhost")
    ann.login("ann@example.com")
    for _ in range(2):
        answer = ann.request("POST", "/api/orders/o1/reorder")
        assert answer.status == 200, answer.body
    first, second = _events(server)
    assert first["detail_type"] == second["detail_type"] == "ReorderStarted"
    assert first["detail"]["store_id"] == "s1"
    assert first["detail"]["order_id"] == "o1"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", first["time"])
    assert first["time"] <= second["time"]
    assert set(first) == {"detail_type", "detail", "time"}


def test_dev_events_is_read_only_and_for_this_machine_only(server: DevServer) -> None:
    assert server.request("POST", "/_dev/events").status == 405
    assert server.request("GET", "/_dev/events", host="attacker.example").status == 403
