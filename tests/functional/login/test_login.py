"""One-time-code login: API.md section 2, login rules."""

from __future__ import annotations

import re

import pytest

from access_center.login import codes as login
from access_center.login.delivery import send_code
from access_center.login.models import CodeSent, Customer, Verified
from access_center.stores.logic import get_store
from devtools.emulator.gateway import Gateway
from devtools.emulator.outbox import sent_emails
from tests.harness.aws import aws_client
from tests.harness.clock import Clock
from tests.harness.models import answer
from tests.harness.support import Client, Shop, deliver_queued, latest_code, race

ANN = "ann@example.com"


@pytest.fixture
def ann_has_order(shop: Shop) -> Shop:
    assert shop.put_order("o1", email=ANN).status == 201
    return shop


def test_code_request_answers_alike_for_known_and_unknown_emails(ann_has_order: Shop, customer: Client) -> None:
    known = ann_has_order.send_code(customer, ANN)
    unknown = ann_has_order.send_code(customer, "nobody@example.com")
    assert (known.status, answer(CodeSent, known)) == (unknown.status, unknown.json()) == (202, {"status": "sent"})
    assert [m["to"] for m in sent_emails()] == [[ANN]]


def test_code_email_subject_says_code_and_text_shows_six_digits_as_one_group(
    ann_has_order: Shop, customer: Client
) -> None:
    ann_has_order.send_code(customer, ANN)
    (email,) = sent_emails()
    assert "code" in email["subject"].lower()
    assert "Shop One" in email["subject"]
    assert re.search(r"(?<!\d)\d{6}(?!\d)", email["text"])
    assert "10 minutes" in email["text"]
    assert latest_code(ANN) in email["html"]
    assert email["from"] == "Shop One <orders@shop.example>"


def test_right_code_logs_in_with_a_scoped_secure_cookie(ann_has_order: Shop, customer: Client) -> None:
    ann_has_order.send_code(customer, ANN)
    reply = ann_has_order.verify(customer, ANN, latest_code(ANN))
    assert reply.status == 200
    assert answer(Verified, reply) == {"customer": {"email": ANN, "name": "Ann Example"}}
    (cookie,) = reply.headers_named("Set-Cookie")
    attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "secure", "path", "samesite", "max-age"} <= attributes
    assert "Path=/store/account" in cookie
    assert "SameSite=Lax" in cookie
    assert answer(Customer, customer.get("/store/account/api/me")) == {"email": ANN, "name": "Ann Example"}


def test_email_is_matched_case_insensitively(ann_has_order: Shop, customer: Client) -> None:
    ann_has_order.send_code(customer, "  ANN@Example.COM ")
    reply = ann_has_order.verify(customer, "Ann@example.com", latest_code(ANN))
    assert reply.status == 200
    assert reply.json()["customer"]["email"] == ANN


def test_a_code_works_only_once(ann_has_order: Shop, customer: Client) -> None:
    ann_has_order.send_code(customer, ANN)
    code = latest_code(ANN)
    assert ann_has_order.verify(customer, ANN, code).status == 200
    again = ann_has_order.verify(Client(customer.gateway, "shop.example"), ANN, code)
    assert again.status == 401
    assert again.json()["error"] == "invalid_code"


def test_a_code_expires_after_ten_minutes(ann_has_order: Shop, customer: Client, clock: Clock) -> None:
    ann_has_order.send_code(customer, ANN)
    clock.advance(600)
    assert ann_has_order.verify(customer, ANN, latest_code(ANN)).status == 401


def test_a_code_is_still_good_just_before_ten_minutes(ann_has_order: Shop, customer: Client, clock: Clock) -> None:
    ann_has_order.send_code(customer, ANN)
    clock.advance(599)
    assert ann_has_order.verify(customer, ANN, latest_code(ANN)).status == 200


