"""The DynamoDB connection every stored item and transaction uses, and where each item lives.

The item classes are with their features (stores.items, orders.items, login.items); their key schemas
match infra/template.yaml (tests/contract/test_template.py pins every one of them).

| table     | hash key                         | range key                          | item              |
|-----------|----------------------------------|------------------------------------|-------------------|
| Stores    | `store#{store_id}`               |                                    | store settings    |
| Stores    | `domain#{host}`                  |                                    | domain -> store   |
| Orders    | `{store_id}#{order_id}`          |                                    | the order (stream)|
| Customers | `{store_id}#{email}`             | `contact`                          | first contact     |
| Customers | `{store_id}#{email}`             | `order#{placed_at}#{order_id}`     | list entry        |
| Customers | `{store_id}#browser#{session}`   | `browser`                          | sticky session    |
| Codes     | `{store_id}#{email}`             |                                    | login code state  |
| Codes     | `rate#{kind}#{ip}#{hour}`        |                                    | per-IP counter    |
| Sessions  | sha256(token)                    |                                    | customer session  |
| Products  | `{store_id}#{sku}`               |                                    | catalog product   |
| Returns   | `{store_id}#{return_id}`         | (indexes: by store+status, store)  | a return's index  |
"""

from __future__ import annotations

from functools import cache

from pynamodb.connection import Connection

from access_center.core.config import settings
from access_center.core.timeouts import budget

_cfg = settings()
# PynamoDB builds its botocore client itself: its retries count after the first attempt.
_budget = budget("dynamodb")


class ItemMeta:
    """Connection settings every item's Meta inherits (the endpoint is DynamoDB Local's in tests)."""

    region = _cfg.region
    host = _cfg.dynamodb_endpoint
    connect_timeout_seconds = _budget.connect_seconds
    read_timeout_seconds = _budget.read_seconds
    max_retry_attempts = _budget.attempts - 1


@cache
def connection() -> Connection:
    """The one connection transactions share (models keep their own, configured by ItemMeta)."""
    return Connection(
        region=_cfg.region,
        host=_cfg.dynamodb_endpoint,
        connect_timeout_seconds=_budget.connect_seconds,
        read_timeout_seconds=_budget.read_seconds,
        max_retry_attempts=_budget.attempts - 1,
    )
