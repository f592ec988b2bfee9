"""Each function's role, enforced locally: a function may make only the AWS calls its template's policies
allow, as AWS enforces them, so a missing permission fails a test (AccessDenied, which the product answers
as AWS would make it: a 500) instead of the first request in AWS. moto and DynamoDB Local check no IAM.

`install()` (idempotent, before the product creates its clients) adds a `before-parameter-build` handler to
every botocore client; the emulator runs each handler under `as_function(name)` (devtools.emulator.gateway's
load_handler). Calls made outside any function (a test's own setup, the emulator's stream poller) are not
checked. What is checked:
- DynamoDB, exactly: the IAM action of each request (a transaction's items one by one: PutItem,
  UpdateItem, DeleteItem, ConditionCheckItem; TransactGetItems as GetItem), the table or index, and the
  partition key values for `dynamodb:LeadingKeys` conditions (`ForAllValues:StringLike`);
- other services: the action (`ses:SendEmail`, `events:PutEvents`, ...) is in one of the function's Allow
  statements, whatever their resources (S3 prefixes, SES identities and queues are pinned by
  tests/contract/test_template.py).
"""

from __future__ import annotations

import contextvars
import fnmatch
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

from devtools import template

_function: contextvars.ContextVar[str | None] = contextvars.ContextVar("iam_function", default=None)
_installed = False
_lock = threading.Lock()
# Services whose IAM actions are not `{prefix}:{operation}` (API Gateway's are HTTP verbs on paths).
_UNCHECKED_SERVICES = {"apigateway", "apigatewayv2"}
# Operations whose IAM actions are others: botocore builds a presigned POST with CreateBucket's model (the
# product creates no bucket), and a copy reads its source and writes its target.
_OTHER_ACTIONS = {
    ("s3", "CreateBucket"): ("s3:PutObject",),
    ("s3", "CopyObject"): ("s3:GetObject", "s3:PutObject"),
}
_TRANSACT_ACTIONS = {
    "Put": "PutItem",
    "Update": "UpdateItem",
    "Delete": "DeleteItem",
    "ConditionCheck": "ConditionCheckItem",
}


@dataclass(frozen=True)
class _Grant:
    actions: tuple[str, ...]  # patterns, `dynamodb:GetItem` or `dynamodb:*`
    tables: tuple[tuple[str, str | None], ...]  # (table, index or None; "*" any index); empty: not DynamoDB
    leading_keys: tuple[str, ...] | None  # StringLike patterns, or None: any key


@dataclass(frozen=True)
class Request:
    """One IAM authorisation a call needs: `dynamodb:PutItem` on a table (or index) with these keys."""

    action: str
    table: str | None = None
    index: str | None = None
    keys: tuple[str, ...] = ()


@contextmanager
def as_function(name: str) -> Iterator[None]:
    """Run what follows as the function `name` (its role's permissions)."""
    token = _function.set(name)
    try:
        yield
    finally:
        _function.reset(token)


def _table_of(resource: Any) -> tuple[str, str | None] | None:
    """(table, index) for a DynamoDB table or index ARN as the template writes it; None for others."""
    if isinstance(resource, dict) and "Fn::GetAtt" in resource:
        name, attribute = resource["Fn::GetAtt"]
        return (name, None) if attribute == "Arn" else None
    if isinstance(resource, dict) and isinstance(resource.get("Fn::Sub"), str):
        found = re.fullmatch(r"\$\{(\w+)\.Arn\}/index/(.+)", resource["Fn::Sub"])
        return (found.group(1), found.group(2)) if found else None
    return None


def _statements(policies: list[Any]) -> Iterator[dict[str, Any]]:
    for policy in policies:
        if isinstance(policy, dict) and "Fn::If" in policy:  # either branch may be deployed
            yield from _statements([branch for branch in policy["Fn::If"][1:] if isinstance(branch, dict)])
        elif isinstance(policy, dict) and "Statement" in policy:
            yield from policy["Statement"]


@cache
def _grants(function: str) -> tuple[_Grant, ...]:
    fn = template.resources(template.load(), "AWS::Serverless::Function")[function]
    found = []
    for statement in _statements(fn["Properties"].get("Policies", [])):
        if statement.get("Effect") != "Allow":
            continue
        actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
        resources = statement.get("Resource", [])
        resources = resources if isinstance(resources, list) else [resources]
        tables = tuple(t for t in (_table_of(r) for r in resources) if t is not None)
        like = statement.get("Condition", {}).get("ForAllValues:StringLike", {}).get("dynamodb:LeadingKeys")
        found.append(_Grant(tuple(actions), tables, tuple(like) if like is not None else None))
    return tuple(found)


