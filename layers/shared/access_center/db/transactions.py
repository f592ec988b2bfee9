"""Write conflicts, and the one connection transactions share."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from pynamodb.exceptions import PynamoDBException
from pynamodb.transactions import TransactWrite

from access_center.aws.transient import is_lost_race
from access_center.db.connection import connection


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


@contextmanager
def transaction() -> Iterator[TransactWrite]:
    with conditional(), TransactWrite(connection=connection()) as tx:
        yield tx
