"""DynamoDB JSON values (`{"S": ...}`, `{"M": ...}`, stream images, raw Query items) as Python values.

Decoding is boto3's TypeDeserializer in the copy Powertools ships (the same code, already loaded by the
stream consumers; boto3's own would import boto3 into functions that otherwise use botocore only). It
reads every number as a Decimal; the code downstream, like PynamoDB reading an untyped map, wants whole
numbers as int (money, quantities, counts), so `whole_numbers` turns those into ints and leaves any
fraction a Decimal, which an integer field refuses.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from aws_lambda_powertools.shared.dynamodb_deserializer import TypeDeserializer

_deserializer = TypeDeserializer()


def whole_numbers(value: Any) -> Any:
    """`value` (already decoded) with every whole Decimal, in maps and lists at any depth, as an int."""
    if isinstance(value, Decimal):
        return int(value) if value.is_finite() and value == value.to_integral_value() else value
    if isinstance(value, Mapping):
        return {key: whole_numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [whole_numbers(item) for item in value]
    return value


def plain(value: dict[str, Any]) -> Any:
    """One DynamoDB JSON value as Python, whole numbers as int. Raises on what is not DynamoDB JSON."""
    return whole_numbers(_deserializer.deserialize(value))
