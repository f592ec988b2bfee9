"""Scaling on DynamoDB Local: a customer's order list and detail with 10, 1,000 and 30,000 orders beside
100,000 other orders of the same store. Run in its own process (`python -m bench.scaling`): the
product's DynamoDB endpoint is fixed when access_center is first imported.

The data is written directly (BatchWriteItem of the Customers table's list entries and the Orders
items, 25 a call, several threads), in the shapes access_center.orders.storage writes (each entry's
search text and status key from access_center.orders.search; the newest OPEN orders of each customer on
their way, in the ByDelivery index). The requests go through the CustomerOrdersFunction handler behind
the emulated API Gateway, on AWS's engine; each DynamoDB call is asked for ReturnConsumedCapacity and
the ScannedCount and capacity of a request's Queries are summed: items read per page.

Search cases (issue 16): a text search that matches nothing (the worst page: it reads until its read
budget or the end of the history), one that matches the customer's oldest order (found only by reading
on: the walk through every page is timed once), a one-day range (a key condition), and the list by
expected delivery (the sparse index).
"""

from __future__ import annotations

import json
import os
import secrets
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

SIZES = tuple(int(n) for n in os.environ.get("BENCH_SIZES", "10,1000,30000").split(","))
OTHERS = int(os.environ.get("BENCH_OTHERS", "100000"))
OTHER_CUSTOMERS = 20_000
STORE, HOST = "s1", "shop.example"
REQUESTS = 40
THREADS = 3
OPEN = 5  # each customer's newest orders still on their way (in the ByDelivery index)


def _entry(email: str, order_id: str, placed_at: str, on_its_way: bool) -> dict[str, Any]:
    """A list entry as orders.storage writes it, for an order of two lines (its own SKU, and a mug)."""
    from access_center.orders import search

    order = {"number": f"N{order_id}", "status": "processing", "placed_at": placed_at}
    order["items"] = [{"sku": f"SKU-{order_id}", "name": "Espresso beans"}, {"sku": "MUG-1", "name": "Mug"}]
    entry = {
        "pk": {"S": f"{STORE}#{email}"},
        "sk": {"S": f"order#{placed_at}#{order_id}"},
        "summary": {
            "M": {
                "order_id": {"S": order_id},
                "number": {"S": f"N{order_id}"},
                "placed_at": {"S": placed_at},
                "currency": {"S": "EUR"},
                "total": {"N": "4422"},
                "status": {"S": "processing"},
                "fulfilment_status": {"S": "unfulfilled"},
                "item_count": {"N": "3"},
            }
        },
        "search": {"S": search.search_text(order)},
        "status_key": {"S": search.status_key(order)},
    }
    if on_its_way:
        entry["delivery_sort"] = {"S": f"~#{placed_at}#{order_id}"}
    return entry


def _order_doc(email: str) -> dict[str, Any]:
    """One order document in DynamoDB JSON, shared by the items written for an email (serialised once:
    the load is bound by this process's CPU, not by DynamoDB Local)."""
    from boto3.dynamodb.types import TypeSerializer

    from tests.harness.bodies import order_body

    body = order_body(email=email, number="N0", placed_at="2026-11-20T10:00:00Z")
    body["fulfilments"] = []
    return dict(TypeSerializer().serialize(body))


def _order_item(order_id: str, email: str, doc: dict[str, Any], now: str) -> dict[str, Any]:
    return {
        "pk": {"S": f"{STORE}#{order_id}"},
        "store_id": {"S": STORE},
        "order_id": {"S": order_id},
        "order": doc,
        "listed_for": {"SS": [email]},
        "created_at": {"S": now},
        "updated_at": {"S": now},
        "version": {"N": "1"},
    }


def _owner(customers: dict[str, int], index: int) -> tuple[str, int]:
    """The customer whose orders are numbered `index` onwards in the load, and the order's number."""
    for email, n in customers.items():
        if index < n:
            return email, index
        index -= n
    raise IndexError(index)


def _placed(i: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(1_700_000_000 + i * 60))


