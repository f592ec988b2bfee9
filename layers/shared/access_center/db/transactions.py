"""Write conflicts, and the one connection transactions share."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from pynamodb.connection import Connection
from pynamodb.exceptions import PynamoDBException
from pynamodb.transactions import TransactWrite

from access_center.aws.transient import is_lost_race
from access_center.core.config import settings


class WriteConflict(Exception):
    """A condition on a write did not hold (someone else wrote first, or the item already exists)."""


@contextmanager
def conditional() -> Iterator[None]:
    """Turn a failed write condition into WriteConflict; anything else propagates."""
    try:
        yield
    except PynamoDBException as error:
        if is_lost_race(error):
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
