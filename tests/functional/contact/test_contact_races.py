"""The contact form's hourly limits hold under races (the logic called at once from many threads, each
standing for a container): of 8 messages from one email, or one address, at most 5 are written."""

from __future__ import annotations

from access_center.contact import logic
from access_center.stores.logic import get_store
from tests.functional.contact.conftest import ANN
from tests.harness.backends import data_items
from tests.harness.support import Shop, race


def _written() -> int:
    return len([i for i in data_items("MessagesTable") if i["sk"]["S"] == "contact"])


def _send(email: str | None, address: str, signed_in_as: str | None = None) -> str:
    store = get_store("s1")
    logic.send(store, subject="Hi", body="Hello", email=email, order_id=None, signed_in_as=signed_in_as,
               address=address)  # fmt: skip
    return "sent"


def test_racing_messages_from_one_email_never_pass_5(on: Shop) -> None:
    results = race(lambda i: _send(None, f"203.0.113.{i}", signed_in_as=ANN), 8)
    assert results.count("sent") == 5
    assert sorted(r for r in results if r != "sent") == [429, 429, 429]
    assert _written() == 5


def test_racing_messages_from_one_address_never_pass_5(on: Shop) -> None:
    results = race(lambda i: _send(f"v{i}@example.com", "203.0.113.1"), 8)
    assert results.count("sent") == 5
    assert _written() == 5