def _load(endpoint: str, customers: dict[str, int]) -> float:
    import boto3
    from botocore.config import Config

    now = "2026-11-20T10:00:00Z"
    local = threading.local()

    def client() -> Any:
        if not hasattr(local, "client"):
            local.client = boto3.client(
                "dynamodb", endpoint_url=endpoint, region_name="us-east-1", config=Config(max_pool_connections=THREADS)
            )
        return local.client

    docs = {email: _order_doc(email) for email in customers}
    # The other orders are never read, only there: a small document each keeps the load short.
    other_doc = {"M": {"number": {"S": "N0"}, "email": {"S": "other@example.com"}}}

    def rows(start: int, stop: int) -> None:
        entries, orders = [], []
        for i in range(start, stop):
            if i < OTHERS:
                order_id, email, on_its_way = f"x{i:06d}", f"other{i % OTHER_CUSTOMERS}@example.com", False
            else:
                email, j = _owner(customers, i - OTHERS)
                order_id, on_its_way = f"{email.split('@')[0]}-{j:05d}", j >= customers[email] - OPEN
            entries.append(_entry(email, order_id, _placed(i), on_its_way))
            orders.append(_order_item(order_id, email, docs.get(email, other_doc), now))
        for table, items in (("CustomersTable", entries), ("OrdersTable", orders)):
            for k in range(0, len(items), 25):
                requests = [{"PutRequest": {"Item": item}} for item in items[k : k + 25]]
                while requests:
                    answer = client().batch_write_item(RequestItems={table: requests})
                    requests = answer.get("UnprocessedItems", {}).get(table, [])

    total = OTHERS + sum(customers.values())
    started = time.monotonic()
    chunk = 500
    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(lambda s: rows(s, min(s + chunk, total)), range(0, total, chunk)))
    return time.monotonic() - started


