"""The functions' roles, enforced locally (devtools/iam.py): a call a function's policies do not allow
fails as AWS would fail it, so a missing permission shows in the tests and not in the first request in AWS
(moto and DynamoDB Local check no IAM). It found three: the orders stream's emails read the customer's
language from a table the consumer could not read, the message throttle read a counter it could only
write, and order again's throttle wrote a counter it could not."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from devtools import iam
from devtools.iam import Request, allowed, dynamodb_requests
from tests.harness.aws import aws_client


def test_an_action_is_allowed_only_on_the_tables_its_statement_names() -> None:
    assert allowed("ProductsFunction", Request("dynamodb:PutItem", "ProductsTable", None, ("s1#MUG-1",)))
    assert not allowed("ProductsFunction", Request("dynamodb:PutItem", "OrdersTable", None, ("s1#o1",)))
    assert not allowed("ProductsFunction", Request("dynamodb:Query", "ProductsTable", None, ("s1#MUG-1",)))


def test_leading_keys_conditions_hold_for_every_key() -> None:
    fair_share = Request("dynamodb:UpdateItem", "CodesTable", None, ("share#s1#2026-12-08T10:00",))
    assert allowed("CustomerReorderFunction", fair_share)
    assert allowed(
        "CustomerReorderFunction", Request("dynamodb:UpdateItem", "CodesTable", None, ("rate#reorder#s1#a",))
    )
    assert not allowed("CustomerReorderFunction", Request("dynamodb:UpdateItem", "CodesTable", None, ("s1#ann",)))
    assert not allowed("CustomerReorderFunction", Request("dynamodb:GetItem", "CodesTable", None, ("share#s1",)))


def test_an_index_is_its_own_resource() -> None:
    assert allowed("PagesFunction", Request("dynamodb:Query", "CustomersTable", "ByDelivery", ("s1#ann",)))
    assert not allowed("CustomerListsFunction", Request("dynamodb:Query", "CustomersTable", "ByDelivery", ("s1#a",)))


def test_a_transaction_needs_each_items_own_action() -> None:
    params = {
        "TransactItems": [
            {"Put": {"TableName": "CustomersTable", "Item": {"pk": {"S": "s1#ann"}, "sk": {"S": "cart#x"}}}},
            {"ConditionCheck": {"TableName": "OrdersTable", "Key": {"pk": {"S": "s1#o1"}, "sk": {"S": "order"}}}},
        ]
    }
    assert dynamodb_requests("TransactWriteItems", params) == [
        Request("dynamodb:PutItem", "CustomersTable", None, ("s1#ann",)),
        Request("dynamodb:ConditionCheckItem", "OrdersTable", None, ("s1#o1",)),
    ]


def test_a_query_is_authorised_by_the_partition_key_it_names() -> None:
    params = {
        "TableName": "CodesTable",
        "KeyConditionExpression": "#0 = :0 AND begins_with(#1, :1)",
        "ExpressionAttributeNames": {"#0": "pk", "#1": "sk"},
        "ExpressionAttributeValues": {":0": {"S": "rate#x"}, ":1": {"S": "a"}},
    }
    assert dynamodb_requests("Query", params) == [Request("dynamodb:Query", "CodesTable", None, ("rate#x",))]


@pytest.mark.usefixtures("aws")
def test_a_call_outside_the_role_fails_as_access_denied_and_one_inside_goes_through() -> None:
    iam.install()
    dynamodb = aws_client("dynamodb")
    with iam.as_function("ProductsFunction"):
        dynamodb.get_item(TableName="StoresTable", Key={"pk": {"S": "store#s1"}})
        with pytest.raises(ClientError) as refused:
            dynamodb.get_item(TableName="OrdersTable", Key={"pk": {"S": "s1#o1"}})
    assert refused.value.response["Error"]["Code"] == "AccessDeniedException"
    assert "ProductsFunction's role is not authorized to perform dynamodb:GetItem on OrdersTable" in str(refused.value)
    dynamodb.get_item(TableName="OrdersTable", Key={"pk": {"S": "s1#o1"}})  # no function: a test's own
