"""Store systems without a role per store: any AWS principal may sign, the store pins its AWS account
(`aws_account_id`, set by the platform only), and the caller check admits the platform's principals
everywhere and a pinned account's principals on that one store (access_center.stores.callers).

Every store-system route of the template is tried, so a route added later is checked too."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from aws_lambda_powertools.utilities.data_classes.common import APIGatewayEventIdentity

from access_center.stores.callers import may_address
from access_center.stores.storage import StoreRecord
from devtools import template
from devtools.emulator.gateway import STORE_API, Gateway, Reply
from devtools.localenv import LOCAL_PLATFORM_PRINCIPAL
from tests.harness.backends import data_items
from tests.harness.support import Client, Shop

OWN = "111111111111"
OTHER = "222222222222"
OWN_ROLE = f"arn:aws:sts::{OWN}:assumed-role/erp-sync/push"
OWN_USER = f"arn:aws:iam::{OWN}:user/integrations/erp"
OTHER_ROLE = f"arn:aws:sts::{OTHER}:assumed-role/erp-sync/push"
STORE_ROUTES = sorted(
    (route.method, route.path)
    for function in template.functions().values()
    for route in function.routes
    if route.api == STORE_API
)


def _path(path: str, store_id: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: store_id if m.group(1) == "store_id" else "x1", path)


def _call(gateway: Gateway, caller: str, method: str, path: str, body: Any = None) -> Reply:
    headers = {"Host": "admin.internal", "Content-Type": "application/json"}
    payload = json.dumps(body) if body is not None else ("{}" if method in ("PUT", "POST") else None)
    return gateway.request(method, path, headers=headers, body=payload, caller_arn=caller)


def _stored() -> str:
    return json.dumps({name: sorted(map(str, data_items(name))) for name in template.table_definitions()})


@pytest.fixture
def stores(admin: Client) -> tuple[Shop, Shop]:
    """s1 pinned to OWN, s2 pinned to OTHER; neither verifies a sending domain (no SES here)."""
    s1 = Shop.create(admin, "s1", "one.example", verify_sender=False)
    s2 = Shop.create(admin, "s2", "two.example", verify_sender=False)
    s1.pin(OWN)
    s2.pin(OTHER)
    return s1, s2


def test_every_store_system_route_is_checked() -> None:
    assert len(STORE_ROUTES) >= 20
    assert all("{store_id}" in path for _, path in STORE_ROUTES)


@pytest.mark.parametrize(("method", "path"), STORE_ROUTES)
def test_a_caller_of_another_account_is_refused_on_every_route_and_nothing_is_written(
    stores: tuple[Shop, Shop], gateway: Gateway, method: str, path: str
) -> None:
    before = _stored()
    for caller in (OTHER_ROLE, f"arn:aws:iam::{OTHER}:user/erp", "arn:aws:sts::333333333333:assumed-role/x/y"):
        reply = _call(gateway, caller, method, _path(path, "s1"))
        assert reply.status == 403, (caller, reply.body)
        assert reply.json()["error"] == "forbidden"
    assert _stored() == before


@pytest.mark.parametrize(("method", "path"), STORE_ROUTES)
def test_the_pinned_account_reaches_its_own_store_and_no_other(
    stores: tuple[Shop, Shop], gateway: Gateway, method: str, path: str
) -> None:
    own = _call(gateway, OWN_ROLE, method, _path(path, "s1"))
    assert own.status != 403 or (path.endswith("/platform") and method == "PUT"), own.body
    before = _stored()
    other = _call(gateway, OWN_ROLE, method, _path(path, "s2"))
    assert other.status == 403, other.body
    assert _stored() == before


@pytest.mark.parametrize(("method", "path"), STORE_ROUTES)
def test_the_platform_addresses_every_store(
    stores: tuple[Shop, Shop], gateway: Gateway, method: str, path: str
) -> None:
    for store_id in ("s1", "s2"):
        assert _call(gateway, LOCAL_PLATFORM_PRINCIPAL, method, _path(path, store_id)).status != 403


def test_a_store_without_a_pinned_account_is_the_platforms_only(admin: Client, gateway: Gateway) -> None:
    Shop.create(admin, "s3", "three.example", verify_sender=False)
    order = {"path": "/admin/stores/s3/orders/o1"}
    for caller in (OWN_ROLE, OTHER_ROLE, OWN_USER):
        assert _call(gateway, caller, "PUT", order["path"]).status == 403
        assert _call(gateway, caller, "GET", "/admin/stores/s3/platform").status == 403
    # Unset fields are left out of the answer (its schema has no nulls: test_fuzz holds it to it).
    assert _call(gateway, LOCAL_PLATFORM_PRINCIPAL, "GET", "/admin/stores/s3/platform").json() == {"store_id": "s3"}


def test_only_the_platform_creates_a_store(gateway: Gateway) -> None:
    from tests.harness.bodies import store_settings

    before = _stored()
    for caller in (OWN_ROLE, OTHER_ROLE):
        assert _call(gateway, caller, "PUT", "/admin/stores/new1", store_settings()).status == 403
    assert _stored() == before
    assert _call(gateway, LOCAL_PLATFORM_PRINCIPAL, "PUT", "/admin/stores/new1", store_settings()).status == 200


def test_the_platform_pins_and_moves_a_stores_account(stores: tuple[Shop, Shop], gateway: Gateway) -> None:
    from tests.harness.bodies import order_body

    pinned = _call(gateway, LOCAL_PLATFORM_PRINCIPAL, "PUT", "/admin/stores/s1/platform", {"aws_account_id": OTHER})
    assert pinned.status == 200, pinned.body
    assert pinned.json() == {"store_id": "s1", "aws_account_id": OTHER}
    # At once, in this container and every other: the store is read on each request, never cached.
    assert _call(gateway, OWN_ROLE, "PUT", "/admin/stores/s1/orders/o1", order_body()).status == 403
    assert _call(gateway, OTHER_ROLE, "PUT", "/admin/stores/s1/orders/o1", order_body()).status == 201
    assert _call(gateway, OTHER_ROLE, "GET", "/admin/stores/s1/platform").json()["aws_account_id"] == OTHER
    unpinned = _call(gateway, LOCAL_PLATFORM_PRINCIPAL, "PUT", "/admin/stores/s1/platform", {})
    assert "aws_account_id" not in unpinned.json()
    assert _call(gateway, OTHER_ROLE, "PUT", "/admin/stores/s1/orders/o1", order_body()).status == 403


@pytest.mark.parametrize(
    "body",
    [{"aws_account_id": OTHER}, {"aws_account_id": OWN}, {}, {"aws_account_id": OWN, "requests_per_minute": 100000}],
)
def test_a_store_caller_cannot_set_or_change_its_account_or_share(
    stores: tuple[Shop, Shop], gateway: Gateway, body: dict[str, Any]
) -> None:
    before = _stored()
    for caller in (OWN_ROLE, OWN_USER):
        reply = _call(gateway, caller, "PUT", "/admin/stores/s1/platform", body)
        assert reply.status == 403, reply.body
        assert reply.json()["error"] == "forbidden"
    assert _stored() == before


@pytest.mark.parametrize(
    "account",
    ["11111111111", "1111111111111", "11111111111a", "1111 1111111", "", 111111111111, "\uff11" * 12],
)
def test_a_malformed_account_id_is_400_and_nothing_is_written(
    stores: tuple[Shop, Shop], gateway: Gateway, account: Any
) -> None:
    before = _stored()
    reply = _call(gateway, LOCAL_PLATFORM_PRINCIPAL, "PUT", "/admin/stores/s1/platform", {"aws_account_id": account})
    assert reply.status == 400, reply.body
    assert reply.json()["error"] == "bad_request"
    assert _stored() == before


@pytest.mark.parametrize("share", [0, -1, 1_000_001, "100", 1.5, True])
def test_a_malformed_share_is_400(stores: tuple[Shop, Shop], gateway: Gateway, share: Any) -> None:
    body = {"aws_account_id": OWN, "requests_per_minute": share}
    assert _call(gateway, LOCAL_PLATFORM_PRINCIPAL, "PUT", "/admin/stores/s1/platform", body).status == 400


def test_pinning_a_store_that_does_not_exist_is_404_and_creates_nothing(gateway: Gateway) -> None:
    before = _stored()
    reply = _call(gateway, LOCAL_PLATFORM_PRINCIPAL, "PUT", "/admin/stores/nowhere/platform", {"aws_account_id": OWN})
    assert reply.status == 404
    assert _stored() == before


def _identity(user_arn: str | None, account: str | None) -> APIGatewayEventIdentity:
    return APIGatewayEventIdentity({"userArn": user_arn, "accountId": account})


def _record(account: str | None) -> StoreRecord:
    return StoreRecord("s1", {}, None, "", aws_account_id=account)


@pytest.mark.parametrize(
    ("user_arn", "account", "pinned", "allowed"),
    [
        (OWN_ROLE, OWN, OWN, True),
        (OWN_USER, OWN, OWN, True),
        (f"arn:aws-cn:iam::{OWN}:role/erp", OWN, OWN, True),
        (OWN_ROLE, OTHER, OWN, False),  # the ARN and API Gateway's account disagree: not understood
        (OTHER_ROLE, OWN, OWN, False),
        (OWN_ROLE, None, OWN, False),
        (None, OWN, OWN, False),
        ("arn:aws:sts::111111111111:federated-user/ann", OWN, OWN, True),
        ("not-an-arn", OWN, OWN, False),
        (OWN_ROLE, OWN, None, False),  # nothing pinned: the platform's only
        (OWN_ROLE, OWN, OTHER, False),
        (LOCAL_PLATFORM_PRINCIPAL, "000000000000", None, True),
        ("arn:aws:sts::000000000000:assumed-role/access-center-local-platform/op", "000000000000", None, True),
        ("arn:aws:sts::000000000000:assumed-role/access-center-local-platform-x/op", "000000000000", None, False),
    ],
)
def test_the_caller_check(user_arn: str | None, account: str | None, pinned: str | None, allowed: bool) -> None:
    assert may_address(_identity(user_arn, account), _record(pinned)) is allowed
