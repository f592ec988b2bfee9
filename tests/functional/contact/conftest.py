"""The contact form's fixtures: store s1 with the form on (its support address help@shop.example), Ann's
order 1001 (o1) and Bob's (o2), and Ann signed in; a visitor who is not."""

from __future__ import annotations

from typing import Any

import pytest

from devtools.emulator.gateway import Gateway, Reply
from devtools.emulator.outbox import sent_emails
from tests.harness.bodies import order_body
from tests.harness.support import Client, Shop

ANN, BOB = "ann@example.com", "bob@example.com"
API = "/store/account/api/contact"
PAGE = "/store/account/contact"


def message(**extra: Any) -> dict[str, Any]:
    return {"subject": "Where is my grinder?", "body": "Hello,\nit has not arrived yet.", **extra}


def contact_emails() -> list[dict[str, Any]]:
    return [e for e in sent_emails() if e["subject"].startswith("Contact form: ")]


@pytest.fixture
def on(shop: Shop) -> Shop:
    shop.settings(contact_form_enabled=True)
    assert shop.put_order("o1", order_body(ANN, "1001")).status == 201
    assert shop.put_order("o2", order_body(BOB, "2002")).status == 201
    return shop


@pytest.fixture
def ann(on: Shop, customer: Client) -> Client:
    on.login(customer, ANN)
    return customer


@pytest.fixture
def visitor(on: Shop, gateway: Gateway) -> Client:
    return Client(gateway, host="shop.example", ip="203.0.113.9")


def send(client: Client, body: dict[str, Any] | None = None, **kw: Any) -> Reply:
    return client.post(API, body if body is not None else message(), **kw)
