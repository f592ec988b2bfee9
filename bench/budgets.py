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
    # per-IP counter, code state, consumed code state, new session, the contact's name
    "otp verify": ["UpdateItem", "GetItem", "PutItem", "PutItem", "GetItem"],
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
