"""The Points page (ListPagesFunction), without JavaScript: the balance and its worth in the store's
currency, what expires soon, the ledger newest first with "Older entries", the account navigation's
"Points", and 404 where the store has points off (signed in or not)."""

from __future__ import annotations

import re
from html import unescape

from access_center.core import clock as product_clock
from devtools.emulator.gateway import Reply
from tests.functional.points.conftest import BOB, entry, push
from tests.harness.bodies import store_settings
from tests.harness.support import Client, Shop

PAGE = "/store/account/points"
DAY = 24 * 3600


def _text(reply: Reply) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", unescape(reply.body.decode())).split())


def test_the_page_shows_the_balance_its_worth_what_expires_soon_and_the_ledger(points_store: Shop, ann: Client) -> None:
    now = product_clock.now()
    soon = product_clock.iso(now + 12 * DAY)
    assert (
        push(points_store, "e1", entry(1250, occurred_at=product_clock.iso(now - DAY), expires_at=soon)).status == 201
    )
    spent = {"email": "ann@example.com", "points": -200, "reason": "Redeemed at checkout",
             "occurred_at": product_clock.iso(now)}  # fmt: skip
    assert push(points_store, "e2", spent).status == 201
    assert push(points_store, "b1", entry(99999, email=BOB)).status == 201
    reply = ann.get(PAGE)
    assert reply.status == 200, reply.body
    text = _text(reply)
    assert "1,050 points" in text
    assert "Worth $52.50 at Shop One" in text  # 1,050 x 5 cents
    assert "1,250 points expire on" in text
    assert text.index("Redeemed at checkout") < text.index("Order 1001")  # newest first
    assert "-200" in text
    assert "+1,250" in text
    assert "View order o1001" in text
    assert "99,999" not in text  # Bob's
    html = reply.body.decode()
    assert 'href="/store/account/orders/o1001"' in html
    assert 'href="/store/account/points" aria-current="page"' in html  # "Points" in the account's navigation
    assert "Older entries" not in text


def test_a_customer_with_no_points_yet_is_told_so(ann: Client) -> None:
    text = _text(ann.get(PAGE))
    assert "0 points" in text
    assert "No points yet." in text
    assert "Expiring soon" not in text


def test_the_ledger_pages_with_older_entries(points_store: Shop, ann: Client) -> None:
    for n in range(22):
        assert push(points_store, f"e{n:02d}", entry(n + 1, occurred_at=f"2026-01-{n + 1:02d}T10:00:00Z",
                                                     reason=f"Visit {n + 1}")).status == 201  # fmt: skip
    first = ann.get(PAGE)
    older = re.search(r'href="/store/account/points\?cursor=([^"]+)"', first.body.decode())
    assert older, "no Older entries link"
    assert "Visit 22" in _text(first)
    assert "Visit 2 " not in _text(first) + " "
    second = ann.get(f"{PAGE}?cursor={unescape(older.group(1))}")
    assert second.status == 200
    assert [v for v in ("Visit 1 ", "Visit 2 ") if v in _text(second) + " "] == ["Visit 1 ", "Visit 2 "]
    assert "253 points" in _text(second)  # the whole balance on every page
    assert "Older entries" not in _text(second)
    assert ann.get(f"{PAGE}?cursor=forged.cursor").status == 400


def test_points_off_is_404_signed_in_or_not(points_store: Shop, ann: Client, customer: Client) -> None:
    assert points_store.admin.put("/admin/stores/s1", store_settings()).status == 200
    assert ann.get(PAGE).status == 404
    assert 'href="/store/account/points"' not in ann.get("/store/account/profile").body.decode()
    ann.cookies.clear()
    assert ann.get(PAGE).status == 404


def test_signed_out_goes_to_login_and_comes_back(points_store: Shop, customer: Client) -> None:
    reply = customer.get(PAGE)
    assert reply.status == 303
    assert "next=" in (reply.header("Location") or "")
