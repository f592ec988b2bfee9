"""Return requests (API.md section 6): shipped lines, quantities and reasons within the store's window,
numbered R-{order}-{n}; requested -> approved or declined -> received -> refunded; the store system's
list by state; events and emails once per step; the order page's form, without JavaScript."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest

from access_center.orders.acting import Viewer
from access_center.orders.models import OrderView
from access_center.returns.models import Return, ReturnList, ReturnsPage
from devtools.emulator.gateway import Reply
from devtools.emulator.outbox import sent_emails
from tests.harness.bodies import order_body
from tests.harness.catalog import published
from tests.harness.clock import Clock
from tests.harness.models import answer
from tests.harness.streams import drain_order_stream
from tests.harness.support import Client, Shop, race

ANN, BOB = "ann@example.com", "bob@example.com"
PATH = "/store/account/api/orders/o1/returns"
LABEL = "https://labels.example/r/123.pdf"


@pytest.fixture
def ann(shop: Shop, customer: Client) -> Client:
    """Ann, logged in, with order o1 at a store that takes returns: both mugs (l1) shipped, the tea (l2) not."""
    shop.settings(returns_enabled=True)
    assert shop.put_order("o1").status == 201
    assert shop.fulfil("o1", "f1", {"items": [{"line_id": "l1", "quantity": 2}], "carrier": "UPS"}).status == 200
    shop.login(customer, ANN)
    drain_order_stream()  # the confirmation and the shipping update: what follows is about returns
    return customer


def _ask(client: Client, quantity: int = 1, reason: str = "damaged", **extra: Any) -> Reply:
    return client.post(PATH, {"items": [{"line_id": "l1", "quantity": quantity, "reason": reason}], **extra})


def _move(shop: Shop, return_id: str, status: str, **extra: Any) -> Reply:
    return shop.admin.put(f"/admin/stores/s1/returns/{return_id}", {"status": status, **extra})


def _events(kind: str) -> list[dict[str, Any]]:
    return [e["detail"] for e in published() if e["detail_type"] == kind]


def _return_emails(to: str) -> list[dict[str, Any]]:
    return [e for e in sent_emails() if e["to"] == [to] and "return" in e["subject"].lower()]


# ------------------------------------------------------------------------------------- the request
def test_a_return_of_shipped_items_is_numbered_and_listed(shop: Shop, ann: Client) -> None:
    reply = _ask(ann, 1, comment="One arrived chipped")
    assert reply.status == 201
    made = answer(Return, reply)
    assert made["number"] == "R-1001-1"
    assert made["status"] == "requested"
    assert made["items"] == [{"line_id": "l1", "name": "Mug", "quantity": 1, "reason": "damaged"}]
    assert (made["order_id"], made["order_number"], made["comment"]) == ("o1", "1001", "One arrived chipped")

    second = answer(Return, _ask(ann, 1, reason="wrong_item"))
    assert second["number"] == "R-1001-2"
    listed = answer(ReturnList, ann.get(PATH))
    assert [r["number"] for r in listed["returns"]] == ["R-1001-2", "R-1001-1"]  # newest first
    view = answer(OrderView, ann.get("/store/account/api/orders/o1"))
    assert [r["number"] for r in view["returns"]] == ["R-1001-1", "R-1001-2"]


def test_more_than_shipped_minus_other_returns_is_422_with_each_lines_limit(shop: Shop, ann: Client) -> None:
    assert _ask(ann, 1).status == 201
    before = shop.stored_order("o1")
    reply = _ask(ann, 2)
    assert reply.status == 422
    assert reply.json()["error"] == "unprocessable"
    assert reply.json()["details"] == [{"line_id": "l1", "returnable": 1, "requested": 2}]
    assert shop.stored_order("o1") == before


def test_a_line_that_has_not_shipped_cannot_be_returned(shop: Shop, ann: Client) -> None:
    reply = ann.post(PATH, {"items": [{"line_id": "l2", "quantity": 1, "reason": "damaged"}]})
    assert reply.status == 422
    assert reply.json()["details"] == [{"line_id": "l2", "returnable": 0, "requested": 1}]


def test_a_line_the_order_does_not_have_or_a_reason_not_offered_is_422(shop: Shop, ann: Client) -> None:
    unknown = ann.post(PATH, {"items": [{"line_id": "zz", "quantity": 1, "reason": "damaged"}]})
    assert unknown.status == 422
    assert unknown.json()["details"] == [{"line_id": "zz"}]
    reason = _ask(ann, 1, reason="bored")
    assert reason.status == 422
    assert "damaged" in reason.json()["details"][0]["reasons"]


def test_a_store_sets_its_own_reasons(shop: Shop, ann: Client) -> None:
    shop.settings(returns_enabled=True, return_reasons=["Too small", "Too big"])
    assert _ask(ann, 1, reason="damaged").status == 422
    assert _ask(ann, 1, reason="Too small").status == 201


def test_a_double_clicked_request_creates_one_return(shop: Shop, ann: Client) -> None:
    first = answer(Return, _ask(ann, 1, comment="chipped"))
    second = answer(Return, _ask(ann, 1, comment="chipped"))
    assert second["return_id"] == first["return_id"]
    assert len(answer(ReturnList, ann.get(PATH))["returns"]) == 1


def test_ten_requests_at_once_never_return_more_than_shipped(shop: Shop, ann: Client) -> None:
    from access_center.returns import logic
    from access_center.stores.logic import get_store

    store = get_store("s1")
    line = [{"line_id": "l1", "quantity": 1, "reason": "damaged"}]
    outcomes = race(
        lambda i: logic.request(store, Viewer(store.store_id, ANN), "o1", line, f"request {i}")["status"], 10
    )
    assert sorted(outcomes, key=str) == sorted(["requested"] * 2 + [409] * 8, key=str)
    held = answer(ReturnList, ann.get(PATH))["returns"]
    assert sum(r["items"][0]["quantity"] for r in held) == 2
    assert sorted(r["number"] for r in held) == ["R-1001-1", "R-1001-2"]


def test_returns_switched_off_or_nothing_shipped_is_409(shop: Shop, ann: Client) -> None:
    shop.settings()  # returns_enabled defaults to false
    off = _ask(ann, 1)
    assert off.status == 409
    assert "does not take return requests" in off.json()["message"]
    shop.settings(returns_enabled=True)
    assert shop.put_order("o2", order_body(number="1002")).status == 201
    unshipped = ann.post(
        "/store/account/api/orders/o2/returns", {"items": [{"line_id": "l1", "quantity": 1, "reason": "other"}]}
    )
    assert unshipped.status == 409
    assert "has shipped" in unshipped.json()["message"]


def test_past_the_window_from_the_last_shipment_is_409(shop: Shop, ann: Client, clock: Clock) -> None:
    from access_center.core.clock import iso

    shop.settings(returns_enabled=True, return_window_days=14)
    shipped = {"items": [{"line_id": "l1", "quantity": 2}], "carrier": "UPS", "shipped_at": iso(clock.now - 13 * 86400)}
    assert shop.fulfil("o1", "f1", shipped).status == 200
    assert _ask(ann, 1).status == 201
    clock.advance(2 * 86400)
    late = _ask(ann, 1, reason="other")
    assert late.status == 409
    assert "return window" in late.json()["message"]


def test_another_customers_order_is_not_found(shop: Shop, ann: Client) -> None:
    assert shop.put_order("o2", order_body(email=BOB, number="1002")).status == 201
    reply = ann.post(
        "/store/account/api/orders/o2/returns", {"items": [{"line_id": "l1", "quantity": 1, "reason": "other"}]}
    )
    assert reply.status == 404
    assert ann.get("/store/account/api/orders/o2/returns").status == 404


@pytest.mark.parametrize(
    "body",
    [
        {"items": []},
        {"items": [{"line_id": "l1", "quantity": 0, "reason": "damaged"}]},
        {"items": [{"line_id": "l1", "quantity": "1", "reason": "damaged"}]},
        {"items": [{"line_id": "l1", "quantity": 1, "reason": "damaged"}] * 2},
        {"items": [{"line_id": "l1", "quantity": 1, "reason": "damaged"}], "comment": "c" * 1001},
        '{"items": [{"line_id": "l1", "quantity": ' + "9" * 5000 + ', "reason": "damaged"}]}',
        '{"items": ' * 1000 + "[]" + "}" * 1000,
    ],
    ids=["no-lines", "zero", "quantity-as-text", "line-twice", "comment-too-long", "5000-digits", "nested-1000-deep"],
)
def test_a_bad_request_is_400_and_stores_nothing(shop: Shop, ann: Client, body: Any) -> None:
    before = shop.stored_order("o1")
    reply = ann.request("POST", PATH, raw=body) if isinstance(body, str) else ann.post(PATH, body)
    assert reply.status == 400
    assert reply.json()["error"] == "bad_request"
    assert shop.stored_order("o1") == before


def test_a_store_update_of_the_order_keeps_its_returns(shop: Shop, ann: Client) -> None:
    assert _ask(ann, 1).status == 201
    view = answer(OrderView, shop.put_order("o1", order_body(status="delivered")))
    assert [r["number"] for r in view["returns"]] == ["R-1001-1"]


# ------------------------------------------------------------------------------- the store's side
def test_the_store_approves_with_a_label_and_the_customer_is_emailed_the_link(shop: Shop, ann: Client) -> None:
    made = answer(Return, _ask(ann, 1))
    drain_order_stream()
    [requested] = _events("ReturnRequested")
    assert requested["return_id"] == made["return_id"]
    assert requested["number"] == "R-1001-1"
    [to_support] = _return_emails("help@shop.example")
    assert to_support["subject"] == "Return requested: R-1001-1 (order #1001)"

    reply = _move(shop, made["return_id"], "approved", message="Send it back within 14 days.", label_url=LABEL)
    assert reply.status == 200
    moved = answer(Return, reply)
    assert (moved["status"], moved["label_url"]) == ("approved", LABEL)
    assert drain_order_stream() == []
    [updated] = _events("ReturnUpdated")
    assert (updated["status"], updated["label_url"]) == ("approved", LABEL)
    [email] = _return_emails(ANN)
    assert email["subject"] == "Shop One: Your return R-1001-1 is approved"
    assert LABEL in email["text"]
    assert "Send it back within 14 days." in email["text"]


def test_a_return_goes_approved_received_refunded_and_no_other_way(shop: Shop, ann: Client) -> None:
    return_id = answer(Return, _ask(ann, 1))["return_id"]
    assert _move(shop, return_id, "received").status == 409  # not approved yet
    assert _move(shop, return_id, "refunded").status == 409
    for status in ("approved", "received", "refunded"):
        assert _move(shop, return_id, status).status == 200
    assert _move(shop, return_id, "approved").status == 409
    again = _move(shop, return_id, "refunded")  # the same state again changes nothing
    assert again.status == 200
    drain_order_stream()
    assert [e["status"] for e in _events("ReturnUpdated")] == ["approved", "received", "refunded"]
    assert len(_return_emails(ANN)) == 3


def test_a_declined_return_frees_its_quantities(shop: Shop, ann: Client) -> None:
    return_id = answer(Return, _ask(ann, 2))["return_id"]
    assert _ask(ann, 1, reason="other").status == 409  # nothing left to return
    assert _move(shop, return_id, "declined", message="Opened items cannot be returned.").status == 200
    assert _ask(ann, 1, reason="other").status == 201


def test_an_unknown_or_another_stores_return_is_404(shop: Shop, ann: Client, admin: Client) -> None:
    return_id = answer(Return, _ask(ann, 1))["return_id"]
    Shop.create(admin, "s2", "other.example")
    assert admin.put(f"/admin/stores/s2/returns/{return_id}", {"status": "approved"}).status == 404
    assert _move(shop, "ret_0000000000000000", "approved").status == 404


@pytest.mark.parametrize(
    "body",
    [
        {"status": "lost"},
        {"status": "approved", "label_url": "http://labels.example/x"},
        {"status": "approved", "x": 1},
    ],
    ids=["unknown-state", "label-not-https", "unknown-field"],
)
def test_a_bad_update_is_400_and_changes_nothing(shop: Shop, ann: Client, body: dict[str, Any]) -> None:
    return_id = answer(Return, _ask(ann, 1))["return_id"]
    before = shop.stored_order("o1")
    assert shop.admin.put(f"/admin/stores/s1/returns/{return_id}", body).status == 400
    assert shop.stored_order("o1") == before


def test_the_store_lists_returns_by_state_newest_first_in_pages(shop: Shop, ann: Client, clock: Clock) -> None:
    shop.settings(returns_enabled=True)
    assert shop.fulfil("o1", "f2", {"items": [{"line_id": "l2", "quantity": 1}], "carrier": "UPS"}).status == 200
    ids = []
    for n, (line, reason) in enumerate([("l1", "damaged"), ("l1", "other"), ("l2", "wrong_item")]):
        clock.advance(60)
        body = {"items": [{"line_id": line, "quantity": 1, "reason": reason}], "comment": f"n{n}"}
        ids.append(answer(Return, ann.post(PATH, body))["return_id"])
    assert _move(shop, ids[0], "approved").status == 200

    first = answer(ReturnsPage, shop.admin.get("/admin/stores/s1/returns?status=requested&limit=1"))
    assert [r["return_id"] for r in first["returns"]] == [ids[2]]
    rest = answer(
        ReturnsPage, shop.admin.get(f"/admin/stores/s1/returns?status=requested&limit=1&cursor={first['next_cursor']}")
    )
    assert [r["return_id"] for r in rest["returns"]] == [ids[1]]
    assert rest["next_cursor"] is None
    everything = answer(ReturnsPage, shop.admin.get("/admin/stores/s1/returns"))
    assert [r["return_id"] for r in everything["returns"]] == [ids[2], ids[1], ids[0]]
    assert everything["returns"][2]["status"] == "approved"
    # A cursor is bound to its list: another state's list, or another store's, refuses it.
    other = shop.admin.get(f"/admin/stores/s1/returns?status=approved&cursor={first['next_cursor']}")
    assert other.status == 400
    assert shop.admin.get("/admin/stores/s1/returns?status=lost").status == 400


def test_emails_have_their_toggles_and_events_go_out_regardless(shop: Shop, ann: Client) -> None:
    shop.settings(returns_enabled=True, return_request_email=False, return_update_email=False)
    return_id = answer(Return, _ask(ann, 1))["return_id"]
    assert _move(shop, return_id, "approved", label_url=LABEL).status == 200
    assert drain_order_stream() == []
    assert len(_events("ReturnRequested")) == 1
    assert len(_events("ReturnUpdated")) == 1
    assert _return_emails(ANN) == []
    assert _return_emails("help@shop.example") == []


# ------------------------------------------------------------------------------------------- pages
def _csrf(reply: Reply) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', reply.body.decode())
    assert found, "no form token on the page"
    return unescape(found.group(1))


def test_the_order_page_form_asks_for_a_return_and_then_shows_it(shop: Shop, ann: Client) -> None:
    page = ann.get("/store/account/orders/o1")
    html = page.body.decode()
    assert 'name="quantity:l1"' in html
    assert 'max="2"' in html
    assert 'name="quantity:l2"' not in html  # the tea has not shipped
    fields = {"csrf": _csrf(page), "quantity:l1": "2", "reason:l1": "not_as_described", "comment": "Blue, not green"}
    posted = ann.form("/store/account/orders/o1/returns", fields)
    assert posted.status == 303
    assert posted.header("Location") == "/store/account/orders/o1#returns"
    html = ann.get("/store/account/orders/o1").body.decode()
    assert "Return R-1001-1 · Requested" in html
    assert 'name="quantity:l1"' not in html  # nothing left to return


def test_the_form_refuses_nothing_chosen_and_bad_numbers(shop: Shop, ann: Client) -> None:
    page = ann.get("/store/account/orders/o1")
    csrf = _csrf(page)
    nothing = ann.form("/store/account/orders/o1/returns", {"csrf": csrf, "quantity:l1": "0", "reason:l1": "other"})
    assert nothing.status == 400
    assert "at least one item" in nothing.body.decode()
    bad = ann.form("/store/account/orders/o1/returns", {"csrf": csrf, "quantity:l1": "-1", "reason:l1": "other"})
    assert bad.status == 400
    too_many = ann.form("/store/account/orders/o1/returns", {"csrf": csrf, "quantity:l1": "3", "reason:l1": "other"})
    assert too_many.status == 422
    assert "More than can be returned" in too_many.body.decode()
    assert ann.form("/store/account/orders/o1/returns", {"quantity:l1": "1", "reason:l1": "other"}).status == 403
    assert answer(ReturnList, ann.get(PATH))["returns"] == []


def test_an_approved_return_shows_its_label_link_on_the_page(shop: Shop, ann: Client) -> None:
    return_id = answer(Return, _ask(ann, 1))["return_id"]
    assert _move(shop, return_id, "approved", message="Use the label", label_url=LABEL).status == 200
    html = ann.get("/store/account/orders/o1").body.decode()
    assert f'href="{LABEL}"' in html
    assert "Return R-1001-1 · Approved" in html
    assert "Use the label" in html
