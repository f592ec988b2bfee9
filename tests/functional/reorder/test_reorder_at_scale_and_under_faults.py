"""Order again when DynamoDB or EventBridge answer only in part: more SKUs than one BatchGetItem takes,
keys left unprocessed, events refused."""

from __future__ import annotations

import pytest

from access_center.catalog.storage import BATCH_GET_ATTEMPTS
from access_center.reorder.models import ReorderPreview
from devtools.awscalls import Calls
from tests.harness.bodies import order_body, order_line, store_settings
from tests.harness.catalog import answer_batches_in_part, published, put_product, refuse_events
from tests.harness.models import answer
from tests.harness.support import Client, Shop

ANN = "ann@example.com"
PATH = "/store/account/api/orders/o1/reorder"


def _order_of(shop: Shop, customer: Client, skus: list[str]) -> Client:
    assert shop.admin.put("/admin/stores/s1", store_settings(cart_url_template="https://shop.example/c/{items}")).status
    lines = [order_line(f"l{n}", sku, f"Item {n}", 1, 100) for n, sku in enumerate(skus)]
    total = 100 * len(skus)
    assert shop.put_order("o1", order_body(items=lines, totals={"subtotal": total, "total": total})).status == 201
    for sku in dict.fromkeys(skus):
        put_product(shop.admin, "s1", sku)
    shop.login(customer, ANN)
    return customer


def test_more_skus_than_one_batch_takes_cost_one_batch_get_per_hundred(shop: Shop, customer: Client) -> None:
    skus = [f"SKU-{n:03d}" for n in range(150)] + ["SKU-000", "SKU-149"]  # 150 distinct, two repeated
    client = _order_of(shop, customer, skus)
    with Calls() as calls:
        preview = answer(ReorderPreview, client.get(PATH))
    assert calls.operations().count("BatchGetItem") == 2
    assert all(line["addable"] for line in preview["lines"])
    assert len(preview["lines"]) == 152
    assert preview["cart_url"].count(":2") == 2  # the repeated SKUs once each, their quantities added up


@pytest.mark.moto_only("fabricates DynamoDB's partial BatchGetItem answer at moto's edge")
def test_keys_dynamodb_left_unprocessed_are_asked_for_again(
    shop: Shop, customer: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = _order_of(shop, customer, ["MUG-1", "TEA-9", "CUP-3"])
    partial = answer_batches_in_part(monkeypatch, times=2)
    preview = answer(ReorderPreview, client.get(PATH))
    assert [line["addable"] for line in preview["lines"]] == [True, True, True]
    assert (partial.partial, partial.calls) == (2, 3)


@pytest.mark.moto_only("fabricates DynamoDB's partial BatchGetItem answer at moto's edge")
def test_keys_still_unprocessed_after_every_attempt_are_a_503_to_retry(
    shop: Shop, customer: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = _order_of(shop, customer, [f"SKU-{n}" for n in range(BATCH_GET_ATTEMPTS * 2)])
    partial = answer_batches_in_part(monkeypatch, times=1000)  # one key per answer: half are left at the end
    reply = client.get(PATH)
    assert reply.status == 503
    assert reply.header("Retry-After") == "1"
    assert reply.json()["error"] == "unavailable"
    assert partial.calls == BATCH_GET_ATTEMPTS


def test_an_event_eventbridge_refuses_is_sent_again(
    shop: Shop, customer: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = _order_of(shop, customer, ["MUG-1"])
    refused = refuse_events(monkeypatch, times=2)
    assert client.post(PATH).status == 200
    assert refused.calls == 3
    assert [event["detail"]["store_id"] for event in published()] == ["s1"]


def test_an_event_eventbridge_keeps_refusing_fails_the_request_visibly(
    shop: Shop, customer: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = _order_of(shop, customer, ["MUG-1"])
    refuse_events(monkeypatch, times=1000)
    reply = client.post(PATH)
    assert reply.status == 503
    assert reply.header("Retry-After") == "1"
    body = reply.json()
    assert (body["error"], body["message"]) == ("unavailable", body["message"])
    assert "cart_url" not in body
    assert published() == []
    monkeypatch.undo()
    assert client.post(PATH).status == 200  # the same request again, once EventBridge takes it
    assert len(published()) == 1
