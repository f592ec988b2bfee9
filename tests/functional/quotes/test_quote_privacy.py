"""Quotes in the privacy export and the erasure (API.md sections 8 and 12): the export has each quote as
the customer sees it, with when and why they answered it; an erasure keeps the quotes for the store (its
commercial record) and names them in CustomerErasureRequested's `kept`."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from devtools.emulator.outbox import sent_emails
from tests.functional.quotes.helpers import ANN, API, BOB, put_quote, quote_body, quote_items
from tests.harness.aws import aws_client
from tests.harness.catalog import published
from tests.harness.support import Client, Shop

BUCKET = "filesbucket"


def _exported(client: Client) -> dict[str, Any]:
    reply = client.get("/store/account/api/privacy/export")
    assert reply.status == 303, reply.body
    key = unquote(urlsplit(reply.header("Location") or "").path).split(f"/{BUCKET}/", 1)[-1].lstrip("/")
    return json.loads(aws_client("s3").get_object(Bucket=BUCKET, Key=key)["Body"].read())  # type: ignore[no-any-return]


def _erase(client: Client, email: str) -> None:
    """Asked, and confirmed with the emailed link's token (as its page's button posts it)."""
    assert client.post("/store/account/api/privacy/erasure").status == 202
    (link,) = [
        found.group(0)
        for message in sent_emails()
        if message["to"][0] == email and (found := re.search(r"https?://\S+/privacy/erasure\?\S+", message["text"]))
    ]
    token = parse_qs(urlsplit(link).query)["token"][0]
    assert client.form("/store/account/privacy/erasure/confirm", {"token": token}).status == 303


def test_the_export_has_each_quote_as_the_customer_sees_it_with_the_answer(quoting: Shop, ann: Client) -> None:
    assert quoting.put_order("o1").status == 201  # the export needs nothing but a session; an order as usual
    assert put_quote(quoting, "q1").status == 201
    assert put_quote(quoting, "q2", quote_body("Q-2")).status == 201
    assert put_quote(quoting, "bobs", quote_body("Q-B", email=BOB)).status == 201
    assert ann.post(f"{API}/q1/decline", {"reason": "Too dear"}).status == 200

    exported = _exported(ann)["quotes"]

    assert {q["quote_id"] for q in exported} == {"q1", "q2"}
    declined = next(q for q in exported if q["quote_id"] == "q1")
    assert declined == ann.get(f"{API}/q1").json()
    assert (declined["status"], declined["decline_reason"]) == ("declined", "Too dear")
    assert declined["decided_at"].endswith("Z")
    assert declined["lines"][0]["options"] == [{"name": "Burr", "value": "Steel"}, {"name": "Colour", "value": "Black"}]
    assert BOB not in json.dumps(exported)


def test_an_erasure_keeps_the_quotes_for_the_store_and_names_them(quoting: Shop, ann: Client) -> None:
    assert put_quote(quoting, "q1").status == 201
    assert ann.post(f"{API}/q1/accept").status == 200
    stored = quote_items()

    _erase(ann, ANN)

    (event,) = [e["detail"] for e in published() if e["detail_type"] == "CustomerErasureRequested"]
    assert "quotes" in event["kept"]
    assert "quotes" not in event["erased"]
    assert quote_items() == stored
    assert quoting.admin.get("/admin/stores/s1/quotes/q1").json()["status"] == "accepted"


def test_the_erasure_page_names_the_quotes_among_what_the_store_keeps() -> None:
    from access_center.privacy import holdings
    from access_center.privacy.pages import HOLDING_NAMES

    assert "quotes" in holdings.kept()
    assert "quotes" in HOLDING_NAMES
