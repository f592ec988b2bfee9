"""Page forms are read by their JSON twins' models (web.forms.PageForm): what a model refuses shows the
page the form is on again, as HTML (400), with what was typed kept and the error beside the field,
never Powertools' 422 JSON; nothing is written. Without a session a refused form still goes to login,
and with a stale token it is still the 403 page."""

from __future__ import annotations

import re
from html import unescape

import pytest

from devtools.emulator.gateway import Reply
from tests.harness.streams import drain_order_stream
from tests.harness.support import Client, Shop

ANN = "ann@example.com"
BASE = "/store/account"


@pytest.fixture
def ann(shop: Shop, customer: Client) -> Client:
    """Ann, logged in, with order o1 (nothing shipped) at a store that takes cancellations and messages."""
    shop.settings(cancellations_enabled=True, messages_enabled=True, support_email="help@shop.example")
    assert shop.put_order("o1").status == 201
    shop.login(customer, ANN)
    drain_order_stream()
    return customer


def _csrf(reply: Reply) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', reply.body.decode())
    assert found, "no form token on the page"
    return unescape(found.group(1))


def _tag(html: str, element_id: str) -> str:
    found = re.search(rf'<(?:input|select|textarea)[^>]*\bid="{re.escape(element_id)}"[^>]*>', html)
    assert found, f"no field {element_id}"
    return found.group(0)


def _error(html: str, error_id: str) -> str:
    found = re.search(rf'<span class="field-error" id="{re.escape(error_id)}">([^<]*)</span>', html)
    assert found, f"no message {error_id}"
    return unescape(found.group(1))


def _post(ann: Client, path: str, **fields: str) -> Reply:
    page = ann.get(f"{BASE}/orders/o1")
    return ann.form(f"{BASE}/orders/o1/{path}", {"csrf": _csrf(page), **fields})


def _is_order_page_again(reply: Reply) -> str:
    assert reply.status == 400
    assert (reply.header("Content-Type") or "").startswith("text/html")
    html = reply.body.decode()
    assert "<h1>Order #1001</h1>" in html
    assert "<title>Error: Order #1001" in html
    assert 'role="alert"' in html
    return html


def test_a_long_cancellation_reason_shows_the_order_page_with_the_reason_kept(ann: Client) -> None:
    refused = _post(ann, "cancellation", reason="<b>too</b> long " + "x" * 1000)
    html = _is_order_page_again(refused)
    assert _error(html, "cancellation-error") == "Keep the reason under 1,000 characters."
    reason = _tag(html, "cancellation-reason")
    assert 'aria-invalid="true"' in reason
    assert 'aria-describedby="cancellation-error"' in reason
    assert "&lt;b&gt;too&lt;/b&gt; long xxx" in html  # kept, and escaped
    assert 'href="#cancellation-reason"' in html
    assert "cancellation" not in ann.get(f"{BASE}/api/orders/o1").json()


def test_a_cancellation_reason_with_a_control_character_is_refused_beside_it(ann: Client) -> None:
    html = _is_order_page_again(_post(ann, "cancellation", reason="why\x1b[31m"))
    assert _error(html, "cancellation-error").startswith("The reason must be text without control")
    assert "cancellation" not in ann.get(f"{BASE}/api/orders/o1").json()


def test_a_blank_cancellation_reason_is_no_reason(ann: Client) -> None:
    asked = _post(ann, "cancellation", reason="   ")
    assert asked.status == 303
    assert ann.get(f"{BASE}/api/orders/o1").json()["cancellation"]["status"] == "requested"
    assert "reason" not in ann.get(f"{BASE}/api/orders/o1").json()["cancellation"]


def test_an_empty_message_shows_the_order_page_again(ann: Client) -> None:
    html = _is_order_page_again(_post(ann, "messages", body="  \r\n "))
    assert _error(html, "messages-error") == "The message must not be empty."
    assert 'aria-describedby="messages-error"' in _tag(html, "message-body")
    assert ann.get(f"{BASE}/api/orders/o1/messages").json()["messages"] == []


def test_a_long_message_is_kept_and_refused_in_the_pages_words(ann: Client) -> None:
    html = _is_order_page_again(_post(ann, "messages", body="Hello <there>\n" + "y" * 5000))
    assert _error(html, "messages-error") == "The message must be at most 5,000 characters."
    assert "Hello &lt;there&gt;\nyyy" in html
    assert ann.get(f"{BASE}/api/orders/o1/messages").json()["messages"] == []


