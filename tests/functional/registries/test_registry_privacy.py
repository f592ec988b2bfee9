"""Gift registries and privacy (API.md section 8): the export has each registry with its items and how many
were bought (never by whom, nor the public link's token), and an erasure deletes the registries, their
items, purchases, entries and public links."""

from __future__ import annotations

import json
from urllib.parse import unquote, urlsplit

from access_center.privacy import erasure, holdings
from access_center.privacy.pages import HOLDING_NAMES
from tests.functional.registries.helpers import ANN, add, buy, new_registry
from tests.harness.aws import aws_client
from tests.harness.backends import data_items
from tests.harness.support import Client, Shop


def _registry(on: Shop, ann: Client) -> dict[str, str]:
    created = new_registry(ann, message="Hello")
    add(ann, created["registry_id"], "MUG-1", 3)
    buy(on, created["registry_id"], "ORDER-9", "MUG-1", 2)
    return created


def _mine() -> list[dict[str, object]]:
    return [i for i in data_items("CustomersTable") if "registry" in i["pk"]["S"] + i["sk"]["S"]]


def test_the_export_has_each_registry_with_purchased_counts_never_buyers_or_the_token(on: Shop, ann: Client) -> None:
    created = _registry(on, ann)
    reply = ann.get("/store/account/api/privacy/export")
    assert reply.status == 303, reply.body
    key = unquote(urlsplit(reply.header("Location") or "").path).split("/filesbucket/", 1)[-1].lstrip("/")
    body = aws_client("s3").get_object(Bucket="filesbucket", Key=key)["Body"].read().decode()
    (exported,) = json.loads(body)["registries"]
    assert exported["registry_id"] == created["registry_id"]
    assert (exported["title"], exported["message"]) == ("Our wedding", "Hello")
    assert [(i["sku"], i["wanted"], i["purchased"]) for i in exported["items"]] == [("MUG-1", 3, 2)]
    assert "ORDER-9" not in body
    assert created["share_url"].rsplit("/", 1)[1] not in body


def test_erasure_deletes_registries_items_purchases_entries_and_links(on: Shop, ann: Client, customer: Client) -> None:
    created = _registry(on, ann)
    assert "registries" in [holding.name for holding in holdings.erased()]
    assert "registries" in HOLDING_NAMES
    erasure._DELETERS["registries"]("s1", ANN)
    assert _mine() == []
    stranger = Client(customer.gateway, host="shop.example")
    assert stranger.get(created["share_url"].removeprefix("https://shop.example")).status == 404
    erasure._DELETERS["registries"]("s1", ANN)  # twice: harmless
    assert _mine() == []


def test_erasure_leaves_other_customers_registries(on: Shop, ann: Client, customer: Client) -> None:
    _registry(on, ann)
    bob = Client(customer.gateway, host="shop.example")
    on.login(bob, "bob@example.com")
    theirs = new_registry(bob, "Bob's")
    erasure._DELETERS["registries"]("s1", ANN)
    assert bob.get(f"/store/account/api/registries/{theirs['registry_id']}").status == 200
