"""The contact form's pure rules (access_center.contact.rules): whose message it is, and who may name an order."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from access_center.contact import rules
from access_center.core.errors import Unprocessable

emails = st.from_regex(r"[a-z]{1,8}@[a-z]{1,8}\.example", fullmatch=True)


@given(emails, st.one_of(st.none(), st.just("")))
def test_signed_in_the_message_is_the_sessions_email_when_none_is_given(session: str, given_email: str | None) -> None:
    assert rules.sender(session, given_email or None) == session


@given(emails)
def test_signed_in_repeating_the_sessions_email_is_taken(session: str) -> None:
    assert rules.sender(session, session) == session


@given(emails, emails)
def test_signed_in_another_email_is_refused(session: str, other: str) -> None:
    if other == session:
        return
    with pytest.raises(Unprocessable):
        rules.sender(session, other)


@given(emails)
def test_signed_out_the_given_email_is_the_senders(given_email: str) -> None:
    assert rules.sender(None, given_email) == given_email


def test_signed_out_without_an_email_is_refused() -> None:
    for missing in (None, ""):
        with pytest.raises(Unprocessable):
            rules.sender(None, missing)


def test_only_a_signed_in_customer_may_name_an_order() -> None:
    rules.check_order_reference(True, "o1")
    rules.check_order_reference(False, None)
    with pytest.raises(Unprocessable):
        rules.check_order_reference(False, "o1")
