"""DynamoDB calls per route, warm (the container has resolved the store's host already): the budget the
benchmark reports against and tests/functional/db/test_call_budget.py asserts. Never a Scan."""

from __future__ import annotations

BUDGETS: dict[str, list[str]] = {
    # session (GetItem), then one Query of the customer's own partition: one page whatever the store's size
    "orders list": ["GetItem", "Query"],
    # session, then the order by its key (strongly consistent)
    "order detail": ["GetItem", "GetItem"],
    # per-IP counter (UpdateItem ADD), code state (GetItem), new code state (version-guarded PutItem)
    "otp send": ["UpdateItem", "GetItem", "PutItem"],
    # per-IP counter, code state, consumed code state, the new session with its entry under the customer's
    # key (one transaction: what erasure revokes), the customer's name: the profile's (API.md section 8:
    # it wins once set), else the first contact's
    "otp verify": ["UpdateItem", "GetItem", "PutItem", "TransactWriteItems", "GetItem", "GetItem"],
    # the order (strongly consistent), then order + list entries in one version-guarded transaction
    "fulfilment update": ["GetItem", "TransactWriteItems"],
    # session, the order by its key, then the products of its SKUs: one BatchGetItem per 100 distinct SKUs
    # (an order of 101 to 200 SKUs pays two), plus a retry of any keys DynamoDB left unprocessed
    "reorder preview": ["GetItem", "GetItem", "BatchGetItem"],
    # the same reads, the customer's hourly budget (one atomic UpdateItem, db.rates); then events:PutEvents
    # (not DynamoDB) tells the store
    "reorder start": ["GetItem", "GetItem", "BatchGetItem", "UpdateItem"],
    # session, the order (strongly consistent), then the request written into the order and its list
    # entries in one version-guarded transaction; a repeated request (double click) stops after the read
    "cancellation request": ["GetItem", "GetItem", "TransactWriteItems"],
    "cancellation request repeated": ["GetItem", "GetItem"],
    # the order, then the decision (and an approval's status) in one version-guarded transaction
    "cancellation decision": ["GetItem", "TransactWriteItems"],
    # session, the order, then the return written into the order with its index item (Returns table)
    # and the list entries in one version-guarded transaction
    "return request": ["GetItem", "GetItem", "TransactWriteItems"],
    # session, the order (the returns live in it)
    "returns list": ["GetItem", "GetItem"],
    # the return's index item (which order), the order, then one transaction
    "return update": ["GetItem", "GetItem", "TransactWriteItems"],
    # one Query of an index: by store and state, or by store
    "store returns list": ["Query"],
    # the order, then the event in its fulfilment (order + list entries) in one version-guarded transaction
    "tracking event": ["GetItem", "TransactWriteItems"],
}
# What host resolution adds on a cold container (or after STORE_CACHE_SECONDS): the domain item, the store.
HOST_LOOKUP = ["GetItem", "GetItem"]
# Every store-system request first reads its store: the account it pins (stores.callers).
CALLER_CHECK = ["GetItem"]
STORE_SYSTEM_ROUTES = frozenset(
    {"fulfilment update", "cancellation decision", "return update", "store returns list", "tracking event"}
)
# The store's fair-share counter (web.fair_share): one UpdateItem on the first request of a store in a
# container, then at most one a second or every FLUSH_HITS requests, so a warm request mostly makes none.
FAIR_SHARE = ["UpdateItem"]


def warm_request(route: str) -> list[str]:
    """A route's calls on a warm request that adds nothing to the counter (most of them): what `make
    bench` records and reports. The counter's UpdateItem comes on top once a second or every FLUSH_HITS
    requests of the store in the container; the bench counts how often (bench.replay)."""
    return [*CALLER_CHECK, *BUDGETS[route]] if route in STORE_SYSTEM_ROUTES else list(BUDGETS[route])


def first_request(route: str) -> list[str]:
    """A route's calls on the first request of its store in a container: what the tests count, since
    in a warm container whether a request adds the store's tally to its counter depends on the clock."""
    before = CALLER_CHECK + FAIR_SHARE if route in STORE_SYSTEM_ROUTES else FAIR_SHARE
    return [*before, *BUDGETS[route]]
