"""Write conflicts, and the one connection transactions share."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from pynamodb.connection import Connection
from pynamodb.exceptions import PynamoDBException, TransactWriteError
from pynamodb.transactions import TransactWrite

from access_center.core.config import settings


class WriteConflict(Exception):
    """A condition on a write did not hold (someone else wrote first, or the item already exists)."""


# Why DynamoDB cancels a transaction that another writer got in the way of: a condition (someone wrote
# first) or, when two transactions touch the same item at once, TransactionConflict. Both mean "read
# again and decide again". moto and DynamoDB Local serialise transactions and never answer the latter.
_LOST_RACE = frozenset({"ConditionalCheckFailed", "TransactionConflict"})


def is_condition_failure(error: PynamoDBException) -> bool:
    if isinstance(error, TransactWriteError):
        return any(r is not None and r.code in _LOST_RACE for r in error.cancellation_reasons)
    return error.cause_response_code == "ConditionalCheckFailedException"


@contextmanager
def conditional() -> Iterator[None]:
    """Turn a failed write condition into WriteConflict; anything else propagates."""
    try:
        yield
    except PynamoDBException as error:
        if is_condition_failure(error):
            raise WriteConflict(str(error)) from error
        raise


@cache
def _connection() -> Connection:
    cfg = settings()
    return Connection(region=cfg.region, host=cfg.dynamodb_endpoint, max_retry_attempts=3)


@contextmanager
def transaction() -> Iterator[TransactWrite]:
    with conditional(), TransactWrite(connection=_connection()) as tx:
        yield tx