def test_a_refused_form_with_a_stale_token_is_the_403_page(ann: Client) -> None:
    refused = ann.form(f"{BASE}/orders/o1/cancellation", {"csrf": "stale", "reason": "x" * 1001})
    assert refused.status == 403
    assert (refused.header("Content-Type") or "").startswith("text/html")
    assert "cancellation" not in ann.get(f"{BASE}/api/orders/o1").json()


def test_a_refused_form_without_a_session_goes_to_login(shop: Shop, customer: Client) -> None:
    shop.settings(cancellations_enabled=True)
    assert shop.put_order("o1").status == 201
    refused = customer.form(f"{BASE}/orders/o1/cancellation", {"csrf": "x", "reason": "x" * 1001})
    assert refused.status == 303
    assert f"{BASE}/login" in (refused.header("Location") or "")


def test_a_cancellation_the_order_no_longer_takes_shows_the_order_page_saying_why(shop: Shop, ann: Client) -> None:
    page = ann.get(f"{BASE}/orders/o1")
    assert shop.fulfil("o1", "f1", {"items": [{"line_id": "l1", "quantity": 1}], "carrier": "UPS"}).status == 200
    before = shop.stored_order("o1")
    refused = ann.form(f"{BASE}/orders/o1/cancellation", {"csrf": _csrf(page), "reason": "Too slow"})
    assert refused.status == 409
    assert (refused.header("Content-Type") or "").startswith("text/html")
    html = refused.body.decode()
    assert "<h1>Order #1001</h1>" in html
    assert "can no longer be cancelled" in _error(html, "cancellation-error")
    assert 'href="#cancellation-error"' in html  # the summary's link reaches the message
    assert 'name="reason"' not in html  # no form for an order that cannot be cancelled
    assert shop.stored_order("o1") == before


# ------------------------------------------------------------------------ the return form (ReturnForm)
@pytest.fixture
def shipped(shop: Shop, customer: Client) -> Client:
    """Ann, logged in, with order o1 whose two mugs (l1) shipped at a store that takes returns."""
    shop.settings(returns_enabled=True)
    assert shop.put_order("o1").status == 201
    assert shop.fulfil("o1", "f1", {"items": [{"line_id": "l1", "quantity": 2}], "carrier": "UPS"}).status == 200
    shop.login(customer, ANN)
    drain_order_stream()
    return customer


def _returned(shop: Shop, shipped: Client, **fields: str) -> str:
    """The refused return form's page (400, HTML, the order page again); nothing stored."""
    before = shop.stored_order("o1")
    html = _is_order_page_again(_post(shipped, "returns", **fields))
    assert shop.stored_order("o1") == before
    assert shipped.get(f"{BASE}/api/orders/o1/returns").json()["returns"] == []
    return html


def test_a_return_line_without_a_reason_is_marked_on_its_line(shop: Shop, shipped: Client) -> None:
    html = _returned(shop, shipped, **{"quantity:l1": "1", "comment": "Chipped"})
    assert _error(html, "returns-error") == "Choose one of the reasons in the list."
    assert 'aria-describedby="returns-error"' in _tag(html, "reason-l1")
    assert 'value="1"' in _tag(html, "quantity-l1")
    assert "Chipped</textarea>" in html


def test_a_return_reason_with_a_line_break_is_refused_by_the_model(shop: Shop, shipped: Client) -> None:
    html = _returned(shop, shipped, **{"quantity:l1": "1", "reason:l1": "damaged\r\nBcc: x@example.com"})
    assert 'aria-invalid="true"' in _tag(html, "reason-l1")


def test_a_return_comment_with_a_control_character_is_refused_beside_it(shop: Shop, shipped: Client) -> None:
    html = _returned(shop, shipped, **{"quantity:l1": "2", "reason:l1": "damaged", "comment": "bad\x1b[31m"})
    assert _error(html, "returns-error").startswith("The comment must be text without control")
    assert 'aria-invalid="true"' in _tag(html, "return-comment")
    assert 'value="2"' in _tag(html, "quantity-l1")


def test_a_quantity_over_the_models_limit_is_marked_on_its_line(shop: Shop, shipped: Client) -> None:
    html = _returned(shop, shipped, **{"quantity:l1": "2000000", "reason:l1": "damaged"})
    assert _error(html, "returns-error").startswith("More than can be returned of the marked item")
    assert 'value="2000000"' in _tag(html, "quantity-l1")