def test_a_new_code_voids_the_older_one(ann_has_order: Shop, customer: Client, clock: Clock) -> None:
    ann_has_order.send_code(customer, ANN)
    first = latest_code(ANN)
    clock.advance(31)
    ann_has_order.send_code(customer, ANN)
    second = latest_code(ANN)
    if first != second:  # one in a million they coincide
        assert ann_has_order.verify(customer, ANN, first).status == 401
    assert ann_has_order.verify(customer, ANN, second).status == 200


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_sixth_try_is_refused_even_if_right(ann_has_order: Shop, customer: Client) -> None:
    ann_has_order.send_code(customer, ANN)
    code = latest_code(ANN)
    for _ in range(5):
        assert ann_has_order.verify(customer, ANN, _wrong(code)).status == 401
    reply = ann_has_order.verify(customer, ANN, code)
    assert reply.status == 401
    assert reply.json()["error"] == "invalid_code"


def test_fifth_try_still_succeeds_after_four_wrong(ann_has_order: Shop, customer: Client) -> None:
    ann_has_order.send_code(customer, ANN)
    code = latest_code(ANN)
    for _ in range(4):
        ann_has_order.verify(customer, ANN, _wrong(code))
    assert ann_has_order.verify(customer, ANN, code).status == 200


def test_each_code_has_its_own_five_tries(ann_has_order: Shop, customer: Client, clock: Clock) -> None:
    ann_has_order.send_code(customer, ANN)
    for _ in range(3):
        ann_has_order.verify(customer, ANN, _wrong(latest_code(ANN)))
    clock.advance(31)
    assert ann_has_order.send_code(customer, ANN).status == 202
    fresh = latest_code(ANN)
    for _ in range(4):
        assert ann_has_order.verify(customer, ANN, _wrong(fresh)).status == 401
    assert ann_has_order.verify(customer, ANN, fresh).status == 200


def test_burning_a_code_locks_nobody_out(ann_has_order: Shop, customer: Client, clock: Clock) -> None:
    """Five wrong tries burn the live code (even the right one fails), and that is all they do: the
    customer can ask for a new code at once, and it works."""
    ann_has_order.send_code(customer, ANN)
    burnt = latest_code(ANN)
    for _ in range(5):
        ann_has_order.verify(customer, ANN, _wrong(burnt))
    assert ann_has_order.verify(customer, ANN, burnt).status == 401
    clock.advance(31)
    assert ann_has_order.send_code(customer, ANN).status == 202
    assert ann_has_order.verify(customer, ANN, latest_code(ANN)).status == 200


def test_invalid_code_answer_is_one_for_wrong_used_expired_and_missing(
    ann_has_order: Shop, customer: Client, clock: Clock
) -> None:
    missing = ann_has_order.verify(customer, ANN, "123456")
    ann_has_order.send_code(customer, ANN)
    code = latest_code(ANN)
    wrong = ann_has_order.verify(customer, ANN, _wrong(code))
    ann_has_order.verify(customer, ANN, code)
    used = ann_has_order.verify(Client(customer.gateway, "shop.example"), ANN, code)
    clock.advance(31)
    ann_has_order.send_code(customer, ANN)
    clock.advance(601)
    expired = ann_has_order.verify(customer, ANN, latest_code(ANN))
    unknown = ann_has_order.verify(customer, "nobody@example.com", "123456")
    answers = {(r.status, r.body) for r in (missing, wrong, used, expired, unknown)}
    assert len(answers) == 1
    assert next(iter(answers))[0] == 401


def test_a_second_send_within_thirty_seconds_is_429_with_retry_after(
    ann_has_order: Shop, customer: Client, clock: Clock
) -> None:
    assert ann_has_order.send_code(customer, ANN).status == 202
    clock.advance(10)
    reply = ann_has_order.send_code(customer, ANN)
    assert reply.status == 429
    assert reply.json()["error"] == "rate_limited"
    assert int(reply.header("Retry-After") or 0) == 20
    clock.advance(20)
    assert ann_has_order.send_code(customer, ANN).status == 202


def test_a_sixth_send_within_an_hour_is_refused(ann_has_order: Shop, customer: Client, clock: Clock) -> None:
    for _ in range(5):
        assert ann_has_order.send_code(customer, ANN).status == 202
        clock.advance(31)
    reply = ann_has_order.send_code(customer, ANN)
    assert reply.status == 429
    assert int(reply.header("Retry-After") or 0) > 3000
    assert len(sent_emails()) == 5


