"""The second security pass at the HTTP edge: hostile bodies, same-site forgery, media types,
store-system callers that only look scoped, and the headers every answer carries. Each test failed
before its fix."""

from __future__ import annotations

import json

import pytest

from devtools import template
from devtools.emulator.gateway import Gateway
from tests.harness.backends import data_items
from tests.harness.bodies import order_body, store_settings
from tests.harness.support import Client, Shop

DEEP = "[" * 1000 + "]" * 1000
HUGE = "9" * 5000


def _stored() -> str:
    return json.dumps({name: sorted(map(str, data_items(name))) for name in template.table_definitions()})


def _body_routes(shop: Shop) -> list[tuple[str, str, Client]]:
    return [
        ("PUT", "/admin/stores/s1", shop.admin),
        ("PUT", "/admin/stores/s1/orders/o9", shop.admin),
        ("PUT", "/admin/stores/s1/orders/o1/fulfilments/f1", shop.admin),
        ("PUT", "/admin/stores/s1/domain", shop.admin),
    ]


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param('{"email": ' + DEEP + "}", id="nested-1000-deep"),
        pytest.param('{"email": ' + HUGE + "}", id="5000-digit-integer"),
        pytest.param('{"items": [{"line_id": "l1", "quantity": ' + HUGE + "}]}", id="5000-digit-quantity"),
    ],
)
def test_json_no_parser_can_hold_is_400_on_every_body_route_and_stores_nothing(
    shop: Shop, customer: Client, raw: str
) -> None:
    shop.put_order("o1")
    before = _stored()
    routes = [*_body_routes(shop), ("POST", "/store/account/api/otp", customer)]
    routes.append(("POST", "/store/account/api/otp/verify", customer))
    for method, path, client in routes:
        reply = client.request(method, path, raw=raw)
        assert reply.status == 400, (path, reply.body)
        assert reply.json()["error"] == "bad_request"
    assert _stored() == before


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded"])
def test_a_json_route_refuses_a_body_without_a_json_content_type(
    shop: Shop, customer: Client, content_type: str | None
) -> None:
    before = _stored()
    for method, path, client in [*_body_routes(shop), ("POST", "/store/account/api/otp", customer)]:
        headers = {"Content-Type": content_type} if content_type else {"Content-Type": ""}
        body = json.dumps(order_body() if "orders" in path else {"email": "ann@example.com"})
        reply = client.request(method, path, raw=body, headers=headers)
        assert reply.status == 400, (path, content_type, reply.body)
        assert "application/json" in reply.json()["message"]
    assert _stored() == before


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-site", "Origin": "https://evil.shop.example"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "https://sibling.shop.example"},
        {"Sec-Fetch-Site": "same-origin", "Origin": "https://evil.example"},
    ],
)
def test_a_sibling_site_cannot_log_a_customer_out_or_in(shop: Shop, customer: Client, headers: dict[str, str]) -> None:
    shop.put_order("o1")
    shop.login(customer, "ann@example.com")
    assert customer.post("/store/account/api/logout", headers=headers).status == 403
    assert customer.get("/store/account/api/me").status == 200  # still logged in
    verify = customer.post("/store/account/api/otp/verify", {"email": "ann@example.com", "code": "1"}, headers=headers)
    assert verify.status == 403


def test_store_scripts_and_same_origin_pages_still_use_the_json_routes(shop: Shop, customer: Client) -> None:
    shop.put_order("o1")
    shop.login(customer, "ann@example.com")
    same_origin = {"Sec-Fetch-Site": "same-origin", "Origin": "https://shop.example"}
    assert customer.get("/store/account/api/orders", headers=same_origin).status == 200
    assert customer.post("/store/account/api/logout", headers=same_origin).status == 204


@pytest.mark.parametrize(
    "caller",
    [
        "arn:aws:sts::123456789012:assumed-role/access-center-store-s1+prod/push",
        "arn:aws:sts::123456789012:assumed-role/access-center-store-s1/push",  # the old per-store role name
        "arn:aws:iam::123456789012:role/ACCESS-CENTER-STORE-s2",
        "arn:aws:sts::123456789012:federated-user/someone",
        "arn:aws:sts::123456789012:assumed-role/platform-sync/push",
        "arn:aws:iam::123456789012:user/ops/alice",
        "",
    ],
)
def test_a_caller_that_is_neither_platform_wide_nor_of_a_pinned_account_may_write_no_store(
    shop: Shop, gateway: Gateway, caller: str
) -> None:
    before = _stored()
    for path, body in [("/admin/stores/s2", store_settings()), ("/admin/stores/s1/orders/o1", order_body())]:
        reply = gateway.request(
            "PUT", path, headers={"Host": "admin.internal", "Content-Type": "application/json"},
            body=json.dumps(body), caller_arn=caller or None,
        )  # fmt: skip
        if not caller:  # no identity at all: the local server signs as its platform principal
            assert reply.status in (200, 201), reply.body
            continue
        assert reply.status == 403, (caller, path, reply.body)
        assert reply.json()["error"] == "forbidden"
    if caller:
        assert _stored() == before


def test_json_answers_say_nosniff_and_pages_say_hsts(shop: Shop, customer: Client) -> None:
    for reply in (customer.get("/store/account/api/me"), shop.admin.put("/admin/stores/s1", {})):
        assert reply.header("X-Content-Type-Options") == "nosniff", reply.headers
    page = customer.get("/store/account/login")
    assert page.header("Strict-Transport-Security") == "max-age=31536000"
    assert page.header("X-Content-Type-Options") == "nosniff"


@pytest.mark.parametrize(
    "raw_next",
    ["/store/account/orders\n", "/store/account/orders/o1\r\nSet-Cookie: x=1", "/store/account/orders\u2028"],
)
def test_a_next_with_a_line_break_cannot_reach_the_location_header(shop: Shop, customer: Client, raw_next: str) -> None:
    from urllib.parse import quote

    page = customer.get(f"/store/account/login?next={quote(raw_next)}")
    assert page.status == 200
    assert 'name="next" value="/store/account/orders"' in page.body.decode()


@pytest.mark.parametrize(
    "body",
    [
        {"domain": "shop.example\n"},
        {"domain": "shop.example\r\nX: y"},
        {"domain": "shop.example", "path_prefix": "/a\n/b"},
        {"domain": "shop.example", "path_prefix": "/shop\n"},
        {"domain": "shop.example", "path_prefix": "/a\tb"},
    ],
)
def test_a_domain_or_prefix_with_a_control_character_is_400_and_connects_nothing(
    shop: Shop, body: dict[str, str]
) -> None:
    before = _stored()
    reply = shop.admin.put("/admin/stores/s1/domain", body)
    assert reply.status == 400, reply.body
    assert _stored() == before
