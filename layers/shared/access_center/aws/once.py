"""At most once per key: Powertools idempotency on the idempotency table, for the two mailers.

Powertools' DynamoDBPersistenceLayer creates its DynamoDB client in its constructor, so building it at
import put a client's creation (~150 ms of CPU on 3.13: botocore's endpoint and service data) into every
cold start of the change-notices and login-code functions. Here the layer, and the idempotent wrapper
around each guarded function, are built on the first call and kept for the container, as every other
AWS client of the product is (access_center.aws.ses, .events, .sqs; PynamoDB's connection).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, wraps
from typing import Any, TypeVar

from aws_lambda_powertools.utilities.idempotency import DynamoDBPersistenceLayer, IdempotencyConfig, idempotent_function

from access_center.core.config import settings
from access_center.core.timeouts import budget

_Result = TypeVar("_Result")


@cache
def _client() -> Any:
    import boto3

    return boto3.client(
        "dynamodb",
        region_name=settings().region,
        endpoint_url=settings().dynamodb_endpoint,
        config=budget("dynamodb").client_config(),
    )


@cache
def persistence(config: IdempotencyConfig) -> DynamoDBPersistenceLayer:
    """The persistence layer of one configuration: a layer keeps the first configuration it is given
    (key expression, expiry), so functions guarded with different ones must not share it."""
    return DynamoDBPersistenceLayer(table_name=settings().idempotency_table, boto3_client=_client())


def at_most_once(
    *, key_argument: str, config: IdempotencyConfig, key_prefix: str
) -> Callable[[Callable[..., _Result]], Callable[..., _Result]]:
    """Powertools' `idempotent_function` (the key is the keyword argument `key_argument`), applied on
    the first call. `key_prefix` keeps keys stable across function renames and versions."""

    def decorate(function: Callable[..., _Result]) -> Callable[..., _Result]:
        @cache
        def guarded() -> Callable[..., _Result]:
            wrapper: Callable[..., _Result] = idempotent_function(
                data_keyword_argument=key_argument,
                persistence_store=persistence(config),
                config=config,
                key_prefix=key_prefix,
            )(function)
            return wrapper

        @wraps(function)
        def call(**kwargs: Any) -> _Result:
            return guarded()(**kwargs)

        return call

    return decorate
