"""Gift registries' rules hold however many requests race (API.md section 12): ten purchases at once all
count, the same purchase at once counts once, 20 registries and 200 items at most. On the logic
(tests/harness/support.race), never through HTTP."""

from __future__ import annotations

from access_center.registries import logic, purchases
from access_center.registries.models import RegistryIn, RegistryPurchaseIn
from access_center.stores.logic import get_store
from tests.functional.registries.helpers import ANN, API, add, days_ahead, new_registry
from tests.harness.aws import aws_client
from tests.harness.backends import data_items
from tests.harness.catalog import put_product
from tests.harness.support import Client, Shop, race


def _purchase(order_id: str, quantity: int = 1) -> RegistryPurchaseIn:
    return RegistryPurchaseIn(order_id=order_id, sku="MUG-1", quantity=quantity)


def test_ten_purchases_at_once_all_count(on: Shop, ann: Client) -> None:
    registry_id = new_registry(ann)["registry_id"]
    add(ann, registry_id, "MUG-1", 20)
    results = race(lambda i: purchases.record("s1", registry_id, _purchase(f"o{i}"))[1], 10)
    assert results == [True] * 10
    assert ann.get(f"{API}/{registry_id}").json()["items"][0]["purchased"] == 10


def test_the_same_purchase_at_once_counts_once(on: Shop, ann: Client) -> None:
    registry_id = new_registry(ann)["registry_id"]
    add(ann, registry_id, "MUG-1", 20)
    results = race(lambda i: purchases.record("s1", registry_id, _purchase("o1", 2))[1], 6)
    assert sorted(results) == [False] * 5 + [True]
    assert ann.get(f"{API}/{registry_id}").json()["items"][0]["purchased"] == 2


def test_twenty_registries_at_most_however_many_are_started_at_once(on: Shop, ann: Client) -> None:
    for n in range(17):
        new_registry(ann, f"R{n}")
    store = get_store("s1")
    body = RegistryIn(title="Race", event_date=days_ahead(9))
    results = race(lambda i: logic.create(store, ANN, body), 8)
    assert sorted(r if isinstance(r, int) else 201 for r in results) == [201, 201, 201, 409, 409, 409, 409, 409]
    assert len(ann.get(API).json()["registries"]) == 20
    (profile,) = [i for i in data_items("CustomersTable") if i["sk"]["S"] == "profile"]
    assert profile["registry_count"] == {"N": "20"}


def test_two_hundred_items_at_most_however_many_are_added_at_once(on: Shop, ann: Client) -> None:
    registry_id = new_registry(ann)["registry_id"]
    aws_client("dynamodb").update_item(
        TableName="CustomersTable",
        Key={"pk": {"S": f"s1#registry#{registry_id}"}, "sk": {"S": "registry"}},
        UpdateExpression="SET item_count = :n",
        ExpressionAttributeValues={":n": {"N": "198"}},
    )  # as if 198 other SKUs were on it
    skus = [f"R-{i}" for i in range(6)]
    for sku in skus:
        put_product(on.admin, "s1", sku, name=sku)
    store = get_store("s1")
    results = race(lambda i: logic.add_item(store, ANN, registry_id, skus[i], 1)[1], 6)
    assert sorted(str(r) for r in results) == ["409", "409", "409", "409", "True", "True"]
    assert add(ann, registry_id, "MUG-1").status == 409


def test_a_registry_deleted_while_purchases_arrive_leaves_nothing_behind(on: Shop, ann: Client) -> None:
    registry_id = new_registry(ann)["registry_id"]
    add(ann, registry_id, "MUG-1", 20)
    store = get_store("s1")

    def work(i: int) -> object:
        if i == 0:
            logic.delete(store, ANN, registry_id)
            return None
        return purchases.record("s1", registry_id, _purchase(f"o{i}"))

    race(work, 6)
    assert ann.get(f"{API}/{registry_id}").status == 404
    assert not [i for i in data_items("CustomersTable") if "registry" in i["pk"]["S"] + i["sk"]["S"]]
