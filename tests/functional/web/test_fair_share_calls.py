"""What the fair share costs a warm container in DynamoDB calls, as `make bench` records and reports it
(bench.budgets.warm_request, bench.replay's counter adds per 100 requests): after a store's first
request, a request adds nothing to the store's counter until FLUSH_HITS requests wait or a second has
passed, so a busy store's requests pay one counter UpdateItem in FLUSH_HITS + 1. (The add that finds
the item on another minute, or none, moves it first: up to two more conditional UpdateItems, db.shares.)"""

from __future__ import annotations

import pytest

from access_center.web.fair_share import FLUSH_HITS, FLUSH_SECONDS
from bench.budgets import FAIR_SHARE, warm_request
from devtools.awscalls import Calls
from tests.harness.bodies import order_body
from tests.harness.clock import Clock
from tests.harness.support import Client, Shop, fresh_tallies, mapped_without_reads

pytestmark = pytest.mark.usefixtures("aws")
ANN = "ann@example.com"


@pytest.fixture
def ann(shop: Shop, customer: Client) -> Client:
    shop.login(customer, ANN)
    return mapped_without_reads(customer)


def _counter_adds(calls: Calls) -> int:
    return calls.by_table()[("UpdateItem", "CodesTable")]


def test_a_warm_store_system_request_is_the_caller_check_and_its_route(shop: Shop, calls: Calls, clock: Clock) -> None:
    for order_id in ("o1", "o2"):
        assert shop.put_order(order_id, order_body(email=ANN, number=order_id)).status == 201
    fresh_tallies(calls)
    assert shop.fulfil("o1", "f1", {"carrier": "UPS"}).status == 200
    assert calls.operations()[: 1 + len(FAIR_SHARE)] == ["GetItem", *FAIR_SHARE]  # the store, then its counter
    calls.clear()
    assert shop.fulfil("o2", "f1", {"carrier": "UPS"}).status == 200
    assert calls.operations() == warm_request("fulfilment update")


def test_a_busy_store_adds_to_its_counter_once_in_flush_hits_requests(ann: Client, calls: Calls, clock: Clock) -> None:
    assert ann.get("/store/account/api/orders").status == 200  # the counter item is on this minute now
    fresh_tallies(calls)
    assert ann.get("/store/account/api/orders").status == 200
    assert _counter_adds(calls) == 1  # the store's first request in this container
    calls.clear()
    for _ in range(FLUSH_HITS):
        assert ann.get("/store/account/api/orders").status == 200
    assert _counter_adds(calls) == 0
    assert calls.operations()[-2:] == warm_request("orders list")
    assert ann.get("/store/account/api/orders").status == 200
    assert _counter_adds(calls) == 1  # FLUSH_HITS were waiting: this request adds them


def test_a_quiet_store_adds_to_its_counter_once_a_second(ann: Client, calls: Calls, clock: Clock) -> None:
    clock.advance(60 - clock.now % 60 + 1)  # a second into a minute: the flushes below stay in it
    fresh_tallies(calls)
    assert ann.get("/store/account/api/orders").status == 200
    assert ann.get("/store/account/api/orders").status == 200
    calls.clear()
    clock.advance(FLUSH_SECONDS / 2)
    assert ann.get("/store/account/api/orders").status == 200
    assert _counter_adds(calls) == 0
    clock.advance(FLUSH_SECONDS / 2)
    assert ann.get("/store/account/api/orders").status == 200
    assert _counter_adds(calls) == 1
