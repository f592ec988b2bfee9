"""Contact form messages in the privacy export and erasure (API.md section 8), through the routes (so each
function's role allows what it reads and deletes): the email's messages are exported (subject, body,
order, sent_at), a signed-out visitor's under the email they gave too, and erased with their entries;
another email's stay."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from access_center.privacy import erasure, holdings
from devtools.emulator.outbox import sent_emails
from tests.functional.contact.conftest import ANN, BOB, message, send
from tests.harness.aws import aws_client
from tests.harness.backends import data_items
from tests.harness.support import Client, Shop

BUCKET = "filesbucket"


def _exported(client: Client) -> dict[str, Any]:
    reply = client.get("/store/account/api/privacy/export")
    assert reply.status == 303, reply.body
    key = unquote(urlsplit(reply.header("Location") or "").path).split(f"/{BUCKET}/", 1)[-1].lstrip("/")
    return json.loads(aws_client("s3").get_object(Bucket=BUCKET, Key=key)["Body"].read())  # type: ignore[no-any-return]


def _erase(client: Client, email: str) -> None:
    assert client.post("/store/account/api/privacy/erasure").status == 202
    (link,) = [
        found.group(0)
        for sent in sent_emails()
        if sent["to"][0] == email and (found := re.search(r"https?://\S+/privacy/erasure\?\S+", sent["text"]))
    ]
    token = parse_qs(urlsplit(link).query)["token"][0]
    assert client.form("/store/account/privacy/erasure/confirm", {"token": token}).status == 303


def _contact_keys() -> list[str]:
    found = [i for i in data_items("MessagesTable") if i["sk"]["S"] == "contact"]
    found += [i for i in data_items("CustomersTable") if i["sk"]["S"].startswith("contact#")]
    return sorted(f"{i['pk']['S'].split('#')[1]} {i['sk']['S'].split('#')[0]}" for i in found)


def test_the_holding_is_deleted_on_erasure() -> None:
    [held] = [h for h in holdings.HOLDINGS if h.name == "contact_messages"]
    assert held.on_erasure == holdings.DELETE
    assert "contact_messages" in erasure._DELETERS


def test_the_export_holds_the_emails_messages_newest_first_signed_in_or_not(
    on: Shop, ann: Client, visitor: Client, clock: Any
) -> None:
    assert send(visitor, message(email=ANN, subject="Before my account")).status == 202
    clock.advance(60)
    assert send(ann, message(subject="About my order", order_id="o1")).status == 202
    assert send(visitor, message(email=BOB, subject="Bob's")).status == 202
    exported = _exported(ann)["contact_messages"]
    assert [(m["subject"], m["order_number"]) for m in exported] == [
        ("About my order", "1001"),
        ("Before my account", None),
    ]
    assert exported[0]["body"] == "Hello,\nit has not arrived yet."
    assert exported[0]["order_id"] == "o1"
    assert set(exported[0]) == {"message_id", "subject", "body", "order_id", "order_number", "sent_at"}


def test_erasure_deletes_the_emails_messages_and_entries_and_keeps_anothers(
    on: Shop, ann: Client, visitor: Client
) -> None:
    assert send(ann).status == 202
    assert send(visitor, message(email=ANN)).status == 202
    assert send(visitor, message(email=BOB)).status == 202
    _erase(ann, ANN)
    assert _contact_keys() == [f"{BOB} contact", "contact contact"]
    erasure._DELETERS["contact_messages"]("s1", ANN)  # again: nothing left, no error
