"""Issue 32, company data in the privacy export and the erasure (API.md sections 8 and 11): a member's
export has their company and role (null outside any company, never the other members); an erasure keeps
the membership and the company's lists for the store, and names them in CustomerErasureRequested's
`kept` (the store pushes the member list, so it decides whether the email stays in it)."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from devtools.emulator.gateway import Gateway
from devtools.emulator.outbox import sent_emails
from tests.harness.aws import aws_client
from tests.harness.catalog import published
from tests.harness.support import Client, Shop

ANN, BOB, CY = "ann@example.com", "bob@example.com", "cy@example.com"
BUCKET = "filesbucket"
COMPANY = "/admin/stores/s1/companies/c1"


@pytest.fixture
def acme(shop: Shop) -> None:
    """Acme: Ann a buyer, Bob its admin; Ann's order o1 is the company's."""
    members = [{"email": ANN, "role": "buyer"}, {"email": BOB, "role": "admin"}]
    assert shop.admin.put(COMPANY, {"name": "Acme", "members": members}).status == 200
    assert shop.put_order("o1", email=ANN, company_id="c1").status == 201


def _signed_in(shop: Shop, gateway: Gateway, email: str) -> Client:
    client = Client(gateway, host="shop.example")
    shop.login(client, email)
    return client


def _exported(client: Client) -> dict[str, Any]:
    reply = client.get("/store/account/api/privacy/export")
    assert reply.status == 303, reply.body
    key = unquote(urlsplit(reply.header("Location")).path).split(f"/{BUCKET}/", 1)[-1].lstrip("/")
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


def _membership(email: str) -> dict[str, Any] | None:
    key = {"pk": {"S": f"s1#{email}"}, "sk": {"S": "company"}}
    found = aws_client("dynamodb").get_item(TableName="CustomersTable", Key=key, ConsistentRead=True)
    return found.get("Item")


def test_a_members_export_has_their_company_and_role_and_no_other_member(
    shop: Shop, gateway: Gateway, acme: None
) -> None:
    document = _exported(_signed_in(shop, gateway, ANN))

    company = document["company_membership"]
    assert (company["company_id"], company["name"], company["role"]) == ("c1", "Acme", "buyer")
    assert company["joined_at"].endswith("Z")
    assert BOB not in json.dumps(document)  # a colleague's email is theirs, not Ann's data


def test_outside_any_company_the_export_says_null(shop: Shop, gateway: Gateway, acme: None) -> None:
    assert shop.put_order("o2", email=CY, number="1002").status == 201

    assert _exported(_signed_in(shop, gateway, CY))["company_membership"] is None


def test_a_role_change_by_the_store_is_the_role_exported(shop: Shop, gateway: Gateway, acme: None) -> None:
    members = [{"email": ANN, "role": "finance"}, {"email": BOB, "role": "admin"}]
    assert shop.admin.put(COMPANY, {"name": "Acme Ltd", "members": members}).status == 200

    company = _exported(_signed_in(shop, gateway, ANN))["company_membership"]
    assert (company["name"], company["role"]) == ("Acme Ltd", "finance")


def test_an_erasure_keeps_the_membership_and_the_companys_orders_for_the_store_and_names_them(
    shop: Shop, gateway: Gateway, acme: None
) -> None:
    ann = _signed_in(shop, gateway, ANN)
    assert ann.request("PATCH", "/store/account/api/profile", {"name": "Ann B."}).status == 200

    _erase(ann, ANN)

    assert ann.get("/store/account/api/profile").status == 401  # her own data went, her sessions ended
    (event,) = [e for e in published() if e["detail_type"] == "CustomerErasureRequested"]
    kept, erased = event["detail"]["kept"], event["detail"]["erased"]
    assert {"company_membership", "company_order_entries", "company_invoice_entries"} <= set(kept)
    assert not {"company_membership", "company_order_entries", "company_invoice_entries"} & set(erased)
    membership = _membership(ANN)
    assert membership is not None
    assert (membership["company_id"]["S"], membership["role"]["S"]) == ("c1", "buyer")
    store_view = shop.admin.get(COMPANY).json()
    assert {"email": ANN, "role": "buyer"} in store_view["members"]
    bob = _signed_in(shop, gateway, BOB)
    assert {"email": ANN, "role": "buyer"} in bob.get("/store/account/api/company").json()["members"]
    company_orders = bob.get("/store/account/api/orders?scope=company").json()["orders"]
    assert [(o["order_id"], o["placed_by"]) for o in company_orders] == [("o1", ANN)]


def test_the_store_decides_after_an_erasure_by_pushing_the_member_list_without_the_email(
    shop: Shop, gateway: Gateway, acme: None
) -> None:
    _erase(_signed_in(shop, gateway, ANN), ANN)

    assert shop.admin.put(COMPANY, {"name": "Acme", "members": [{"email": BOB, "role": "admin"}]}).status == 200

    assert _membership(ANN) is None
    bob = _signed_in(shop, gateway, BOB)
    assert bob.get("/store/account/api/company").json()["members"] == [{"email": BOB, "role": "admin"}]
    company_orders = bob.get("/store/account/api/orders?scope=company").json()["orders"]
    assert [(o["order_id"], o["placed_by"]) for o in company_orders] == [("o1", ANN)]  # the store's record
