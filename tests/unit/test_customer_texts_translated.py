"""The texts built in Python that a customer reads, in the current language (issue 30): an order's status,
outlook and line states (orders.rules), a message body's field errors (messages.rules, core.field_errors)
and a 400's field errors (web.errors). Checked in the pseudo-locale, whose catalog `make messages` writes
from every marked text: a text shown untranslated there was never marked or was translated too early.
English stays as it was."""

from __future__ import annotations

import json
from typing import Any

import pytest
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from pydantic import ValidationError

from access_center.core import i18n
from access_center.core.email_address import normalise_email
from access_center.core.field_errors import FieldError
from access_center.messages import rules as messages
from access_center.messages.models import MessageIn
from access_center.orders import rules
from access_center.orders.line_states import line_states
from access_center.returns.models import ReturnIn
from access_center.web.errors import validation_error_response
from devtools.messages import pseudo as accented


def pseudo(msgid: str) -> str:
    """`msgid` as the pseudo-locale writes it (accented, bracketed, longer): a label shown so in the
    pseudo-locale was found in its catalog (in whatever context it is marked); one left out stays English."""
    return accented(msgid)


STATUSES = [
    # (store status, fulfilment, by_word, shipping_emails) -> (label, outlook) in English
    (("processing", rules.UNFULFILLED, False, True), ("Processing", "Nothing has shipped yet. We will email you when it does.")),
    (("pending", rules.UNFULFILLED, False, False), ("Pending", "Nothing has shipped yet.")),
    (("", rules.UNFULFILLED, False, False), ("Not shipped yet", "Nothing has shipped yet.")),
    (("processing", rules.PARTIALLY_FULFILLED, False, True), ("Partly shipped", "Part of this order has shipped. We will email you when the rest does.")),
    (("shipped", rules.PARTIALLY_FULFILLED, False, False), ("Partly shipped", "Part of this order has shipped.")),
    (("shipped", rules.FULFILLED, False, True), ("Shipped", "Everything in this order has shipped.")),
    (("delivered", rules.FULFILLED, False, True), ("Delivered", "This order has been delivered.")),
    (("shipped", rules.FULFILLED, True, True), ("Shipped", "The store has marked this order as shipped.")),
    (("delivered", rules.FULFILLED, True, True), ("Delivered", "The store has marked this order as delivered.")),
    (("cancelled", rules.UNFULFILLED, False, True), ("Cancelled", "This order was cancelled, so nothing will ship.")),
    (("cancelled", rules.PARTIALLY_FULFILLED, False, True), ("Cancelled", "This order was cancelled: nothing more will ship.")),
    (("refunded", rules.UNFULFILLED, False, True), ("Refunded", "This order was refunded, so nothing will ship.")),
    (("returned", rules.FULFILLED, False, True), ("Returned", "This order was returned.")),
]  # fmt: skip


def _status(case: tuple[str, str, bool, bool]) -> tuple[str, str]:
    status, fulfilment, by_word, emails = case
    shown = rules.customer_status(status, fulfilment, by_word=by_word, shipping_emails=emails)
    return shown.label, shown.outlook


@pytest.mark.parametrize(("case", "english"), STATUSES)
def test_an_order_status_and_outlook_are_in_the_current_language(
    case: tuple[str, str, bool, bool], english: tuple[str, str]
) -> None:
    assert _status(case) == english
    with i18n.speaking(i18n.PSEUDO):
        assert _status(case) == (pseudo(english[0]), pseudo(english[1]))


def test_a_store_made_status_stays_as_the_store_wrote_it() -> None:
    with i18n.speaking(i18n.PSEUDO):
        assert rules.customer_status("awaiting_stock", rules.UNFULFILLED).label == "Awaiting stock"


def _order(status: str, quantity: int, shipped: int) -> dict[str, Any]:
    fulfilments = [{"fulfilment_id": "f1", "status": "shipped", "items": [{"line_id": "l1", "quantity": shipped}]}]
    return {
        "status": status,
        "items": [{"line_id": "l1", "quantity": quantity}],
        "fulfilments": fulfilments if shipped else [],
    }


