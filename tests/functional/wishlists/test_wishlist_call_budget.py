"""DynamoDB calls of the wish list reads, warm, on either backend: a shared list's page is one GetItem of
its link, one Query of the list and one BatchGetItem of the catalog; the customer's lists are one Query
and one BatchGetItem whatever the number of lists and items. No Scan."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from devtools.awscalls import Calls
from tests.functional.wishlists.helpers import API, add, new_list
from tests.harness.support import Client, fresh_tallies, mapped_without_reads

pytestmark = pytest.mark.usefixtures("clock")  # the fair-share counter's minute stands still


def test_the_shared_page_is_one_get_one_query_and_one_batch_get(ann: Client, customer: Client, calls: Calls) -> None:
    list_id = new_list(ann)["list_id"]
    for sku in ("MUG-1", "TEA-9", "OLD-1"):
        add(ann, list_id, sku)
    path = urlsplit(ann.request("PATCH", f"{API}/{list_id}", {"shared": True}).json()["share_url"]).path
    stranger = mapped_without_reads(Client(customer.gateway, host="shop.example"))
    assert stranger.get(path).status == 200
    fresh_tallies(calls)
    assert stranger.get(path).status == 200
    # The store's fair-share counter (UpdateItem), the link, the list and its items, the catalog.
    assert calls.operations() == ["UpdateItem", "GetItem", "Query", "BatchGetItem"]


def test_all_lists_are_one_query_and_one_batch_get(ann: Client, calls: Calls) -> None:
    for name in ("One", "Two", "Three"):
        list_id = new_list(ann, name)["list_id"]
        add(ann, list_id, "MUG-1")
        add(ann, list_id, "TEA-9")
    signed_in = mapped_without_reads(ann)
    assert signed_in.get(API).status == 200
    fresh_tallies(calls)
    assert signed_in.get(API).status == 200
    # The fair-share counter, the session, every list with its items, the catalog.
    assert calls.operations() == ["UpdateItem", "GetItem", "Query", "BatchGetItem"]