def test_unknown_emails_are_throttled_like_known_ones(ann_has_order: Shop, customer: Client) -> None:
    assert ann_has_order.send_code(customer, "nobody@example.com").status == 202
    assert ann_has_order.send_code(customer, "nobody@example.com").status == 429


def test_per_ip_throttle_allows_a_shared_network_then_refuses(ann_has_order: Shop, customer: Client) -> None:
    statuses = [ann_has_order.send_code(customer, f"person{i}@example.com").status for i in range(61)]
    assert statuses[:60] == [202] * 60
    assert statuses[60] == 429
    other_ip = ann_has_order.send_code(customer, "person99@example.com", ip="192.0.2.99")
    assert other_ip.status == 202


def test_parallel_sends_let_only_one_code_out(ann_has_order: Shop, gateway: Gateway) -> None:
    store = get_store("s1")

    def send(i: int) -> int:
        send_code(store, ANN, f"192.0.2.{i}")
        return 202

    assert sorted(race(send, 8)) == [202] + [429] * 7
    deliver_queued(gateway)
    assert len(sent_emails()) == 1


def test_parallel_wrong_guesses_never_get_past_five(ann_has_order: Shop, customer: Client) -> None:
    ann_has_order.send_code(customer, ANN)
    code = latest_code(ANN)
    store = get_store("s1")

    def guess(i: int) -> int:
        login.check_code(store, ANN, _wrong(code), f"192.0.2.{i}")
        return 200

    assert race(guess, 12) == [401] * 12
    assert ann_has_order.verify(customer, ANN, code).status == 401


def test_a_right_guess_racing_wrong_ones_logs_in_at_most_once(ann_has_order: Shop, customer: Client) -> None:
    ann_has_order.send_code(customer, ANN)
    code = latest_code(ANN)
    store = get_store("s1")

    def guess(i: int) -> int:
        login.check_code(store, ANN, code if i % 2 == 0 else _wrong(code), f"192.0.2.{i}")
        return 200

    results = race(guess, 8)
    assert results.count(200) <= 1
    assert set(results) <= {200, 401}


def test_stored_code_state_does_not_reveal_the_code(ann_has_order: Shop, customer: Client) -> None:
    ann_has_order.send_code(customer, ANN)
    code = latest_code(ANN)
    item = aws_client("dynamodb").get_item(TableName="CodesTable", Key={"pk": {"S": f"s1#{ANN}"}}, ConsistentRead=True)[
        "Item"
    ]
    assert code not in repr(item)
    assert set(item) <= {
        "pk", "counter", "expires_at", "link_expires_at", "sends", "failures", "failures_since_login", "ttl", "version"
    }  # fmt: skip


def test_no_code_or_token_reaches_the_logs(
    ann_has_order: Shop, customer: Client, capsys: pytest.CaptureFixture[str]
) -> None:
    ann_has_order.send_code(customer, ANN)
    code = latest_code(ANN)
    ann_has_order.verify(customer, ANN, code)
    token = customer.cookies["cac_session"]
    logs = capsys.readouterr()
    assert code not in logs.out + logs.err
    assert token not in logs.out + logs.err


@pytest.mark.parametrize("email", ["", "not-an-email", "a@b", "ann@@example.com", "x" * 300 + "@example.com"])
def test_a_bad_email_is_400(ann_has_order: Shop, customer: Client, email: str) -> None:
    reply = ann_has_order.send_code(customer, email)
    assert reply.status == 400
    assert reply.json()["error"] == "bad_request"
    assert reply.json()["details"]
    assert sent_emails() == []


def test_a_request_for_an_unknown_host_is_404(ann_has_order: Shop, customer: Client) -> None:
    reply = ann_has_order.send_code(customer, ANN, host="unknown.example")
    assert reply.status == 404
    assert reply.json()["error"] == "not_found"
    assert sent_emails() == []
