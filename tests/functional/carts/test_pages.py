"""The Saved carts page and its forms (ListPagesFunction), without JavaScript: the list at today's prices,
restore (a page with the cart link and what was left out), rename and delete, refusals shown beside the
cart, paging, and 404 where the store has saved carts off."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from devtools.emulator.gateway import Reply
from tests.functional.carts.conftest import ANN, BOB, cart_body, push
from tests.harness.backends import data_items
from tests.harness.bodies import store_settings
from tests.harness.catalog import published
from tests.harness.support import Client, Shop

PAGE = "/store/account/carts"


def _csrf(reply: Reply) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', reply.body.decode())
    assert found, "no form token on the page"
    return unescape(found.group(1))


def _text(reply: Reply) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", unescape(reply.body.decode())).split())


def _post(client: Client, cart_id: str, **fields: str) -> Reply:
    token = _csrf(client.get(PAGE))
    return client.form(f"{PAGE}/{cart_id}", {"csrf": token, **fields})


def test_the_page_lists_each_cart_with_todays_prices_and_why_a_line_is_left_out(shop: Shop, ann: Client) -> None:
    assert push(shop, "c1").status == 201
    unnamed = cart_body(saved_at="2026-03-04T10:00:00Z")
    del unnamed["name"]
    assert push(shop, "c2", unnamed).status == 201
    reply = ann.get(PAGE)
    assert reply.status == 200
    text = _text(reply)
    assert "Cart saved on March 4, 2026" in text
    assert "Weekend order Saved on March 1, 2026" in text
    assert text.index("Cart saved on March 4, 2026") < text.index("Weekend order")  # newest saved first
    assert "Mug SKU MUG-1 2 €14.00 Will be added" in text
    assert "Tea SKU TEA-9 1 €8.00 Out of stock: not added" in text
    assert "Scale SKU SCL-1 1 €39.00 No longer sold: not added" in text
    assert "Restore 2 items to my cart" in text
    assert 'aria-current="page"' in reply.body.decode()  # "Saved carts" in the account's navigation


def test_restore_answers_a_page_with_the_cart_link_and_what_was_left_out(shop: Shop, ann: Client) -> None:
    assert push(shop, "c1").status == 201
    reply = _post(ann, "c1", action="restore")
    assert reply.status == 200, reply.body
    html = reply.body.decode()
    assert 'href="https://shop.example/cart/MUG-1:2"' in html
    text = _text(reply)
    assert "Tea: Out of stock" in text
    assert "Scale: No longer sold" in text
    assert [e["detail_type"] for e in published()] == ["SavedCartRestored"]


def test_restore_with_nothing_addable_shows_the_list_again_saying_why(shop: Shop, ann: Client) -> None:
    assert push(shop, "c1", cart_body(items=[{"sku": "TEA-9", "quantity": 1}])).status == 201
    page = ann.get(PAGE)
    assert "Nothing in this cart can be added right now" in _text(page)
    assert "to my cart" not in _text(page)
    reply = ann.form(f"{PAGE}/c1", {"csrf": _csrf(page), "action": "restore"})  # as an older page would
    assert reply.status == 409
    assert "Nothing in this cart can be added now" in _text(reply)
    assert published() == []


def test_rename_and_delete_come_back_to_the_list(shop: Shop, ann: Client) -> None:
    assert push(shop, "c1").status == 201
    renamed = _post(ann, "c1", action="rename", name="BBQ")
    assert renamed.status == 303
    assert renamed.header("Location") == PAGE
    assert "BBQ Saved on" in _text(ann.get(PAGE))
    deleted = _post(ann, "c1", action="delete")
    assert deleted.status == 303
    assert "No saved carts yet." in _text(ann.get(PAGE))
    assert [e["detail_type"] for e in published()] == ["SavedCartRenamed", "SavedCartDeleted"]


def test_a_refused_name_shows_the_list_again_with_the_name_kept_and_writes_nothing(shop: Shop, ann: Client) -> None:
    assert push(shop, "c1").status == 201
    before = data_items("CustomersTable")
    for name, status in (("x" * 201, 400), ("tab\there", 400)):
        reply = _post(ann, "c1", action="rename", name=name)
        assert reply.status == status, reply.body
        html = reply.body.decode()
        assert 'aria-invalid="true"' in html
        assert "There is a problem" in _text(reply)
        assert f'value="{name}"' in unescape(html) or len(name) > 200
    assert data_items("CustomersTable") == before
    assert published() == []


def test_a_form_without_its_token_or_with_an_unknown_action_changes_nothing(shop: Shop, ann: Client) -> None:
    assert push(shop, "c1").status == 201
    before = data_items("CustomersTable")
    assert ann.form(f"{PAGE}/c1", {"action": "delete"}).status == 403
    assert ann.form(f"{PAGE}/c1", {"csrf": "forged", "action": "delete"}).status == 403
    odd = _post(ann, "c1", action="buy")
    assert odd.status == 400
    assert "This form could not be read" in _text(odd)
    assert data_items("CustomersTable") == before


def test_another_customers_cart_is_the_not_found_page(shop: Shop, ann: Client) -> None:
    assert push(shop, "bobs", cart_body(email=BOB)).status == 201
    for action in ("restore", "rename", "delete"):
        assert _post(ann, "bobs", action=action, name="Mine").status == 404
    assert "Weekend order" not in _text(ann.get(PAGE))


def test_the_page_pages_with_older_saved_carts(shop: Shop, ann: Client) -> None:
    for n in range(22):
        assert (
            push(shop, f"c{n:02}", cart_body(saved_at=f"2026-03-{n + 1:02}T10:00:00Z", name=f"Cart {n}")).status == 201
        )
    first = ann.get(PAGE)
    assert "Cart 21" in _text(first)
    assert "Cart 1 " not in _text(first)
    older = re.search(r'rel="next" href="([^"]+)"', first.body.decode())
    assert older
    second = ann.get(unescape(older.group(1)))
    assert second.status == 200
    assert "Cart 1 " in _text(second)
    assert "Cart 0 " in _text(second)
    assert "Cart 21" not in _text(second)
    assert 'rel="next"' not in second.body.decode()


def test_signed_out_goes_to_login_and_a_store_with_saved_carts_off_has_no_page(
    shop: Shop, ann: Client, gateway: Any
) -> None:
    stranger = Client(gateway, host="shop.example")
    away = stranger.get(PAGE)
    assert away.status == 303
    assert "/store/account/login" in str(away.header("Location"))
    assert push(shop, "c1").status == 201
    token = _csrf(ann.get(PAGE))
    assert shop.admin.put("/admin/stores/s1", store_settings()).status == 200
    assert ann.get(PAGE).status == 404
    assert ann.form(f"{PAGE}/c1", {"csrf": token, "action": "delete"}).status == 404
    assert stranger.get(PAGE).status == 404
    assert 'href="/store/account/carts"' not in ann.get("/store/account/profile").body.decode()
    assert ANN  # the cart stays, for when the store switches saved carts on again
    assert any(i["sk"]["S"].startswith("cart#") for i in data_items("CustomersTable"))
