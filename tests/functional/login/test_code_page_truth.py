"""The code page says what is true of the code now (issue 27): the email form answers with a 303 to a
code page that is a GET (no "Confirm Form Resubmission" on Back), that page knows the email from a
signed pending-login cookie (never from the address), and it says whether the earlier code still
works, expired or was used, and when a new one can be sent. A used sign-in link's page has no button."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from devtools.emulator.gateway import Reply
from tests.harness.clock import Clock
from tests.harness.support import Client, Shop, latest_code, latest_link

ANN = "ann@example.com"
BASE = "/store/account"


def _text(reply: Reply) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", reply.body.decode())))


def _csrf(reply: Reply) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', reply.body.decode())
    assert found, reply.body
    return found.group(1)


class LoginForms:
    """A customer using the login pages the way a browser does (following the 303s)."""

    def __init__(self, browser: Client) -> None:
        self.browser = browser

    def ask(self, email: str = ANN, **extra: str) -> Reply:
        sent = self.browser.form(
            f"{BASE}/login", {"csrf": _csrf(self.browser.get(f"{BASE}/login")), "email": email, **extra}
        )
        assert sent.status == 303, sent.body
        assert sent.header("Location") == f"{BASE}/login/code"  # the email is not in the address
        return self.browser.get(f"{BASE}/login/code")

    def enter(self, code: str, email: str = ANN) -> Reply:
        csrf = _csrf(self.browser.get(f"{BASE}/login"))
        return self.browser.form(f"{BASE}/verify", {"csrf": csrf, "email": email, "code": code})

    def log_out(self) -> None:
        orders = self.browser.get(f"{BASE}/orders")
        assert self.browser.form(f"{BASE}/logout", {"csrf": _csrf(orders)}).status == 303


@pytest.fixture
def ann(shop: Shop) -> Shop:
    assert shop.put_order("o1", email=ANN).status == 201
    return shop


@pytest.fixture
def forms(ann: Shop, customer: Client) -> LoginForms:
    return LoginForms(customer)


def test_the_email_form_answers_a_303_to_a_code_page_that_is_a_get(forms: LoginForms) -> None:
    page = forms.ask()
    assert page.status == 200
    assert "<h1>Enter your code</h1>" in page.body.decode()
    assert f"If {ANN} has orders with Shop One, a 6-digit code is on its way. It expires in 10 minutes." in _text(page)
    assert 'name="code"' in page.body.decode()


def test_the_pending_login_cookie_is_signed_httponly_and_scoped(ann: Shop, customer: Client) -> None:
    csrf = _csrf(customer.get(f"{BASE}/login"))
    sent = customer.form(f"{BASE}/login", {"csrf": csrf, "email": ANN})
    (cookie,) = [c for c in sent.headers_named("Set-Cookie") if c.startswith("cac_login=")]
    assert ANN not in cookie  # not readable as it stands
    assert "ann%40" not in cookie
    assert {"HttpOnly", "Secure", "Path=/store/account", "SameSite=Lax"} <= {p.strip() for p in cookie.split(";")}
    value = customer.cookies["cac_login"]
    customer.cookies["cac_login"] = value[:-2] + ("AA" if not value.endswith("AA") else "BB")  # edited
    assert customer.get(f"{BASE}/login/code").header("Location") == f"{BASE}/login"
    customer.cookies.pop("cac_login")
    assert customer.get(f"{BASE}/login/code").header("Location") == f"{BASE}/login"


def test_logging_in_again_within_30_s_of_logging_out_says_the_code_was_used_and_when(
    forms: LoginForms, clock: Clock
) -> None:
    forms.ask()
    assert forms.enter(latest_code(ANN)).status == 303
    clock.advance(8)
    forms.log_out()
    clock.advance(2)
    page = forms.ask()
    text = _text(page)
    assert "on its way" not in text
    assert f"The last code for {ANN} was already used, so it no longer works." in text
    assert "A code was sent to this email moments ago, so a new one can be sent in 20 seconds." in text
    assert 'name="code"' not in page.body.decode()  # no box for a code that cannot work
    assert page.header("Retry-After") == "20"
    clock.advance(20)
    again = forms.ask()
    assert "It expires in 10 minutes." in _text(again)
    assert forms.enter(latest_code(ANN)).status == 303


def test_asking_again_while_the_earlier_code_still_works_says_it_still_works(forms: LoginForms, clock: Clock) -> None:
    forms.ask()
    clock.advance(65)  # the earlier code has 9 minutes left; the resend wait is over...
    forms.ask()
    clock.advance(5)  # ...but not for the code sent just now
    page = forms.ask(resend="1")
    text = _text(page)
    assert (
        "We did not send another code: the one sent earlier still works. You can ask for a new one in 25 seconds."
        in text
    )
    assert "It expires in 10 minutes." in text  # 9 min 55 s, rounded up
    assert forms.enter(latest_code(ANN)).status == 303  # and it does


def test_the_code_page_counts_down_the_minutes_the_code_has_left(forms: LoginForms, clock: Clock) -> None:
    forms.ask()
    clock.advance(7 * 60 + 30)
    page = forms.browser.get(f"{BASE}/login/code")
    assert "It expires in 3 minutes." in _text(page)


def test_an_expired_code_says_it_expired_and_offers_a_new_one(forms: LoginForms, clock: Clock) -> None:
    forms.ask()
    code = latest_code(ANN)
    clock.advance(601)
    refused = forms.enter(code)
    text = _text(refused)
    assert refused.status == 401
    assert "<h1>Your code expired</h1>" in refused.body.decode()
    assert "That code expired: codes work for 10 minutes. Ask for a new one." in text
    assert "That code is not valid" not in text
    assert "expires in" not in text
    assert "The Log in link in the same email still works for 50 minutes." in text
    assert 'name="code"' not in refused.body.decode()
    assert "You can ask for a new code now." in text
    assert "Email me a new code" in text
    shown = forms.browser.get(f"{BASE}/login/code")  # the code page's own address says the same
    assert "<h1>Your code expired</h1>" in shown.body.decode()
    assert "Enter your code" in _text(forms.ask(resend="1"))
    assert forms.enter(latest_code(ANN)).status == 303


def test_a_wrong_code_while_the_code_is_live_still_says_not_valid_and_the_time_left(
    forms: LoginForms, clock: Clock
) -> None:
    forms.ask()
    clock.advance(125)
    wrong = f"{(int(latest_code(ANN)) + 1) % 1_000_000:06d}"
    page = forms.enter(wrong)
    assert page.status == 401
    assert "That code is not valid" in _text(page)
    assert "It expires in 8 minutes." in _text(page)


def test_verify_still_takes_email_and_code_posted_directly(ann: Shop, customer: Client) -> None:
    """A form (or a black-box tool) that posts email and code straight to /verify, with no pending login."""
    shop_client = Client(customer.gateway, "shop.example")
    assert ann.send_code(shop_client, ANN).status == 202
    csrf = _csrf(customer.get(f"{BASE}/login"))
    done = customer.form(f"{BASE}/verify", {"csrf": csrf, "email": ANN, "code": latest_code(ANN)})
    assert (done.status, done.header("Location")) == (303, f"{BASE}/orders")


def test_after_logging_in_the_code_page_address_goes_to_the_login_page(forms: LoginForms) -> None:
    """Back from the orders page: a GET, never a resubmitted form, and no stale code form."""
    forms.ask()
    done = forms.enter(latest_code(ANN))
    assert done.status == 303
    assert "cac_login" not in forms.browser.cookies
    back = forms.browser.get(f"{BASE}/login/code")
    assert (back.status, back.header("Location")) == (303, f"{BASE}/login")


def test_the_code_page_reads_the_same_for_an_unknown_email_fresh_and_expired(
    forms: LoginForms, customer: Client, clock: Clock
) -> None:
    other = LoginForms(Client(customer.gateway, "shop.example"))
    pages = [(forms, ANN), (other, "zed@example.com")]
    fresh = {_text(who.ask(email)).replace(email, "X") for who, email in pages}
    clock.advance(601)
    expired = {_text(who.browser.get(f"{BASE}/login/code")).replace(email, "X") for who, email in pages}
    assert len(fresh) == len(expired) == 1
    assert "Your code expired" in expired.pop()


def _link_page(customer: Client, link: str) -> Reply:
    parts = urlsplit(link)
    return customer.get(f"{parts.path}?{parts.query}")


def test_a_used_sign_in_link_shows_no_log_in_button(ann: Shop, customer: Client) -> None:
    ann.send_code(customer, ANN)
    link = latest_link(ANN)
    page = _link_page(customer, link)
    assert page.status == 200
    assert 'action="/store/account/login/link"' in page.body.decode()
    fields = {k: v[0] for k, v in parse_qs(urlsplit(link).query).items()}
    assert customer.form(f"{BASE}/login/link", {**fields, "csrf": _csrf(page)}).status == 303
    used = _link_page(Client(customer.gateway, "shop.example"), link)
    assert used.status == 401
    assert "<h1>This link no longer works</h1>" in used.body.decode()
    assert 'action="/store/account/login/link"' not in used.body.decode()
    assert ">Log in</button>" not in used.body.decode()
    assert "Email me a new code" in _text(used)


def test_an_expired_or_forged_sign_in_link_shows_no_log_in_button(ann: Shop, customer: Client, clock: Clock) -> None:
    ann.send_code(customer, ANN)
    link = latest_link(ANN)
    forged = _link_page(customer, link[:-3] + "AAA")
    assert (forged.status, "login/link" in forged.body.decode()) == (401, False)
    clock.advance(3601)
    expired = _link_page(customer, link)
    assert (expired.status, "login/link" in expired.body.decode()) == (401, False)
