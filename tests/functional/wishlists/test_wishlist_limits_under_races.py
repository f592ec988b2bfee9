"""Wish lists' limits hold however many requests race (API.md section 12): 20 lists, 200 items on a list,
999 of one SKU; the same SKU added at once sums up; a list deleted while items arrive leaves none behind;
sharing twice at once makes one link. The races run on the logic (tests/harness/support.race)."""

from __future__ import annotations

from typing import Any

from access_center.stores.logic import get_store
from access_center.wishlists import logic
from access_center.wishlists.models import WishlistChanges
from tests.functional.wishlists.helpers import ANN, API, add, new_list
from tests.harness.aws import aws_client
from tests.harness.backends import data_items
from tests.harness.catalog import put_product
from tests.harness.support import Client, Shop, race


def _set(list_id: str, **numbers: int) -> None:
    """Move a list's own counters (the fixture of a nearly full list; both backends take an UpdateItem)."""
    names = {f"#{k}": k for k in numbers}
    values = {f":{k}": {"N": str(v)} for k, v in numbers.items()}
    aws_client("dynamodb").update_item(
        TableName="CustomersTable",
        Key={"pk": {"S": f"s1#{ANN}"}, "sk": {"S": f"wishlist#{list_id}"}},
        UpdateExpression="SET " + ", ".join(f"#{k} = :{k}" for k in numbers),
        ExpressionAttributeNames=names,
        ExpressionAttributeValues=values,
    )


def _mine() -> list[dict[str, Any]]:
    return [i for i in data_items("CustomersTable") if i["sk"]["S"].startswith("wishlist#")]


def test_twenty_lists_at_most_however_many_are_started_at_once(on: Shop, ann: Client) -> None:
    for n in range(17):
        new_list(ann, f"List {n}")
    store = get_store("s1")
    results = race(lambda i: logic.create(store, ANN, f"Race {i}"), 8)
    assert sorted(r if isinstance(r, int) else 201 for r in results) == [201, 201, 201, 409, 409, 409, 409, 409]
    assert len(ann.get(API).json()["wishlists"]) == 20
    (profile,) = [i for i in data_items("CustomersTable") if i["sk"]["S"] == "profile"]
    assert profile["wishlist_count"] == {"N": "20"}
    assert ann.post(API, {"name": "21st"}).status == 409


def test_two_hundred_items_at_most_however_many_are_added_at_once(on: Shop, ann: Client) -> None:
    list_id = new_list(ann)["list_id"]
    _set(list_id, item_count=198)  # as if 198 other SKUs were on it
    skus = [f"R-{i}" for i in range(6)]
    for sku in skus:
        put_product(on.admin, "s1", sku, name=sku)
    store = get_store("s1")
    results = race(lambda i: logic.add_item(store, ANN, list_id, skus[i], 1)[1], 6)
    assert sorted(str(r) for r in results) == ["409", "409", "409", "409", "True", "True"]
    (head,) = [i for i in _mine() if i["sk"]["S"] == f"wishlist#{list_id}"]
    assert head["item_count"] == {"N": "200"}
    assert len([i for i in _mine() if "#item#" in i["sk"]["S"]]) == 2
    assert add(ann, list_id, "MUG-1").status == 409


def test_the_same_sku_added_at_once_sums_up(on: Shop, ann: Client) -> None:
    list_id = new_list(ann)["list_id"]
    store = get_store("s1")
    results = race(lambda i: logic.add_item(store, ANN, list_id, "MUG-1", 2)[1], 6)
    assert sorted(results) == [False] * 5 + [True]  # one new item, five added to it
    (item,) = ann.get(f"{API}/{list_id}").json()["items"]
    assert item["quantity"] == 12


def test_999_of_one_sku_at_most_however_many_are_added_at_once(on: Shop, ann: Client) -> None:
    list_id = new_list(ann)["list_id"]
    assert add(ann, list_id, "MUG-1", 996).status == 201
    store = get_store("s1")
    results = race(lambda i: logic.add_item(store, ANN, list_id, "MUG-1", 1)[1], 6)
    assert sorted(str(r) for r in results) == ["422", "422", "422", "False", "False", "False"]
    assert ann.get(f"{API}/{list_id}").json()["items"][0]["quantity"] == 999


def test_a_list_deleted_while_items_arrive_leaves_nothing_behind(on: Shop, ann: Client) -> None:
    list_id = new_list(ann)["list_id"]
    skus = [f"D-{i}" for i in range(5)]
    for sku in skus:
        put_product(on.admin, "s1", sku, name=sku)
    store = get_store("s1")

    def work(i: int) -> Any:
        if i == 0:
            return logic.delete(store, ANN, list_id)
        return logic.add_item(store, ANN, list_id, skus[i - 1], 1)[1]

    race(work, 6)
    assert ann.get(f"{API}/{list_id}").status == 404
    assert _mine() == []  # no item outlives its list


def test_sharing_twice_at_once_makes_one_link(on: Shop, ann: Client) -> None:
    list_id = new_list(ann)["list_id"]
    store = get_store("s1")
    results = race(lambda i: logic.change(store, ANN, list_id, WishlistChanges(shared=True)), 5)
    urls = {r["share_url"] for r in results}
    assert len(urls) == 1
    links = [i for i in data_items("CustomersTable") if "#wishlist-share#" in i["pk"]["S"]]
    assert len(links) == 1