def test_fields_the_return_form_does_not_have_are_ignored(shop: Shop, shipped: Client) -> None:
    asked = _post(shipped, "returns", **{"quantity:l1": "1", "reason:l1": "damaged", "items": "x", "extra": "1"})
    assert asked.status == 303
    returns = shipped.get(f"{BASE}/api/orders/o1/returns").json()["returns"]
    assert [(r["items"][0]["line_id"], r["items"][0]["quantity"]) for r in returns] == [("l1", 1)]


def test_a_refused_return_form_never_answers_json(shop: Shop, shipped: Client) -> None:
    refused = shipped.form(f"{BASE}/orders/o1/returns", {"csrf": "stale", "quantity:l1": "x"})
    assert refused.status == 403
    assert (refused.header("Content-Type") or "").startswith("text/html")
    page = shipped.get(f"{BASE}/orders/o1")
    for fields in ({"quantity:l1": "x"}, {"quantity:l1": "1"}, {}):
        answer = shipped.form(f"{BASE}/orders/o1/returns", {"csrf": _csrf(page), **fields})
        assert answer.status == 400
        assert (answer.header("Content-Type") or "").startswith("text/html")


# ------------------------------------------------------------------- the login forms (login.forms)
def _html(reply: Reply, status: int) -> str:
    assert reply.status == status, reply.status
    assert (reply.header("Content-Type") or "").startswith("text/html")
    return reply.body.decode()


def test_an_email_the_model_refuses_shows_the_login_page_with_it_kept(shop: Shop, customer: Client) -> None:
    page = customer.get(f"{BASE}/login")
    fields = {"csrf": _csrf(page), "email": "ann@<b>example", "next": f"{BASE}/orders/o1", "extra": "x"}
    html = _html(customer.form(f"{BASE}/login", fields), 400)
    assert "Enter the email address you used at checkout" in html
    assert 'value="ann@&lt;b&gt;example"' in _tag(html, "email")
    assert 'aria-invalid="true"' in _tag(html, "email")
    assert f'name="next" value="{BASE}/orders/o1"' in html
    assert not customer.cookies.get("cac_pending")  # no code asked for


def test_the_email_form_still_sends_a_code_with_unknown_fields_and_any_next(shop: Shop, customer: Client) -> None:
    page = customer.get(f"{BASE}/login")
    fields = {"csrf": _csrf(page), "email": " Ann@Example.com ", "next": "https://evil.example/\r\n", "x": "1"}
    sent = customer.form(f"{BASE}/login", fields)
    assert sent.status == 303
    assert sent.header("Location") == f"{BASE}/login/code"


def test_a_code_the_model_refuses_shows_the_code_page_again(shop: Shop, customer: Client) -> None:
    page = customer.get(f"{BASE}/login")
    assert customer.form(f"{BASE}/login", {"csrf": _csrf(page), "email": ANN}).status == 303
    code_page = customer.get(f"{BASE}/login/code")
    fields = {"csrf": _csrf(code_page), "email": ANN, "code": "1" * 40}
    html = _html(customer.form(f"{BASE}/verify", fields), 400)
    assert "Enter the 6-digit code from the email." in html
    assert f'name="email" value="{ANN}"' in html
    html = _html(customer.form(f"{BASE}/verify", {"csrf": _csrf(code_page), "email": "not an email", "code": "1"}), 400)
    assert 'value="not an email"' in _tag(html, "email")  # the email form again, as typed
    assert customer.get(f"{BASE}/api/me").status == 401


def test_a_link_form_the_model_refuses_is_the_link_page_saying_it_no_longer_works(customer: Client) -> None:
    page = customer.get(f"{BASE}/login")
    html = _html(customer.form(f"{BASE}/login/link", {"csrf": _csrf(page), "email": ANN, "token": "t" * 65}), 401)
    assert "That link no longer works" in html


def test_token_only_forms_without_their_token_are_the_403_page_never_json(ann: Client) -> None:
    for path in ("logout", "orders/o1/reorder"):
        refused = ann.form(f"{BASE}/{path}", {"other": "x"})
        _html(refused, 403)
    assert ann.get(f"{BASE}/api/orders/o1").status == 200  # still signed in
    page = ann.get(f"{BASE}/orders/o1")
    out = ann.form(f"{BASE}/logout", {"csrf": _csrf(page), "other": "x"})
    assert out.status == 303
    assert ann.get(f"{BASE}/api/orders/o1").status == 401
