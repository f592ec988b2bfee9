"""The wish list pages without JavaScript (API.md section 12): the lists, one list and its forms, the cart
link page, the "add to wish list" page (after login if need be) and a shared list's read-only page."""

from __future__ import annotations

import re
from html import unescape
from typing import Any
from urllib.parse import quote, urlsplit

from tests.functional.wishlists.helpers import API, add, new_list
from tests.harness.backends import data_items
from tests.harness.support import Client, Shop

PAGES = "/store/account/wishlists"


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def _page(client: Client, path: str) -> str:
    reply = client.get(path)
    assert reply.status == 200, reply.body
    return str(reply.body.decode())


def _act(client: Client, list_id: str, action: str, **fields: str) -> Any:
    html = _page(client, f"{PAGES}/{list_id}")
    return client.form(f"{PAGES}/{list_id}", {"csrf": _csrf(html), "action": action, **fields})


def test_a_list_is_started_from_the_lists_page_and_shown(ann: Client) -> None:
    html = _page(ann, PAGES)
    assert 'aria-current="page">Wish lists' in html  # the account navigation knows where it is
    started = ann.form(PAGES, {"csrf": _csrf(html), "name": "Birthday"})
    assert started.status == 303
    location = started.header("Location") or ""
    assert re.fullmatch(r"/store/account/wishlists/w[0-9a-f]{16}\?done=created", location)
    page = _page(ann, location)
    assert "<h1>Birthday</h1>" in page
    assert "Your wish list is ready." in page
    assert "Birthday" in _page(ann, PAGES)


def test_a_nameless_list_or_the_21st_shows_the_form_again(ann: Client) -> None:
    html = _page(ann, PAGES)
    before = data_items("CustomersTable")
    refused = ann.form(PAGES, {"csrf": _csrf(html), "name": "   "})
    assert refused.status == 400
    assert 'aria-invalid="true"' in refused.body.decode()
    assert data_items("CustomersTable") == before
    for n in range(20):
        new_list(ann, f"List {n}")
    full = ann.form(PAGES, {"csrf": _csrf(html), "name": "One more"})
    assert full.status == 409
    assert "20 wish lists" in full.body.decode()


def test_the_list_page_shows_prices_availability_and_its_forms_work(ann: Client) -> None:
    list_id = new_list(ann)["list_id"]
    for sku in ("MUG-1", "TEA-9", "OLD-1", "PRE-1"):
        add(ann, list_id, sku)
    html = _page(ann, f"{PAGES}/{list_id}")
    for text in ("Mug", "€13.00", "In stock", "Out of stock", "No longer sold", "Out of stock, can be ordered"):
        assert text in html, text
    assert _act(ann, list_id, "quantity", sku="MUG-1", quantity="4").status == 303
    assert {i["sku"]: i["quantity"] for i in ann.get(f"{API}/{list_id}").json()["items"]}["MUG-1"] == 4
    refused = _act(ann, list_id, "quantity", sku="MUG-1", quantity="1000")
    assert refused.status == 422
    assert 'value="1000"' in refused.body.decode()
    assert _act(ann, list_id, "remove", sku="TEA-9").status == 303
    assert "TEA-9" not in [i["sku"] for i in ann.get(f"{API}/{list_id}").json()["items"]]
    assert _act(ann, list_id, "rename", name="Christmas").status == 303
    assert ann.get(f"{API}/{list_id}").json()["name"] == "Christmas"
    assert _act(ann, list_id, "rename", name="").status == 400


def test_add_all_available_to_cart_answers_a_page_with_the_cart_link(ann: Client) -> None:
    list_id = new_list(ann)["list_id"]
    add(ann, list_id, "MUG-1", 2)
    add(ann, list_id, "OLD-1")
    reply = _act(ann, list_id, "cart")
    assert reply.status == 200
    assert 'href="https://shop.example/cart/MUG-1:2"' in reply.body.decode()


def test_a_list_with_nothing_available_has_no_cart_button_and_a_forced_post_says_why(ann: Client) -> None:
    list_id = new_list(ann)["list_id"]
    add(ann, list_id, "OLD-1")
    assert 'value="cart"' not in _page(ann, f"{PAGES}/{list_id}")
    refused = _act(ann, list_id, "cart")
    assert refused.status == 409
    assert "Nothing on this wish list can be added" in refused.body.decode()


def test_sharing_shows_a_link_to_a_read_only_page_without_the_owner(on: Shop, ann: Client, customer: Client) -> None:
    list_id = new_list(ann, "Birthday")["list_id"]
    add(ann, list_id, "MUG-1", 2)
    assert _act(ann, list_id, "share").status == 303
    html = _page(ann, f"{PAGES}/{list_id}")
    found = re.search(r'id="wishlist-share-url" type="text" readonly value="([^"]+)"', html)
    assert found is not None
    url = unescape(found.group(1))
    assert re.fullmatch(r"https://shop\.example/store/account/wishlists/shared/[A-Za-z0-9_-]{32}", url)
    path = url.removeprefix("https://shop.example")

    stranger = Client(customer.gateway, host="shop.example")
    reply = stranger.get(path)
    assert reply.status == 200
    shared = reply.body.decode()
    assert reply.header("X-Robots-Tag") == "noindex"
    assert reply.header("Referrer-Policy") == "no-referrer"
    assert '<meta name="robots" content="noindex">' in shared
    assert "<h1>Birthday</h1>" in shared
    assert "Mug" in shared
    assert "Wanted: 2" in shared
    assert "ann" not in shared.lower()  # neither the email nor the customer's name
    assert '<form method="post" action="/store/account/wishlists/' not in shared  # read-only

    assert _act(ann, list_id, "unshare").status == 303
    assert stranger.get(path).status == 404  # unsharing revokes the link
    assert "wishlist-share-url" not in _page(ann, f"{PAGES}/{list_id}")


