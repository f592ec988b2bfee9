"""What bounds guessing, and why guessing cannot keep a customer out (docs/architecture.md, "Login codes"): wrong
codes with no live code count for nothing, every code email carries a sign-in link no guess reaches,
typed codes stop after 100 wrong tries between logins, and per-address limits slide."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from access_center.login import codes
from access_center.stores.logic import get_store
from tests.harness.aws import aws_client
from tests.harness.clock import Clock
from tests.harness.support import Client, Shop, latest_code, latest_link

ANN = "ann@example.com"


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def _state() -> dict[str, dict[str, str]]:
    answer = aws_client("dynamodb").get_item(
        TableName="CodesTable", Key={"pk": {"S": f"s1#{ANN}"}}, ConsistentRead=True
    )
    return dict(answer.get("Item") or {})


def _use_link(customer: Client, link: str) -> int:
    """Open the emailed link (a confirmation page), then press its button, as a browser would. A link
    that no longer works shows no button (401): the form is then posted as a script would, and must
    be refused the same way."""
    parts = urlsplit(link)
    page = customer.get(f"{parts.path}?{parts.query}")
    assert page.status in (200, 401), page.body
    assert ('action="/store/account/login/link"' in page.body.decode()) == (page.status == 200)
    fields = {k: v[0] for k, v in parse_qs(parts.query).items()}
    csrf = page.body.decode().split('name="csrf" value="', 1)[1].split('"', 1)[0]
    posted = customer.form("/store/account/login/link", {**fields, "csrf": csrf}).status
    assert page.status == 200 or posted == 401
    return posted


@pytest.fixture
def ann(shop: Shop) -> Shop:
    assert shop.put_order("o1", email=ANN).status == 201
    return shop


def test_wrong_codes_while_no_code_is_live_count_for_nothing_and_write_nothing(ann: Shop, customer: Client) -> None:
    for n in range(30):
        assert ann.verify(customer, ANN, f"{n:06d}", ip=f"192.0.2.{n}").status == 401
    assert _state() == {}  # nothing was written: no lockout, nothing counted
    ann.send_code(customer, ANN)
    assert ann.verify(customer, ANN, latest_code(ANN)).status == 200


def test_the_emailed_link_logs_in_after_the_typed_code_was_burnt(ann: Shop, customer: Client) -> None:
    ann.send_code(customer, ANN)
    code, link = latest_code(ANN), latest_link(ANN)
    for _ in range(5):
        ann.verify(Client(customer.gateway, "shop.example"), ANN, _wrong(code), ip="198.51.100.66")
    assert ann.verify(customer, ANN, code).status == 401  # burnt
    assert _use_link(customer, link) == 303
    assert customer.get("/store/account/api/me").json()["email"] == ANN
    assert _state()["failures_since_login"]["N"] == "0"  # a login resets the budget


def test_a_link_works_once_and_a_newer_email_voids_it(ann: Shop, customer: Client, clock: Clock) -> None:
    ann.send_code(customer, ANN)
    first = latest_link(ANN)
    clock.advance(31)
    ann.send_code(customer, ANN)
    second = latest_link(ANN)
    assert first != second
    assert _use_link(Client(customer.gateway, "shop.example"), first) == 401
    assert _use_link(customer, second) == 303
    assert _use_link(Client(customer.gateway, "shop.example"), second) == 401


def test_a_link_outlives_its_code_for_the_hour_the_send_budget_spans(ann: Shop, customer: Client, clock: Clock) -> None:
    ann.send_code(customer, ANN)
    code, link = latest_code(ANN), latest_link(ANN)
    clock.advance(59 * 60)
    assert ann.verify(customer, ANN, code).status == 401  # the typed code lived 10 minutes
    assert _use_link(customer, link) == 303


def test_a_link_an_hour_old_is_refused(ann: Shop, customer: Client, clock: Clock) -> None:
    ann.send_code(customer, ANN)
    link = latest_link(ANN)
    clock.advance(3601)
    assert _use_link(customer, link) == 401


def test_a_forged_or_another_emails_link_is_refused(ann: Shop, customer: Client) -> None:
    assert ann.put_order("o2", email="bo@example.com").status == 201
    ann.send_code(customer, ANN)
    link = latest_link(ANN)
    assert _use_link(customer, link.replace("ann@example.com", "bo@example.com")) == 401
    token = parse_qs(urlsplit(link).query)["token"][0]
    assert _use_link(customer, link.replace(token, token[:-2] + ("AA" if token[-2:] != "AA" else "BB"))) == 401
    assert _use_link(customer, link) == 303  # the refused tries did not burn the real one


def test_the_link_form_needs_its_csrf_token(ann: Shop, customer: Client) -> None:
    ann.send_code(customer, ANN)
    fields = {k: v[0] for k, v in parse_qs(urlsplit(latest_link(ANN)).query).items()}
    assert customer.form("/store/account/login/link", {**fields, "csrf": "forged"}).status == 403


def test_the_next_code_email_says_someone_entered_wrong_codes(ann: Shop, customer: Client, clock: Clock) -> None:
    from devtools.emulator.outbox import sent_emails

    ann.send_code(customer, ANN)
    for _ in range(5):
        ann.verify(customer, ANN, _wrong(latest_code(ANN)))
    clock.advance(31)
    ann.send_code(customer, ANN)
    text = sent_emails()[-1]["text"]
    assert "Someone entered a wrong code for your email 5 times since you last logged in." in text


@pytest.mark.slow("a hundred and more login requests")
def test_after_a_hundred_wrong_tries_typed_codes_stop_until_a_link_login(
    ann: Shop, customer: Client, clock: Clock
) -> None:
    store = get_store("s1")
    for n in range(20):
        codes.issue_code(store, ANN, f"203.0.113.{n}")
        live = codes.live_code("s1", ANN)
        assert live is not None
        assert live.code is not None
        for k in range(5):
            with pytest.raises(codes.InvalidCode):
                codes.check_code(store, ANN, _wrong(live.code), f"198.18.{n}.{k}")
        clock.advance(721)  # past the 30 s and the 5-an-hour send limits
    ann.send_code(customer, ANN)
    live = codes.live_code("s1", ANN)
    assert live is not None
    assert live.code is None  # the email carries the link alone
    with pytest.raises(codes.InvalidCode):
        codes.check_code(store, ANN, codes.code_for("s1", ANN, live.counter), "192.0.2.200")
    assert _use_link(customer, latest_link(ANN)) == 303
    clock.advance(721)
    assert ann.send_code(customer, ANN).status == 202
    assert ann.verify(customer, ANN, latest_code(ANN)).status == 200  # typed codes are back


def test_per_address_limits_slide_across_the_hour(ann: Shop, customer: Client, clock: Clock) -> None:
    """60 sends an hour per address: used up in the minute before :00, the address is still refused just
    after :00 (a clock hour would have given it a second budget at once), and free again an hour later."""
    hour = (int(clock.now) // 3600 + 1) * 3600
    clock.now = hour - 60
    for n in range(60):
        assert ann.send_code(customer, f"guest{n}@example.com", ip="192.0.2.9").status == 202
    clock.now = hour + 1
    refused = ann.send_code(customer, "late@example.com", ip="192.0.2.9")
    assert refused.status == 429
    assert int(refused.header("Retry-After") or 0) > 0
    clock.now = hour + 3600
    assert ann.send_code(customer, "later@example.com", ip="192.0.2.9").status == 202