def allowed(function: str, request: Request) -> bool:
    for grant in _grants(function):
        if not any(fnmatch.fnmatchcase(request.action, pattern) for pattern in grant.actions):
            continue
        if request.table is None:
            return True
        if not any(t == request.table and (i == request.index or i == "*") for t, i in grant.tables):
            continue
        if grant.leading_keys is None or all(
            any(fnmatch.fnmatchcase(key, pattern) for pattern in grant.leading_keys) for key in request.keys
        ):
            return True
    return False


@cache
def _hash_keys() -> dict[str, str]:
    return {
        name: next(k["AttributeName"] for k in spec["KeySchema"] if k["KeyType"] == "HASH")
        for name, spec in template.table_definitions().items()
    }


def _key_value(table: str, attributes: dict[str, Any] | None) -> tuple[str, ...]:
    value = (attributes or {}).get(_hash_keys().get(table, ""), {})
    return tuple(str(v) for v in value.values()) if isinstance(value, dict) else ()


def _queried_key(table: str, params: dict[str, Any]) -> tuple[str, ...]:
    """The partition key value a Query's KeyConditionExpression compares (`#n = :v`)."""
    names, values = params.get("ExpressionAttributeNames", {}), params.get("ExpressionAttributeValues", {})
    hash_key = _hash_keys().get(table)
    for name, value in re.findall(r"(#\w+|\w+)\s*=\s*(:\w+)", params.get("KeyConditionExpression", "")):
        if names.get(name, name) == hash_key and value in values:
            return tuple(str(v) for v in values[value].values())
    return ()


def dynamodb_requests(operation: str, params: dict[str, Any]) -> list[Request]:
    """The authorisations a DynamoDB call needs."""
    if operation == "TransactWriteItems":
        return [
            Request(
                f"dynamodb:{_TRANSACT_ACTIONS[kind]}",
                body["TableName"],
                None,
                _key_value(body["TableName"], body.get("Key") or body.get("Item")),
            )
            for entry in params.get("TransactItems", [])
            for kind, body in entry.items()
        ]
    if operation == "TransactGetItems":
        return [
            Request("dynamodb:GetItem", e["Get"]["TableName"], None, _key_value(e["Get"]["TableName"], e["Get"]["Key"]))
            for e in params.get("TransactItems", [])
        ]
    if operation in ("BatchGetItem", "BatchWriteItem"):
        found = []
        for table, body in params.get("RequestItems", {}).items():
            entries = body.get("Keys", []) if operation == "BatchGetItem" else body
            keys: list[str] = []
            for entry in entries:
                attributes = (
                    entry
                    if operation == "BatchGetItem"
                    else (entry.get("PutRequest", {}).get("Item") or entry.get("DeleteRequest", {}).get("Key"))
                )
                keys += _key_value(table, attributes)
            found.append(Request(f"dynamodb:{operation}", table, None, tuple(keys)))
        return found
    table = params.get("TableName")
    if table is None:
        return [Request(f"dynamodb:{operation}")]
    if operation in ("Query", "Scan"):
        queried = _queried_key(table, params) if operation == "Query" else ()
        return [Request(f"dynamodb:{operation}", table, params.get("IndexName"), queried)]
    return [Request(f"dynamodb:{operation}", table, None, _key_value(table, params.get("Key") or params.get("Item")))]


def _refuse(function: str, request: Request, operation: str) -> None:
    from botocore.exceptions import ClientError

    where = f" on {request.table}" + (f"/index/{request.index}" if request.index else "") if request.table else ""
    keys = f" for keys {list(request.keys)}" if request.keys else ""
    message = f"{function}'s role is not authorized to perform {request.action}{where}{keys} (infra/template.yaml)"
    raise ClientError({"Error": {"Code": "AccessDeniedException", "Message": message}}, operation)


def _check(params: dict[str, Any] | None = None, model: Any = None, **_: Any) -> None:
    function = _function.get()
    if function is None or model is None or params is None:
        return
    service = model.service_model
    if service.service_name in _UNCHECKED_SERVICES:
        return
    if service.service_name == "dynamodb":
        requests = dynamodb_requests(model.name, params)
    else:
        actions = _OTHER_ACTIONS.get((service.service_name, model.name), (f"{service.signing_name}:{model.name}",))
        requests = [Request(action) for action in actions]
    for request in requests:
        if not allowed(function, request):
            _refuse(function, request, model.name)


def attach(client: Any) -> Any:
    client.meta.events.register("before-parameter-build", _check, unique_id="devtools.iam")
    return client


def install() -> None:
    """Check every client created from now on (each botocore client, whoever creates it)."""
    global _installed
    with _lock:
        if _installed:
            return
        from botocore.session import Session

        original: Callable[..., Any] = Session.create_client

        def create_client(self: Session, *args: Any, **kwargs: Any) -> Any:
            return attach(original(self, *args, **kwargs))

        Session.create_client = create_client
        _installed = True
