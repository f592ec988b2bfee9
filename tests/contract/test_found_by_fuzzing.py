"""Bugs the fuzz tests (tests/contract/test_fuzz.py) found, each pinned as a plain test."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlencode

from access_center.stores import storage as stores_db
from tests.harness.bodies import store_settings
from tests.harness.devserver import DevServer
from tests.harness.support import Client, Shop


def test_a_form_with_many_unknown_fields_is_answered_by_a_page_not_a_500(customer: Client, shop: Shop) -> None:
    # Page forms ignore fields they do not name (as browsers' forms are read); the forged token decides.
    fields = [(f"field{i}", "x") for i in range(12)] + [("email", "ann@example.com"), ("csrf", "x")]
    reply = customer.request(
        "POST",
        f"{shop.base}/login",
        raw=urlencode(fields),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert reply.status == 403, reply.body
    assert reply.header("Content-Type") == "text/html; charset=utf-8"


def test_a_non_ascii_csrf_token_is_refused_not_a_500(customer: Client, shop: Shop) -> None:
    assert customer.get(f"{shop.base}/login").status == 200  # sets the CSRF seed cookie
    reply = customer.form(f"{shop.base}/login", {"email": "ann@example.com", "csrf": "é"})
    assert reply.status == 403, reply.body


def test_a_method_no_route_has_is_a_405_not_a_501(tmp_path: Path) -> None:
    server = DevServer.launch(tmp_path, "--no-seed").wait_ready()
    try:
        for method in ("TRACE", "BREW"):
            answer = server.request(method, "/admin/stores/s1")
            assert answer.status == 405, answer.body
            assert answer.json()["error"] == "method_not_allowed"
            assert "PUT" in (answer.header("Allow") or "")
    finally:
        server.stop()


def test_a_json_route_given_another_content_type_is_a_400_not_a_500(
    admin: Client, shop: Shop, customer: Client
) -> None:
    body = json.dumps(store_settings())
    for content_type in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data"):
        reply = admin.request("PUT", "/admin/stores/s2", raw=body, headers={"Content-Type": content_type})
        assert reply.status == 400, reply.body
        assert reply.json()["error"] == "bad_request"
        reply = customer.request(
            "POST", f"{shop.base}/api/otp", raw='{"email": "ann@example.com"}', headers={"Content-Type": content_type}
        )
        assert reply.status == 400, reply.body
    assert stores_db.get_store("s2") is None  # nothing was stored


def test_logout_answers_204_without_a_body(customer: Client, shop: Shop) -> None:
    shop.put_order("o1")
    shop.login(customer, "ann@example.com")
    reply = customer.post(f"{shop.base}/api/logout")
    assert reply.status == 204
    assert reply.body == b""


def test_a_body_that_is_not_utf8_is_a_400_not_a_500(admin: Client, shop: Shop, customer: Client) -> None:
    for raw in (b"\xff\x00abc", b'{"name": "\xe9"}'):
        reply = admin.request("PUT", "/admin/stores/s2", raw=raw)
        assert reply.status == 400, reply.body
        assert reply.json()["error"] == "bad_request"
        reply = customer.request("POST", f"{shop.base}/api/otp", raw=raw)
        assert reply.status == 400, reply.body
    assert stores_db.get_store("s2") is None  # nothing was stored


def test_a_throttled_code_request_page_says_retry_after(customer: Client, shop: Shop) -> None:
    page = customer.get(f"{shop.base}/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.body.decode())
    assert csrf, page.body
    first = customer.form(f"{shop.base}/login", {"csrf": csrf.group(1), "email": "ann@example.com"})
    assert first.status == 303, first.body  # to the code page (a GET: Back and reload never resubmit)
    again = customer.form(f"{shop.base}/login", {"csrf": csrf.group(1), "email": "ann@example.com"})
    assert again.status == 303
    code_page = customer.get(again.header("Location") or "")
    assert code_page.status == 200
    assert int(code_page.header("Retry-After") or 0) >= 1
