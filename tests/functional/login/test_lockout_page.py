"""After five wrong codes (login.codes), the code page tells the locked-out customer what happened, when
a new code can be sent, and how to reach the store, instead of "That code is not valid" and the same
code box. The JSON route still answers it like any invalid code (one answer for all)."""

from __future__ import annotations

import re
from html import unescape

import pytest

from tests.harness.clock import Clock
from tests.harness.support import Client, Shop, latest_code

ANN = "ann@example.com"
BASE = "/store/account"


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


class CodeForm:
    """A customer at the code form, after asking for a code."""

    def __init__(self, browser: Client, email: str = ANN) -> None:
        self.browser, self.email = browser, email
        page = browser.get(f"{BASE}/login").body.decode()
        found = re.search(r'name="csrf" value="([^"]+)"', page)
        assert found
        self.csrf = found.group(1)
        sent = browser.form(f"{BASE}/login", {"csrf": self.csrf, "email": email})
        assert (sent.status, sent.header("Location")) == (303, f"{BASE}/login/code")

    def enter(self, code: str) -> tuple[int, str]:
        reply = self.browser.form(f"{BASE}/verify", {"csrf": self.csrf, "email": self.email, "code": code})
        return reply.status, reply.body.decode()


@pytest.fixture
def ann(shop: Shop) -> Shop:
    assert shop.put_order("o1", email=ANN).status == 201
    return shop


def test_the_fifth_wrong_code_shows_what_happened_when_to_retry_and_how_to_reach_the_store(
    ann: Shop, customer: Client, clock: Clock
) -> None:
    form = CodeForm(customer)
    code = latest_code(ANN)
    for _ in range(4):
        status, html = form.enter(_wrong(code))
        assert "That code is not valid" in _text(html)
    clock.advance(10)
    status, html = form.enter(_wrong(code))
    text = _text(html)
    assert status == 401
    assert "<h1>Too many wrong codes</h1>" in html
    assert "entered wrongly 5 times, so it no longer works" in text
    assert "That code is not valid" not in text
    assert 'name="code"' not in html  # no code box that can no longer work
    assert "use its Log in link" in text
    assert "ask for a new code in 20 seconds" in text  # the first code was sent 10 s ago: 30 s apart
    assert 'href="mailto:help@shop.example"' in html
    assert "Write to Shop One at help@shop.example" in text


def test_trying_again_later_shows_the_lockout_not_the_code_box_and_offers_a_new_code(
    ann: Shop, customer: Client, clock: Clock
) -> None:
    form = CodeForm(customer)
    code = latest_code(ANN)
    for _ in range(5):
        form.enter(_wrong(code))
    clock.advance(60)
    status, html = form.enter(code)  # even the right one: it is burnt
    assert status == 401
    assert "<h1>Too many wrong codes</h1>" in html
    assert re.search(r'<form method="post" action="/store/account/login" class="resend">', html)
    assert "Email me a new code" in html
    resent = customer.form(f"{BASE}/login", {"csrf": form.csrf, "email": ANN, "resend": "1"})
    assert resent.status == 303
    assert form.enter(latest_code(ANN))[0] == 303  # the new code logs in


def test_a_store_without_a_support_email_says_to_reply_to_its_emails(admin: Client, gateway: object) -> None:
    shop = Shop.create(admin, "plain", "third.example", support_email=None)
    shop.put_order("o1", email=ANN)
    browser = Client(gateway, "third.example")  # type: ignore[arg-type]
    form = CodeForm(browser)
    code = latest_code(ANN)
    for _ in range(5):
        _, html = form.enter(_wrong(code))
    assert "Reply to any email from Shop One" in _text(html)
    assert "mailto:" not in html


def test_the_json_route_answers_a_locked_code_like_any_invalid_one(ann: Shop, customer: Client) -> None:
    ann.send_code(customer, ANN)
    code = latest_code(ANN)
    answers = [ann.verify(customer, ANN, _wrong(code)) for _ in range(5)] + [ann.verify(customer, ANN, code)]
    assert {(a.status, a.json()["error"], a.json()["message"]) for a in answers} == {
        (401, "invalid_code", "That code is not valid. Check the latest email or ask for a new code.")
    }


def test_an_unknown_email_gets_the_same_lockout_page(ann: Shop, customer: Client) -> None:
    """Code state exists for every email a code was asked for: the page tells nothing about orders."""
    known, unknown = CodeForm(customer), CodeForm(Client(customer.gateway, "shop.example"), "zed@example.com")
    for _ in range(5):
        _, known_page = known.enter("000000" if latest_code(ANN) != "000000" else "111111")
        _, unknown_page = unknown.enter("000000")
    assert _text(known_page).replace(ANN, "X") == _text(unknown_page).replace("zed@example.com", "X")
