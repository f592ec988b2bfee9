"""The login pages tell the truth (issue 27), in Chromium on a phone and a desktop: logging in again
right after logging out, an expired code, a used sign-in link, and Back after logout (the code page is
a GET after a 303: no "Confirm Form Resubmission"). And, over HTTP as a black box, a sibling
subdomain's forged form posts are refused."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import playwright.sync_api as playwright_api
import pytest

from devtools.emulator.gateway import Reply
from tests.e2e.test_accessibility import AXE, VIEWPORTS, Audit
from tests.harness.browser import accepting, demo_customer, device_context, fits_the_screen, log_in, matching, part, t
from tests.harness.cookies import cookie_header
from tests.harness.devserver import Browser, DevServer, wait_for
from tests.harness.emails import link_in

expect = playwright_api.expect
ON_BOTH = pytest.mark.parametrize("device", ["phone", "desktop"])
CODE_TTL = 4  # seconds, on the server whose codes expire quickly

# The code page's "a code is on its way" sentence, as much of it as names no email or minutes.
CODE_IS_ON_ITS_WAY = part(
    "If <strong>%(email)s</strong> has orders with %(store_name)s, a 6-digit code is on its way. It expires in %(count)s minute.",
    "If <strong>%(email)s</strong> has orders with %(store_name)s, a 6-digit code is on its way. It expires in %(count)s minutes.",
    store_name="Demo Store",
)


@pytest.fixture
def open_page(chromium: Any, server: DevServer) -> Iterator[Any]:
    contexts: list[Any] = []

    def opened(device: str, on: DevServer = server) -> Any:
        context = device_context(chromium, on, device)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield opened
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def quick_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevServer]:
    """A server of its own whose codes expire in seconds and may be resent after one, and whose clock
    the tests move (devtools/emulator/dev_clock.py): time passes without a sleep."""
    workdir = tmp_path_factory.mktemp("quick-codes")
    env = {"CODE_TTL_SECONDS": str(CODE_TTL), "CODE_RESEND_SECONDS": "1", "DEV_CLOCK_FILE": str(workdir / "clock")}
    running = DevServer.launch(workdir, env=env).wait_ready()
    yield running
    running.stop()


def _let_the_code_expire(server: DevServer) -> None:
    """The server's clock moved past the code's lifetime (forward only: what it issued stays in its past)."""
    clock = server.log_path.parent / "clock"
    moved = float(clock.read_text()) if clock.exists() else 0.0
    clock.write_text(str(moved + CODE_TTL + 0.5))


def _log_out(page: Any) -> None:
    expect(page.get_by_role("heading", name=t("Orders"))).to_be_visible()
    page.get_by_role("button", name=t("Log out")).click()
    expect(page.get_by_role("heading", name=t("Log in to see your orders"))).to_be_visible()


@ON_BOTH
def test_logging_in_again_right_after_logging_out_says_what_is_true(
    open_page: Any, server: DevServer, device: str
) -> None:
    email = demo_customer(server, f"again-{device}")
    page = open_page(device)
    page.goto("/store/account/login")
    log_in(page, server, email)
    _log_out(page)
    page.get_by_label(t("Email")).fill(email)
    page.get_by_role("button", name=t("Email me a code")).click()
    expect(page.get_by_role("heading", name=t("Ask for a new code"))).to_be_visible()
    expect(
        page.get_by_text(part("The last code for <strong>%(email)s</strong> was already used, so it no longer works."))
    ).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text(
        part("A code was sent to this email moments ago, so a new one can be sent in %(wait)s.")
    )
    expect(page.get_by_text(CODE_IS_ON_ITS_WAY)).to_have_count(0)
    expect(page.get_by_label(t("6-digit code"))).to_have_count(0)
    assert page.url.endswith("/store/account/login/code")  # a GET, and the email is not in it
    assert fits_the_screen(page)


@ON_BOTH
def test_back_twice_after_logout_is_a_page_not_a_resubmission(open_page: Any, server: DevServer, device: str) -> None:
    email = demo_customer(server, f"back-{device}")
    page = open_page(device)
    page.goto("/store/account/login")
    log_in(page, server, email)
    _log_out(page)
    posts: list[str] = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    page.go_back()
    page.go_back()
    expect(page.get_by_role("heading", name=t("Log in to see your orders"))).to_be_visible()  # not an error page
    assert posts == []  # nothing was posted again
    assert "/store/account/login" in page.url


@ON_BOTH
def test_a_used_sign_in_link_shows_no_log_in_button(open_page: Any, server: DevServer, device: str) -> None:
    email = demo_customer(server, f"link-{device}")
    sent = len(server.outbox())
    page = open_page(device)
    page.goto("/store/account/login")
    page.get_by_label(t("Email")).fill(email)
    page.get_by_role("button", name=t("Email me a code")).click()
    link = wait_for(lambda: link_in(server.outbox(sent), email), what="the sign-in link")
    page.goto(link)
    page.get_by_role("button", name=t("Log in")).click()
    expect(page.get_by_role("heading", name=t("Orders"))).to_be_visible()
    again = open_page(device)
    again.goto(link)
    expect(again.get_by_role("heading", name=t("This link no longer works"))).to_be_visible()
    expect(again.get_by_role("button", name=t("Log in"))).to_have_count(0)
    expect(again.get_by_role("button", name=t("Email me a new code"))).to_be_visible()
    assert fits_the_screen(again)


@ON_BOTH
def test_an_expired_code_says_it_expired_and_offers_a_new_one(
    open_page: Any, quick_server: DevServer, device: str
) -> None:
    email = demo_customer(quick_server, f"expired-{device}")
    page = open_page(device, quick_server)
    page.goto("/store/account/login")
    sent = len(quick_server.outbox())
    page.get_by_label(t("Email")).fill(email)
    page.get_by_role("button", name=t("Email me a code")).click()
    code = quick_server.code_for(email, sent)
    _let_the_code_expire(quick_server)
    page.get_by_label(t("6-digit code")).fill(code)
    page.get_by_role("button", name=t("Log in")).click()
    expect(page.get_by_role("heading", name=t("Your code expired"))).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text(
        matching(
            "That code expired: codes work for %(minutes)s minute. Ask for a new one.",
            "That code expired: codes work for %(minutes)s minutes. Ask for a new one.",
            minutes=r"\d+",
        )
    )
    expect(page.get_by_text(t("That code is not valid. Check the latest email or ask for a new code."))).to_have_count(
        0
    )
    expect(page.get_by_text(CODE_IS_ON_ITS_WAY)).to_have_count(0)
    assert fits_the_screen(page)
    sent = len(quick_server.outbox())
    page.get_by_role("button", name=t("Email me a new code")).click()
    expect(page.get_by_role("heading", name=t("Enter your code"))).to_be_visible()
    page.get_by_label(t("6-digit code")).fill(quick_server.code_for(email, sent))
    page.get_by_role("button", name=t("Log in")).click()
    expect(page.get_by_role("heading", name=t("Orders"))).to_be_visible()


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_the_expired_code_page_has_no_axe_violations(chromium: Any, quick_server: DevServer, device: str) -> None:
    """The expired state needs the quick server, so it is audited here (the other new states are in
    test_accessibility's login pages test)."""
    if not AXE.is_file():
        pytest.fail(f"axe-core is required: run `make tools/axe` (not at {AXE})")
    audit = Audit(str(AXE))
    # bypass_csp: axe is injected as an inline script, as in test_accessibility
    context = chromium.new_context(
        base_url=f"http://localhost:{quick_server.port}", **accepting(), bypass_csp=True, **VIEWPORTS[device]
    )
    try:
        page = context.new_page()
        page.goto("/store/account/login")
        page.get_by_label(t("Email")).fill(f"a11y-expired-{device}@example.com")
        page.get_by_role("button", name=t("Email me a code")).click()
        expect(page.get_by_label(t("6-digit code"))).to_be_visible()
        _let_the_code_expire(quick_server)
        page.get_by_label(t("6-digit code")).fill("000000")
        page.get_by_role("button", name=t("Log in")).click()
        expect(page.get_by_role("heading", name=t("Your code expired"))).to_be_visible()
        audit.check(page, "expired code")
        page.goto("/store/account/login/code")
        expect(page.get_by_role("heading", name=t("Your code expired"))).to_be_visible()
        audit.check(page, "the code page's address after the code expired")
    finally:
        context.close()
    audit.assert_clean()


# ---------------------------------------------------------------------------------------------- forgery
def _form(
    server: DevServer, path: str, fields: dict[str, str], cookies: dict[str, str], *extra: tuple[str, str]
) -> Reply:
    """A form post as a browser sends it (DevServer.request sends JSON)."""
    body = urlencode(fields).encode()
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.putrequest("POST", "/store/account" + path, skip_host=True, skip_accept_encoding=True)
        headers = [("Host", "localhost"), ("Content-Type", "application/x-www-form-urlencoded")]
        for name, value in [
            *headers,
            ("Content-Length", str(len(body))),
            ("Cookie", cookie_header(cookies) or ""),
            *extra,
        ]:
            connection.putheader(name, value)
        connection.endheaders(body)
        response = connection.getresponse()
        return Reply(response.status, response.getheaders(), response.read())
    finally:
        connection.close()


def _token(answer: Reply) -> str:
    return answer.body.decode().split('name="csrf" value="', 1)[1].split('"', 1)[0]


def test_a_sibling_subdomain_cannot_post_a_signed_in_customers_form(server: DevServer) -> None:
    """Black box over the local server: a token the attacker got for its own seed cookie, tossed into
    the customer's jar, posts nothing; nor does the customer's own token sent `Sec-Fetch-Site: same-site`."""
    email = demo_customer(server, "forgery")
    customer = Browser(server, "localhost")
    customer.login(email)
    own = _token(customer.request("GET", "/orders"))
    attacker = Browser(server, "localhost")
    attackers = _token(attacker.request("GET", "/login"))
    tossed = {**customer.cookies, "cac_csrf": attacker.cookies["cac_csrf"]}
    assert _form(server, "/logout", {"csrf": attackers}, tossed).status == 403
    sibling = ("Sec-Fetch-Site", "same-site")
    assert _form(server, "/logout", {"csrf": own}, customer.cookies, sibling).status == 403
    assert customer.request("GET", "/api/me").status == 200  # still signed in
    assert _form(server, "/logout", {"csrf": own}, customer.cookies, ("Sec-Fetch-Site", "same-origin")).status == 303