LINES = [
    # (store status, quantity, shipped) -> English, and the marked text it is made of
    (("processing", 3, 1), "1 of 3 shipped", "%(shipped)s of %(quantity)s shipped"),
    (("processing", 3, 0), "Not yet shipped", "Not yet shipped"),
    (("processing", 3, 3), "Shipped", "Shipped"),
    (("delivered", 2, 2), "Delivered", "Delivered"),
    (("cancelled", 3, 2), "2 of 3 shipped, 1 cancelled", "%(shipped)s of %(quantity)s shipped, %(rest)s cancelled"),
    (("cancelled", 3, 0), "Cancelled", "Cancelled"),
    (("returned", 3, 1), "1 of 3 returned; the rest never shipped", "%(shipped)s of %(quantity)s returned; the rest never shipped"),
    (("returned", 3, 3), "Returned", "Returned"),
    (("refunded", 3, 3), "Refunded", "Refunded"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "english", "marked"), LINES)
def test_a_line_state_is_in_the_current_language(case: tuple[str, int, int], english: str, marked: str) -> None:
    order = _order(*case)
    _status, quantity, shipped = case
    assert line_states(order)["l1"].label == english  # type: ignore[arg-type]
    with i18n.speaking(i18n.PSEUDO):
        counted = {"shipped": shipped, "quantity": quantity, "rest": quantity - shipped}
        assert line_states(order)["l1"].label == pseudo(marked) % counted  # type: ignore[arg-type]


def test_a_message_body_error_is_marked_english_and_translated_where_shown() -> None:
    with pytest.raises(FieldError) as raised:
        messages.clean_body("x" * (messages.MAX_BODY_CHARS + 1))
    assert str(raised.value) == "must be at most 5,000 characters"  # as pydantic lists it, unchanged
    assert messages.page_sentence(raised.value) == "The message must be at most 5,000 characters."
    with i18n.speaking("de"):  # the number as German writes it, whatever the catalog holds yet
        assert "5.000" in str(messages.page_sentence(raised.value))
    with i18n.speaking(i18n.PSEUDO):
        assert raised.value.translated() == pseudo("must be at most %(count)s characters") % {"count": "5,000"}
        assert messages.page_sentence(raised.value) == pseudo("The message must be at most %(count)s characters.") % {
            "count": "5,000"
        }
    assert messages.page_sentence(FieldError(i18n.N_("must be a file name"))) is None  # not clean_body's


def _details(model: type[MessageIn | ReturnIn], body: dict[str, Any]) -> list[dict[str, Any]]:
    with pytest.raises(ValidationError) as raised:
        model.model_validate(body)
    reply = validation_error_response(RequestValidationError(raised.value.errors()))
    return list(json.loads(str(reply.body))["details"])


@pytest.mark.parametrize(
    ("model", "body", "english"),
    [
        (MessageIn, {"body": "x" * 5001}, "must be at most 5,000 characters"),
        (
            ReturnIn,
            {"items": [{"line_id": "l1", "quantity": 1, "reason": "other"}] * 2},
            "each line_id at most once",
        ),
        (
            ReturnIn,
            {"items": [{"line_id": "l1", "quantity": 1, "reason": "other"}], "comment": "see \x1b[2J"},
            "must be text without control or invisible direction characters",
        ),
    ],
)
def test_a_customer_field_error_in_a_400_is_in_the_current_language(
    model: type[MessageIn | ReturnIn], body: dict[str, Any], english: str
) -> None:
    assert [d["msg"] for d in _details(model, body)] == [f"Value error, {english}"]  # English as pydantic words it
    with i18n.speaking(i18n.PSEUDO):
        marked = english.replace("5,000", "%(count)s")
        assert [d["msg"] for d in _details(model, body)] == [pseudo(marked) % {"count": "5,000"}]


def test_pydantic_s_own_field_errors_stay_as_pydantic_words_them() -> None:
    with i18n.speaking(i18n.PSEUDO):
        assert [d["msg"] for d in _details(MessageIn, {})] == ["Field required"]


def test_an_email_address_error_is_marked() -> None:
    with pytest.raises(FieldError) as raised:
        normalise_email("not an address")
    assert str(raised.value) == "not a valid email address"
    with i18n.speaking(i18n.PSEUDO):
        assert raised.value.translated() == pseudo("not a valid email address")
