"""What AWS answers mean "not now" rather than "no": the one place that classifies them.

A transient failure (throttling, an AWS-side 5xx, a timeout, a dropped connection) can be retried as
it is; a lost race (a failed write condition, or DynamoDB cancelling a transaction because another one
touched the same item) means "read again and decide again" (access_center.db.transactions).
"""

from __future__ import annotations

from botocore.exceptions import ClientError, ConnectTimeoutError, HTTPClientError, ReadTimeoutError
from pynamodb.exceptions import PynamoDBException, TransactWriteError

# Answers from AWS that say "not now" rather than "no": the request can be retried as it is.
TRANSIENT_CODES = frozenset(
    {
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "Throttling",
        "RequestLimitExceeded",
        "TooManyRequestsException",
        "InternalServerError",
        "ServiceUnavailable",
        "TransactionConflictException",
        "TransactionInProgressException",
        "LimitExceededException",
    }
)


# Why DynamoDB cancelled a transaction, where sending it again as it is can succeed.
TRANSIENT_CANCELLATIONS = frozenset(
    {"ThrottlingError", "ProvisionedThroughputExceeded", "TransactionConflict", "RequestLimitExceeded"}
)
# Why DynamoDB cancels a write that another writer got in the way of: a condition (someone wrote
# first) or, when two transactions touch the same item at once, TransactionConflict. Both mean "read
# again and decide again". moto and DynamoDB Local serialise transactions and never answer the latter.
LOST_RACE_CANCELLATIONS = frozenset({"ConditionalCheckFailed", "TransactionConflict"})


def is_lost_race(error: PynamoDBException) -> bool:
    """A write's condition failed, or its transaction was cancelled for another writer's."""
    if isinstance(error, TransactWriteError):
        return any(r is not None and r.code in LOST_RACE_CANCELLATIONS for r in error.cancellation_reasons)
    return error.cause_response_code == "ConditionalCheckFailedException"


def is_transient(error: BaseException | None) -> bool:
    """Throttling, an AWS-side 5xx, a timeout or a dropped connection, however wrapped."""
    if error is None:
        return False
    if isinstance(error, TransactWriteError):
        reasons = {r.code for r in error.cancellation_reasons if r is not None}
        if reasons & TRANSIENT_CANCELLATIONS:
            return True
    if isinstance(error, PynamoDBException):
        # Not `cause_response_code`: it fails on a cause without an AWS answer (a timeout's `response`
        # is None), which turned a DynamoDB timeout into a 500.
        return is_transient(error.cause)
    if isinstance(error, ClientError):
        return error.response.get("Error", {}).get("Code") in TRANSIENT_CODES
    return isinstance(error, ConnectionError | HTTPClientError | ConnectTimeoutError | ReadTimeoutError)
