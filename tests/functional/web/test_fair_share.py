"""Fair shares (access_center.web.fair_share): no store's traffic can exhaust what another store's
customers are served. The limiter's window and flush rules on the test clock with the real counter
(moto's DynamoDB); a flood through the emulated API Gateway; DynamoDB throttling the counter."""

from __future__ import annotations

from typing import Any

import pytest

from access_center.core.errors import RateLimited
from access_center.db.shares import WINDOW_SECONDS, add_hits
from access_center.web.fair_share import FLUSH_HITS, FairShare, fair_share
from devtools.emulator.gateway import Gateway
from devtools.localenv import LOCAL_PLATFORM_PRINCIPAL
from tests.harness.backends import table_items
from tests.harness.clock import Clock
from tests.harness.support import Client, Shop

pytestmark = pytest.mark.usefixtures("aws")
START = 1_800_000_000.0  # a minute's start: 30,000,000 x 60


class Counted:
    """The real counter (db.shares.add_hits on the tests' DynamoDB), with the calls it got."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int, int]] = []

    def __call__(self, store_id: str, window: int, hits: int) -> Any:
        self.calls.append((store_id, window, hits))
        return add_hits(store_id, window, hits)


def _limiter(clock: Clock, counter: Any = None, **kw: Any) -> FairShare:
    return FairShare(counter or add_hits, now=lambda: clock.now, **kw)


def _admitted(limiter: FairShare, store_id: str, share: int, n: int) -> int:
    admitted = 0
    for _ in range(n):
        try:
            limiter.admit(store_id, share)
        except RateLimited:
            continue
        admitted += 1
    return admitted


def _counter_items() -> dict[str, dict[str, Any]]:
    return {item["pk"]["S"]: item for item in table_items("CodesTable") if item["pk"]["S"].startswith("share#")}


def test_one_container_serves_exactly_the_share_then_429_with_retry_after(clock: Clock) -> None:
    clock.now = START + 30
    limiter = _limiter(clock)
    assert _admitted(limiter, "s1", 100, 150) == 100
    with pytest.raises(RateLimited) as refused:
        limiter.admit("s1", 100)
    # This minute alone is over: not before it ends, and until enough of it has slid out of the window.
    assert 30 <= refused.value.retry_after <= 90


def test_the_counter_is_written_once_a_second_or_every_flush_hits_not_per_request(clock: Clock) -> None:
    clock.now = START
    counter = Counted()
    limiter = _limiter(clock, counter)
    limiter.admit("s1", 10_000)  # the first request of a store asks the counter at once
    assert counter.calls == [("s1", 30_000_000, 1)]
    for _ in range(FLUSH_HITS - 1):
        limiter.admit("s1", 10_000)
    assert len(counter.calls) == 1  # within the second, fewer than FLUSH_HITS kept here
    limiter.admit("s1", 10_000)  # the FLUSH_HITS-th unsent hit is added before the next request is judged
    limiter.admit("s1", 10_000)
    assert counter.calls[1] == ("s1", 30_000_000, FLUSH_HITS)
    clock.advance(1.0)
    limiter.admit("s1", 10_000)  # a second later the one unsent hit goes
    assert counter.calls[2] == ("s1", 30_000_000, 1)
    assert _counter_items()["share#s1"]["hits"] == {"N": str(FLUSH_HITS + 2)}


def test_two_containers_share_one_count_within_the_over_shoot_bound(clock: Clock) -> None:
    clock.now = START + 5
    first, second = _limiter(clock), _limiter(clock)
    admitted = 0
    for _ in range(300):  # the containers take turns, as a load balancer spreads one store's requests
        clock.advance(0.05)
        admitted += _admitted(first, "s1", 200, 1) + _admitted(second, "s1", 200, 1)
    assert 200 <= admitted <= 200 + 2 * FLUSH_HITS


def test_the_window_slides_the_previous_minute_out(clock: Clock) -> None:
    clock.now = START + 50
    limiter = _limiter(clock)
    assert _admitted(limiter, "s1", 100, 100) == 100
    clock.now = START + WINDOW_SECONDS + 15  # a quarter into the next minute: 75 of the previous still count
    assert _admitted(limiter, "s1", 100, 100) == 25
    clock.now = START + WINDOW_SECONDS + 45  # three quarters in: 25 of them count, plus this minute's 25
    assert _admitted(limiter, "s1", 100, 100) == 50
    clock.now = START + 3 * WINDOW_SECONDS  # two minutes on: nothing of the old minutes counts
    assert _admitted(limiter, "s1", 100, 10) == 10


def test_another_containers_previous_minute_counts_here_too(clock: Clock) -> None:
    clock.now = START + 59
    assert _admitted(_limiter(clock), "s1", 100, 100) == 100  # at most FLUSH_HITS of them left unsent
    clock.now = START + WINDOW_SECONDS + 1  # a new container, a new minute: it hears the previous one
    late = _limiter(clock)
    assert _admitted(late, "s1", 100, 100) <= FLUSH_HITS + 2


def test_each_store_has_its_own_counter_and_share(clock: Clock) -> None:
    clock.now = START
    limiter = _limiter(clock)
    assert _admitted(limiter, "s1", 50, 80) == 50
    assert _admitted(limiter, "s2", 50, 50) == 50  # s1's flood took nothing of s2's
    assert _admitted(limiter, "s3", 500, 80) == 80  # a store the platform gave more
    items = _counter_items()
    assert set(items) == {"share#s1", "share#s2", "share#s3"}
    assert 50 - FLUSH_HITS <= int(items["share#s1"]["hits"]["N"]) <= 50  # the rest wait for the next add


def test_a_throttled_counter_fails_open_on_what_the_container_knows(clock: Clock, faults: Any) -> None:
    clock.now = START
    limiter = _limiter(clock)
    with faults.throttle("dynamodb", "UpdateItem", table="CodesTable"):
        # Never an error for the counter: this container still holds the store to its share alone.
        assert _admitted(limiter, "s1", 30, 50) == 30
    assert "share#s1" not in _counter_items()
    clock.advance(1.0)
    with pytest.raises(RateLimited):
        limiter.admit("s1", 30)  # the kept hits reach the counter once it answers
    assert _counter_items()["share#s1"]["hits"] == {"N": "30"}


# ---------------------------------------------------------------- through the APIs


@pytest.fixture
def two_stores(admin: Client) -> tuple[Shop, Shop]:
    flood = Shop.create(admin, "flood", "flood.example", verify_sender=False)
    calm = Shop.create(admin, "calm", "calm.example", verify_sender=False)
    flood.pin(None, requests_per_minute=60)  # calm keeps the deployment's STORE_REQUESTS_PER_MINUTE
    flood.put_order("f1", email="ann@example.com")
    calm.put_order("c1", email="bea@example.com")
    return flood, calm


@pytest.mark.slow("two hundred requests")
def test_one_store_floods_and_gets_429s_while_another_stores_customers_are_all_served(
    two_stores: tuple[Shop, Shop], gateway: Gateway
) -> None:
    flood, calm = two_stores
    flooder = Client(gateway, host="flood.example", ip="203.0.113.9")
    customer = Client(gateway, host="calm.example", ip="198.51.100.20")
    flood.login(flooder, "ann@example.com")
    calm.login(customer, "bea@example.com")
    flooded, served = [], []
    for _ in range(100):  # well past the flooding store's 60 a minute
        flooded.append(flooder.get("/store/account/api/orders"))
        served.append(customer.get("/store/account/api/orders/c1").status)
    statuses = [reply.status for reply in flooded]
    assert statuses.count(200) <= 60  # its share (two requests of it already went to setting it up)
    assert statuses.count(429) >= 40
    refused = next(reply for reply in flooded if reply.status == 429)
    assert refused.json()["error"] == "rate_limited"
    assert int(refused.header("Retry-After")) >= 1
    assert served == [200] * 100  # well within its own share, whatever the other store does


def test_store_system_requests_count_against_their_store_too(two_stores: tuple[Shop, Shop], gateway: Gateway) -> None:
    flood, calm = two_stores
    statuses = [flood.put_order(f"o{i}").status for i in range(70)]
    assert statuses.count(429) >= 8
    page = Client(gateway, host="flood.example").get("/store/account/login")
    assert page.status == 429  # the store's customers share its share: the branded page says wait
    assert "text/html" in page.header("Content-Type")
    assert page.header("Retry-After")
    assert calm.put_order("c2").status == 201
    assert Client(gateway, host="calm.example").get("/store/account/login").status == 200


def test_the_platform_raises_a_stores_share(two_stores: tuple[Shop, Shop], gateway: Gateway) -> None:
    flood, _ = two_stores
    headers = {"Host": "admin.internal", "Content-Type": "application/json"}
    raised = gateway.request(
        "PUT", "/admin/stores/flood/platform", headers=headers, body='{"requests_per_minute": 1000}',
        caller_arn=LOCAL_PLATFORM_PRINCIPAL,
    )  # fmt: skip
    assert raised.json()["requests_per_minute"] == 1000
    fair_share().forget()  # what a new container sees (this one's host cache is cleared by the change)
    assert [flood.put_order(f"o{i}").status for i in range(80)].count(429) == 0