def main() -> dict[str, Any]:
    from devtools import localenv, template
    from devtools.emulator.dynamodb_local import DynamoDBLocal
    from devtools.emulator.gateway import SHARED

    if str(SHARED) not in sys.path:  # the shared layer, as Lambda puts it on the path
        sys.path.insert(0, str(SHARED))
    engine = DynamoDBLocal().start()
    try:
        os.environ.update(localenv.environment(server_secret=secrets.token_hex(32)))
        os.environ.update(
            {"AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local", "STORE_CACHE_SECONDS": "86400"}
        )
        os.environ.update({"POWERTOOLS_METRICS_DISABLED": "true", "POWERTOOLS_LOG_LEVEL": "WARNING"})
        for name in ("DYNAMODB_ENDPOINT", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_DYNAMODB_STREAMS"):
            os.environ[name] = engine.endpoint
        # Without the Orders stream: nothing consumes it here, and it would slow the load.
        tables = {
            name: {k: v for k, v in spec.items() if k != "StreamSpecification"}
            for name, spec in template.table_definitions().items()
        }
        engine.create_tables(tables)
        customers = {f"c{n}@example.com": n for n in SIZES}
        load_seconds = _load(engine.endpoint, customers)
        return {"load_seconds": round(load_seconds, 1), "others": OTHERS, **_measure(customers)}
    finally:
        engine.stop()


def _measure(customers: dict[str, int]) -> dict[str, Any]:
    from botocore.session import Session

    from devtools.emulator.gateway import Gateway

    reads: list[tuple[str, int | None, float | None]] = []
    original = Session.create_client

    def ask_capacity(params: dict[str, Any], **_: Any) -> None:
        params["ReturnConsumedCapacity"] = "TOTAL"

    def keep(parsed: dict[str, Any], model: Any, **_: Any) -> None:
        capacity = (parsed.get("ConsumedCapacity") or {}).get("CapacityUnits")
        reads.append((model.name, parsed.get("ScannedCount"), capacity))

    def create_client(self: Session, *args: Any, **kwargs: Any) -> Any:
        client = original(self, *args, **kwargs)
        for op in ("Query", "GetItem"):
            client.meta.events.register(f"before-parameter-build.dynamodb.{op}", ask_capacity)
            client.meta.events.register(f"after-call.dynamodb.{op}", keep)
        return client

    Session.create_client = create_client  # type: ignore[method-assign]

    from access_center.account import sessions
    from access_center.core import clock, cursor
    from access_center.orders import storage as orders_db
    from access_center.stores import storage as stores_db
    from tests.harness.bodies import store_settings
    from tests.harness.support import Client

    record = stores_db.put_settings(STORE, store_settings(), clock.iso(clock.now()))
    stores_db.connect_domain(record, HOST, "", None)
    gateway = Gateway(domain_lookup=stores_db.store_for_domain)
    # Every (size, page) is warmed, then timed one request at a time in rounds over all of them, so
    # whatever else the machine does lands on every size alike.
    cases = []
    for email, n in customers.items():
        client = Client(gateway, host=HOST, cookies={"cac_session": sessions.start(STORE, email)})
        partition = orders_db.customer_key(STORE, email)
        middle = _placed(OTHERS + sum(v for v in customers.values() if v < n) + n // 2)
        middle_sk = f"order#{middle}#"
        pages = {
            "first page": "/store/account/api/orders",
            "middle page": "/store/account/api/orders?cursor=" + cursor.encode(partition, middle_sk + "~"),
            "detail": f"/store/account/api/orders/{email.split('@')[0]}-{n // 2:05d}",
            "search, no match": "/store/account/api/orders?q=no-such-product",
            "one day": f"/store/account/api/orders?from={middle[:10]}&to={middle[:10]}",
            "by expected delivery": "/store/account/api/orders?sort=expected_delivery",
        }
        for label, path in pages.items():
            assert client.get(path).status == 200, path  # warm (host cache, clients)
            cases.append((n, label, client, path))
    timings: dict[tuple[int, str], list[float]] = {(n, label): [] for n, label, _, _ in cases}
    counted: dict[tuple[int, str], tuple[int | None, float | None]] = {}
    for _ in range(REQUESTS):
        for n, label, client, path in cases:
            reads.clear()
            started = time.perf_counter()
            reply = client.get(path)
            timings[(n, label)].append(time.perf_counter() - started)
            assert reply.status == 200, reply.body
            counted[(n, label)] = _read(reads, label)
    results: dict[str, Any] = {"sizes": {}}
    for (n, label), values in timings.items():
        scanned, capacity = counted[(n, label)]
        results["sizes"].setdefault(str(n), {})[label] = {
            "ms": round(statistics.median(values) * 1000, 2),
            "items_read": scanned if scanned is not None else 1,
            "capacity_units": capacity,
        }
    # A search that only the customer's oldest order matches, page after page to the end, once.
    for email, n in customers.items():
        client = Client(gateway, host=HOST, cookies={"cac_session": sessions.start(STORE, email)})
        query = f"/store/account/api/orders?q=sku-{email.split('@')[0]}-00000"
        requests, items, units, found, started, next_cursor = 0, 0, 0.0, [], time.perf_counter(), None
        while True:
            reads.clear()
            reply = client.get(query + (f"&cursor={next_cursor}" if next_cursor else ""))
            assert reply.status == 200, reply.body
            requests += 1
            scanned, capacity = _read(reads, "search")
            items, units = items + (scanned or 0), units + (capacity or 0)
            found += reply.json()["orders"]
            next_cursor = reply.json()["next_cursor"]
            if next_cursor is None:
                break
        assert len(found) == 1, found
        results["sizes"][str(n)]["search to the end"] = {
            "ms": round((time.perf_counter() - started) * 1000, 1),
            "requests": requests,
            "items_read": items,
            "capacity_units": round(units, 1),
        }
    results["read_budget"] = orders_db.READ_BUDGET
    return results


def _read(reads: list[tuple[str, int | None, float | None]], label: str) -> tuple[int | None, float | None]:
    """Items read and capacity of one request: its order GetItem (the detail), or its Queries summed."""
    if label == "detail":
        got = [r for r in reads if r[0] == "GetItem"]
        return got[-1][1:] if got else (None, None)
    queries = [r for r in reads if r[0] == "Query"]
    if not queries:
        return None, None
    return sum(r[1] or 0 for r in queries), sum(r[2] or 0 for r in queries)


if __name__ == "__main__":
    json.dump(main(), sys.stdout, indent=1)
    sys.stdout.write("\n")
