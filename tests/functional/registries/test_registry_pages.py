"""The gift registry pages without JavaScript (API.md section 12): the registries with the start form, one
registry and its forms, and the public page (no login, noindex, Buy links for what is still needed)."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from tests.functional.registries.helpers import API, add, buy, days_ahead, new_registry
from tests.harness.backends import data_items
from tests.harness.support import Client, Shop

PAGES = "/store/account/registries"
HOME = {"name": "Ann Example", "line1": "1600 Amphitheatre Pkwy", "city": "Mountain View", "region": "CA",
        "postal_code": "94043", "country": "US"}  # fmt: skip


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def _page(client: Client, path: str) -> str:
    reply = client.get(path)
    assert reply.status == 200, reply.body
    return str(reply.body.decode())


def _act(client: Client, registry_id: str, action: str, **fields: str) -> Any:
    html = _page(client, f"{PAGES}/{registry_id}")
    return client.form(f"{PAGES}/{registry_id}", {"csrf": _csrf(html), "action": action, **fields})


def test_a_registry_is_started_from_the_page_with_an_address_from_the_book(ann: Client) -> None:
    address_id = ann.post("/store/account/api/addresses", HOME).json()["address_id"]
    html = _page(ann, PAGES)
    assert 'aria-current="page">Gift registries' in html
    assert f'<option value="{address_id}">Ann Example, 1600 Amphitheatre Pkwy, Mountain View, US</option>' in html
    fields = {"csrf": _csrf(html), "title": "Our wedding", "event_date": days_ahead(30), "message": "",
              "address_id": address_id}  # fmt: skip
    started = ann.form(PAGES, fields)
    assert started.status == 303, started.body
    location = started.header("Location") or ""
    assert re.fullmatch(r"/store/account/registries/r[0-9a-f]{16}\?done=created", location)
    page = _page(ann, location)
    assert "<h1>Our wedding</h1>" in page
    registry_id = location.split("/")[-1].split("?")[0]
    assert ann.get(f"{API}/{registry_id}").json()["address_id"] == address_id
    assert "Our wedding" in _page(ann, PAGES)


def test_a_refused_start_shows_the_form_again_and_writes_nothing(ann: Client) -> None:
    html = _page(ann, PAGES)
    before = data_items("CustomersTable")
    refused = ann.form(PAGES, {"csrf": _csrf(html), "title": "  ", "event_date": days_ahead(3)})
    assert refused.status == 400
    assert 'aria-invalid="true"' in refused.body.decode()
    past = ann.form(PAGES, {"csrf": _csrf(html), "title": "Old", "event_date": "2001-01-01"})
    assert past.status == 422
    assert "The event date cannot be in the past." in past.body.decode()
    assert 'value="Old"' in past.body.decode()
    assert data_items("CustomersTable") == before


def test_the_registry_page_adds_sets_removes_edits_closes_and_deletes(on: Shop, ann: Client) -> None:
    registry_id = new_registry(ann)["registry_id"]
    assert _act(ann, registry_id, "add", sku="MUG-1", quantity="3").status == 303
    buy(on, registry_id, "o1", "MUG-1", 1)
    html = _page(ann, f"{PAGES}/{registry_id}")
    assert "Wanted: 3 · Bought: 1" in html
    assert "o1" not in re.sub(r'value="[^"]*"', "", html)  # never the order
    assert _act(ann, registry_id, "add", sku="MUG-1", quantity="5").status == 303
    assert ann.get(f"{API}/{registry_id}").json()["items"][0]["wanted"] == 5
    refused = _act(ann, registry_id, "add", sku="MUG-1", quantity="1000")
    assert refused.status == 400
    assert 'value="1000"' in refused.body.decode()
    assert _act(ann, registry_id, "add", sku="NOPE", quantity="1").status == 422
    assert _act(ann, registry_id, "remove", sku="MUG-1").status == 303
    assert ann.get(f"{API}/{registry_id}").json()["items"] == []
    edited = _act(ann, registry_id, "edit", title="Wedding", event_date=days_ahead(40), message="Hi", address_id="")
    assert edited.status == 303
    shown = ann.get(f"{API}/{registry_id}").json()
    assert (shown["title"], shown["event_date"], shown["message"]) == ("Wedding", days_ahead(40), "Hi")
    assert _act(ann, registry_id, "edit", title="", event_date="", message="", address_id="").status == 400
    assert _act(ann, registry_id, "close").header("Location") == f"{PAGES}/{registry_id}?done=closed"
    assert ann.get(f"{API}/{registry_id}").json()["closed"] is True
    assert _act(ann, registry_id, "reopen").status == 303
    assert ann.get(f"{API}/{registry_id}").json()["closed"] is False
    deleted = _act(ann, registry_id, "delete")
    assert deleted.header("Location") == f"{PAGES}?done=deleted"
    assert ann.get(f"{PAGES}/{registry_id}").status == 404


def test_the_public_page_shows_what_is_still_needed_with_buy_links_never_the_owner(
    on: Shop, ann: Client, customer: Client
) -> None:
    address_id = ann.post("/store/account/api/addresses", HOME).json()["address_id"]
    created = new_registry(ann, message="Thank you!", address_id=address_id)
    registry_id = created["registry_id"]
    add(ann, registry_id, "MUG-1", 3)
    add(ann, registry_id, "TEA-9", 2)  # out of stock: no Buy
    add(ann, registry_id, "OLD-1", 1)
    buy(on, registry_id, "o1", "MUG-1", 1)
    html = _page(ann, f"{PAGES}/{registry_id}")
    found = re.search(r'id="registry-share-url" type="text" readonly value="([^"]+)"', html)
    assert found is not None
    assert unescape(found.group(1)) == created["share_url"]
    path = created["share_url"].removeprefix("https://shop.example")

    stranger = Client(customer.gateway, host="shop.example")
    reply = stranger.get(path)
    assert reply.status == 200
    shared = reply.body.decode()
    assert reply.header("X-Robots-Tag") == "noindex"
    assert reply.header("Referrer-Policy") == "no-referrer"
    assert '<meta name="robots" content="noindex">' in shared
    assert "<h1>Our wedding</h1>" in shared
    assert "Thank you!" in shared
    assert "Wanted: 3 · Still needed: 2" in shared
    assert f'href="https://shop.example/cart/MUG-1:2?registry={registry_id}"' in shared
    assert shared.count("/cart/") == 1  # the tea is out of stock, the old one no longer sold
    assert "ann" not in shared.lower()  # neither the email nor the name
    assert "Amphitheatre" not in shared  # nor the address

    ann.request("PATCH", f"{API}/{registry_id}", {"closed": True})
    closed = stranger.get(path).body.decode()
    assert "This registry is closed" in closed
    assert "/cart/" not in closed
    assert ann.request("DELETE", f"{API}/{registry_id}").status == 204
    assert stranger.get(path).status == 404


def test_every_page_is_404_where_the_store_has_no_registries(on: Shop, ann: Client, customer: Client) -> None:
    created = new_registry(ann)
    on.settings()
    shared = created["share_url"].removeprefix("https://shop.example")
    for path in (PAGES, f"{PAGES}/{created['registry_id']}", shared):
        reply = ann.get(path)
        assert reply.status == 404, path
        assert (reply.header("Content-Type") or "").startswith("text/html")
    assert 'href="/store/account/registries"' not in _page(ann, "/store/account/profile")
    signed_out = Client(customer.gateway, host="shop.example")
    assert signed_out.get(PAGES).status == 404
    assert signed_out.get(shared).status == 404


def test_another_customers_registry_page_is_404_and_a_made_up_link_too(on: Shop, ann: Client, customer: Client) -> None:
    registry_id = new_registry(ann)["registry_id"]
    bob = Client(customer.gateway, host="shop.example")
    on.login(bob, "bob@example.com")
    assert bob.get(f"{PAGES}/{registry_id}").status == 404
    html = _page(bob, PAGES)
    assert bob.form(f"{PAGES}/{registry_id}", {"csrf": _csrf(html), "action": "delete"}).status == 404
    assert ann.get(f"{API}/{registry_id}").status == 200
    assert bob.get(f"{PAGES}/shared/{'a' * 32}").status == 404


def test_a_signed_out_visitor_goes_to_login_and_back(on: Shop, ann: Client, customer: Client) -> None:
    registry_id = new_registry(ann)["registry_id"]
    signed_out = Client(customer.gateway, host="shop.example")
    reply = signed_out.get(f"{PAGES}/{registry_id}")
    assert reply.status == 303
    assert reply.header("Location") == f"/store/account/login?next=/store/account/registries/{registry_id}"
