"""Wish lists and privacy (API.md section 8): the export has each list with its items (never the share
token), and an erasure deletes the lists, their items and their share links."""

from __future__ import annotations

import json
import re
from html import unescape
from urllib.parse import unquote, urlsplit

from access_center.privacy import erasure, holdings
from devtools.emulator.outbox import sent_emails
from tests.functional.wishlists.helpers import ANN, API, add, new_list
from tests.harness.aws import aws_client
from tests.harness.backends import data_items
from tests.harness.catalog import published
from tests.harness.support import Client, Shop


def _shared_list(ann: Client) -> tuple[str, str]:
    list_id = new_list(ann, "Birthday")["list_id"]
    add(ann, list_id, "MUG-1", 2)
    add(ann, list_id, "OLD-1")
    url = ann.request("PATCH", f"{API}/{list_id}", {"shared": True}).json()["share_url"]
    return list_id, urlsplit(url).path


def test_the_export_has_each_list_and_its_items_but_never_the_share_token(ann: Client) -> None:
    list_id, shared_path = _shared_list(ann)
    reply = ann.get("/store/account/api/privacy/export")
    assert reply.status == 303, reply.body
    key = unquote(urlsplit(reply.header("Location") or "").path).split("/filesbucket/", 1)[-1].lstrip("/")
    body = aws_client("s3").get_object(Bucket="filesbucket", Key=key)["Body"].read().decode()
    document = json.loads(body)
    (exported,) = document["wishlists"]
    assert exported["list_id"] == list_id
    assert (exported["name"], exported["shared"]) == ("Birthday", True)
    assert exported["created_at"].endswith("Z")
    assert [(i["sku"], i["name"], i["quantity"]) for i in exported["items"]] == [
        ("MUG-1", "Mug", 2),
        ("OLD-1", "Old", 1),
    ]
    assert all(i["added_at"].endswith("Z") for i in exported["items"])
    assert shared_path.rsplit("/", 1)[-1] not in body


def test_erasure_deletes_the_lists_their_items_and_share_links(on: Shop, ann: Client, customer: Client) -> None:
    _, shared_path = _shared_list(ann)
    assert "wishlists" in [holding.name for holding in holdings.erased()]
    assert ann.post("/store/account/api/privacy/erasure").status == 202
    link = next(
        re.search(r"https?://\S+/privacy/erasure\?\S+", m["text"]).group(0)  # type: ignore[union-attr]
        for m in reversed(sent_emails())
        if m["to"][0] == ANN and "/privacy/erasure?" in m["text"]
    )
    parts = urlsplit(link)
    page = ann.get(f"{parts.path}?{parts.query}").body.decode()
    assert "Your wish lists and their shared links" in page
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', page))
    confirmed = ann.form("/store/account/privacy/erasure/confirm", {k: unescape(v) for k, v in fields.items()})
    assert confirmed.status == 303
    left = [i for i in data_items("CustomersTable") if "wishlist" in i["pk"]["S"] + i["sk"]["S"]]
    assert left == []
    stranger = Client(customer.gateway, host="shop.example")
    assert stranger.get(shared_path).status == 404
    (event,) = [e["detail"] for e in published() if e["detail_type"] == "CustomerErasureRequested"]
    assert "wishlists" in event["erased"]


def test_erasing_twice_is_harmless(on: Shop, ann: Client) -> None:
    _shared_list(ann)
    erasure._DELETERS["wishlists"]("s1", ANN)
    erasure._DELETERS["wishlists"]("s1", ANN)
    assert [i for i in data_items("CustomersTable") if "wishlist" in i["pk"]["S"] + i["sk"]["S"]] == []