def test_the_language_picker_on_a_shared_page_comes_back_to_it(on: Shop, ann: Client, customer: Client) -> None:
    on.settings(wishlists_enabled=True, languages=["en", "de"])
    list_id = new_list(ann)["list_id"]
    path = urlsplit(ann.request("PATCH", f"{API}/{list_id}", {"shared": True}).json()["share_url"]).path
    stranger = Client(customer.gateway, host="shop.example")
    assert f'name="next" value="{path}"' in _page(stranger, path)
    back = stranger.form("/store/account/language", {"language": "de", "next": path})
    assert back.status == 303
    assert back.header("Location") == path


def test_deleting_from_the_page_goes_back_to_the_lists(ann: Client) -> None:
    list_id = new_list(ann, "Old list")["list_id"]
    reply = _act(ann, list_id, "delete")
    assert reply.status == 303
    assert reply.header("Location") == f"{PAGES}?done=deleted"
    assert ann.get(f"{PAGES}/{list_id}").status == 404


def test_the_add_page_sends_a_signed_out_visitor_to_login_and_back_with_the_sku(on: Shop, customer: Client) -> None:
    from tests.harness.catalog import put_product

    put_product(on.admin, "s1", "A B/1", name="Odd")
    reply = customer.get(f"{PAGES}/add?sku={quote('A B/1', safe='')}")
    assert reply.status == 303
    location = reply.header("Location") or ""
    assert location.startswith("/store/account/login?next=")
    login = customer.get(location)
    assert login.status == 200
    assert 'name="next" value="/store/account/wishlists/add?sku=A%20B%2F1"' in login.body.decode()


def test_the_add_button_starts_a_first_list_then_adds_to_the_chosen_one(on: Shop, ann: Client) -> None:
    html = _page(ann, f"{PAGES}/add?sku=MUG-1")
    assert "Mug" in html
    assert "It starts your first wish list." in html
    reply = ann.form(f"{PAGES}/add", {"csrf": _csrf(html), "sku": "MUG-1"})
    assert reply.status == 303
    (first,) = ann.get(API).json()["wishlists"]
    assert first["name"] == "Wish list"
    assert reply.header("Location") == f"{PAGES}/{first['list_id']}?done=added"
    second = new_list(ann, "Second")
    html = _page(ann, f"{PAGES}/add?sku=TEA-9")
    assert 'id="wishlist-choice"' in html
    assert ann.form(f"{PAGES}/add", {"csrf": _csrf(html), "sku": "TEA-9", "list_id": second["list_id"]}).status == 303
    assert [i["sku"] for i in ann.get(f"{API}/{second['list_id']}").json()["items"]] == ["TEA-9"]


def test_the_add_page_for_an_unknown_sku_says_so_without_a_button(ann: Client) -> None:
    reply = ann.get(f"{PAGES}/add?sku=NOPE")
    assert reply.status == 422
    assert "The store has no product NOPE." in reply.body.decode()
    assert "Add to wish list</button>" not in reply.body.decode()


def test_every_page_is_404_where_the_store_has_no_wish_lists(on: Shop, ann: Client, customer: Client) -> None:
    list_id = new_list(ann)["list_id"]
    on.settings()
    for path in (PAGES, f"{PAGES}/{list_id}", f"{PAGES}/add?sku=MUG-1", f"{PAGES}/shared/{'a' * 32}"):
        reply = ann.get(path)
        assert reply.status == 404, path
        assert (reply.header("Content-Type") or "").startswith("text/html")
    assert 'href="/store/account/wishlists"' not in _page(ann, "/store/account/profile")
    signed_out = Client(customer.gateway, host="shop.example")
    assert signed_out.get(PAGES).status == 404  # not a login first: there are no wish lists here
    assert signed_out.get(f"{PAGES}/add?sku=MUG-1").status == 404


def test_another_customers_list_page_is_404(on: Shop, ann: Client, customer: Client) -> None:
    list_id = new_list(ann)["list_id"]
    bob = Client(customer.gateway, host="shop.example")
    on.login(bob, "bob@example.com")
    assert bob.get(f"{PAGES}/{list_id}").status == 404
    html = _page(bob, PAGES)
    assert bob.form(f"{PAGES}/{list_id}", {"csrf": _csrf(html), "action": "delete"}).status == 404
    assert ann.get(f"{API}/{list_id}").status == 200
