"""Each test's AWS, built through boto3 once per worker and then restored from moto's state (~1 ms).

`fresh()` (the `aws` fixture): the template's tables, queues, SES identities and configuration sets, the
store events bus and the buckets, new and empty. The first test of a worker builds them through boto3;
every later one gets a new copy of moto's state as it was then (devtools/emulator/moto_state.py).

`shop()` (the `shop` fixture): store `s1` as `Shop.create` makes it. The first one is made by
`Shop.create` and moto's state kept after it; later tests get that state back, with the store's
timestamps moved to the clock's now, as `Shop.create` would have written them. It is only taken and
given when nothing has called AWS since `fresh()` (a fixture that wrote first gets `Shop.create`), no
`calls` count is open (they would miss Shop.create's calls), and DynamoDB is moto's (DynamoDB Local's
tables are not in moto's state). tests/unit/test_world.py compares both ways, object by object.
"""

from __future__ import annotations

from typing import Any

from devtools import awscalls, template
from devtools.emulator import atomic, moto_state
from devtools.emulator.moto_state import MotoState
from tests.harness.aws import aws_client
from tests.harness.support import Client, Shop

# The platform's own domain, verified in SES by a person (docs/deploying.md); stores' domains are created
# by the sender function (stores.sender), tagged as this stack's, when a test connects them.
VERIFIED_DOMAINS = ("platform.example",)

_world: MotoState | None = None
_shop: tuple[MotoState, str] | None = None  # the state after Shop.create, and the ISO second it ran in
_fresh_at = -1  # atomic.activity() when fresh() returned: unchanged means nothing was written since


def fresh() -> None:
    """A new world for one test (inside the test's `mock_aws()`)."""
    global _world, _fresh_at
    from tests.harness.backends import create_tables, on_dynamodb_local  # a plugin: pytest imports it first

    if _world is None:
        _build()
        _world = moto_state.take()
    else:
        moto_state.restore(_world)
    if on_dynamodb_local():
        create_tables(aws_client("dynamodb"), template.table_definitions())  # its tables live outside moto
    _fresh_at = atomic.activity()


def _build() -> None:
    from devtools.emulator import events, files
    from tests.harness.backends import create_tables, on_dynamodb_local

    if not on_dynamodb_local():
        create_tables(aws_client("dynamodb"), template.table_definitions())
    sqs = aws_client("sqs")
    for name in template.resources(template.load(), "AWS::SQS::Queue"):
        sqs.create_queue(QueueName=name)
    ses = aws_client("sesv2")
    for domain in VERIFIED_DOMAINS:
        ses.create_email_identity(EmailIdentity=domain)
    for name in template.resources(template.load(), "AWS::SES::ConfigurationSet"):
        ses.create_configuration_set(ConfigurationSetName=name)  # what the template makes in AWS
    events.create_buses(client=aws_client("events"))  # the store events bus, as it always exists in AWS
    files.create_buckets(aws_client("s3"))


def shop(admin: Client, store_id: str = "s1", domain: str = "shop.example") -> Shop:
    """Store `store_id` on `domain` with the test settings, as `Shop.create(admin, store_id, domain)`."""
    global _shop
    from access_center.core import clock
    from access_center.stores import logic
    from tests.harness.backends import on_dynamodb_local

    cached = (store_id, domain) == ("s1", "shop.example")
    untouched = cached and atomic.activity() == _fresh_at and not awscalls._active and not on_dynamodb_local()
    if untouched and _shop is not None:
        state, stamp = _shop
        moto_state.restore(state)
        _move_stamps(stamp, clock.iso(clock.now()))
        logic.forget_hosts()  # as Shop.create leaves this container's view of the stores
        return Shop(admin, store_id, domain)
    before = clock.iso(clock.now())
    made = Shop.create(admin, store_id, domain)
    if untouched and _shop is None and clock.iso(clock.now()) == before:
        _shop = (moto_state.take(), before)  # one second's stamps: each can be told and moved
    return made


def _move_stamps(old: str, new: str) -> None:
    """Every string equal to `old` in the tables' items becomes `new` (the stamps Shop.create wrote)."""
    from moto.dynamodb.models import dynamodb_backends

    if old == new:
        return
    backend = dynamodb_backends["123456789012"]["us-east-1"]
    for table in backend.tables.values():
        for item in table.all_items():
            for value in item.attrs.values():
                _move(value, old, new)


def _move(value: Any, old: str, new: str) -> None:
    if value.type == "S" and value.value == old:
        value.value = new
    elif value.type == "M":
        for inner in value.value.values():
            _move(inner, old, new)
    elif value.type == "L":
        for inner in value.value:
            _move(inner, old, new)
