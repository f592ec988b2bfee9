"""Companies (API.md section 11), through the real routes: store systems push a company and its members;
each member sees and acts on the company's orders and invoices as the role table says, on the member's
next request after a change; and nothing of another company or of a customer outside the company leaks,
whatever ids, cursors or searches a member sends."""

from __future__ import annotations

from typing import Any

import pytest

from access_center.companies.models import CompanyView, MyCompany
from access_center.orders.models import OrderList
from devtools.emulator.gateway import Gateway
from tests.harness.backends import data_items
from tests.harness.catalog import published
from tests.harness.models import answer
from tests.harness.streams import drain_order_stream
from tests.harness.support import Client, Shop

BUYER, MANAGER, FINANCE, ADMIN = (
    "buyer@acme.example",
    "manager@acme.example",
    "finance@acme.example",
    "admin@acme.example",
)
OUTSIDER, RIVAL = "solo@example.com", "rival@other.example"
ROLES = {BUYER: "buyer", MANAGER: "manager", FINANCE: "finance", ADMIN: "admin"}
API = "/store/account/api"


def _company(shop: Shop, company_id: str, name: str, members: dict[str, str]) -> Any:
    body = {"name": name, "members": [{"email": email, "role": role} for email, role in members.items()]}
    return shop.admin.put(f"/admin/stores/{shop.store_id}/companies/{company_id}", body)


@pytest.fixture
def acme(shop: Shop) -> Shop:
    """Acme (four members, one per role) with two orders its buyer placed for it and one the manager placed;
    Rival (another company) with one order; and the buyer's own order of no company. The store takes
    cancellation requests and messages."""
    shop.settings(cancellations_enabled=True, messages_enabled=True)
    assert _company(shop, "acme", "Acme", ROLES).status == 200
    assert _company(shop, "rival", "Rival", {RIVAL: "admin"}).status == 200
    for order_id, email, number, company in [
        ("a1", BUYER, "A-1", "acme"),
        ("a2", BUYER, "A-2", "acme"),
        ("m1", MANAGER, "M-1", "acme"),
        ("r1", RIVAL, "R-1", "rival"),
        ("own", BUYER, "P-1", None),
    ]:
        extra = {"company_id": company} if company else {}
        assert shop.put_order(order_id, email=email, number=number, **extra).status == 201
    return shop


def _member(gateway: Gateway, shop: Shop, email: str) -> Client:
    client = Client(gateway, host=shop.domain)
    shop.login(client, email)
    return client


@pytest.fixture
def members(gateway: Gateway, acme: Shop) -> dict[str, Client]:
    return {email: _member(gateway, acme, email) for email in [*ROLES, OUTSIDER, RIVAL]}


def _numbers(reply: Any) -> list[str]:
    assert reply.status == 200, reply.body
    return sorted(order["number"] for order in answer(OrderList, reply)["orders"])


def test_the_store_reads_back_the_company_it_pushed_and_the_same_push_changes_nothing(acme: Shop) -> None:
    path = "/admin/stores/s1/companies/acme"
    view = answer(CompanyView, acme.admin.get(path))
    assert view == {
        "company_id": "acme",
        "name": "Acme",
        "members": [{"email": e, "role": ROLES[e]} for e in sorted(ROLES)],
    }
    before = data_items("CustomersTable")
    assert answer(CompanyView, _company(acme, "acme", "Acme", ROLES)) == view
    assert data_items("CustomersTable") == before


def test_an_email_in_another_company_is_409_naming_it_and_nothing_is_written(acme: Shop) -> None:
    before = data_items("CustomersTable")
    reply = _company(acme, "acme", "Acme", {**ROLES, RIVAL: "buyer", "new@acme.example": "buyer"})
    assert reply.status == 409, reply.body
    assert reply.json()["details"] == [{"email": RIVAL}]
    assert data_items("CustomersTable") == before


def test_once_removed_from_one_company_an_email_may_join_another(acme: Shop, members: dict[str, Client]) -> None:
    assert _company(acme, "rival", "Rival", {}).status == 200
    assert _company(acme, "acme", "Acme", {**ROLES, RIVAL: "buyer"}).status == 200
    assert members[RIVAL].get(f"{API}/company").json()["company_id"] == "acme"


def test_each_member_reads_their_company_and_only_an_admin_its_members(members: dict[str, Client]) -> None:
    for email, role in ROLES.items():
        company = answer(MyCompany, members[email].get(f"{API}/company"))
        assert (company["name"], company["role"]) == ("Acme", role)
        assert ("members" in company) is (role == "admin")
    assert members[OUTSIDER].get(f"{API}/company").status == 404


def test_the_company_list_is_by_role_with_who_placed_each(members: dict[str, Client]) -> None:
    for email in (MANAGER, FINANCE, ADMIN):
        reply = members[email].get(f"{API}/orders?scope=company")
        assert _numbers(reply) == ["A-1", "A-2", "M-1"]
        placed = {o["number"]: o["placed_by"] for o in reply.json()["orders"]}
        assert placed == {"A-1": BUYER, "A-2": BUYER, "M-1": MANAGER}
    assert members[BUYER].get(f"{API}/orders?scope=company").status == 403
    assert members[OUTSIDER].get(f"{API}/orders?scope=company").status == 404
    # Their own list is their own: the buyer's company and private orders, the manager's one.
    assert _numbers(members[BUYER].get(f"{API}/orders")) == ["A-1", "A-2", "P-1"]
    assert _numbers(members[MANAGER].get(f"{API}/orders")) == ["M-1"]


def test_a_colleagues_order_by_id_is_404_for_a_buyer_and_read_only_for_finance(members: dict[str, Client]) -> None:
    assert members[BUYER].get(f"{API}/orders/m1").status == 404
    assert members[MANAGER].get(f"{API}/orders/a1").json()["email"] == BUYER
    assert members[FINANCE].get(f"{API}/orders/a1").status == 200
    refused = members[FINANCE].post(f"{API}/orders/a1/cancellation", {})
    assert refused.status == 403, refused.body
    assert members[FINANCE].post(f"{API}/orders/a1/messages", {"body": "Hello"}).status == 403
    # The buyer's order of no company is no colleague's business.
    for email in (MANAGER, FINANCE, ADMIN):
        assert members[email].get(f"{API}/orders/own").status == 404


def test_a_manager_acts_on_a_colleagues_order_and_the_store_hears_who_acted(
    acme: Shop, members: dict[str, Client]
) -> None:
    assert members[MANAGER].post(f"{API}/orders/a1/cancellation", {"reason": "duplicate"}).status == 202
    posted = members[MANAGER].post(f"{API}/orders/a1/messages", {"body": "Please hold it"})
    assert posted.status == 201, posted.body
    assert posted.json()["acted_by"] == MANAGER
    drain_order_stream()
    view = members[BUYER].get(f"{API}/orders/a1").json()
    assert view["cancellation"]["acted_by"] == MANAGER
    [event] = [e["detail"] for e in published() if e["detail_type"] == "CancellationRequested"]
    assert event["acted_by"] == MANAGER
    # The buyer acting on their own order names nobody.
    assert members[BUYER].post(f"{API}/orders/a2/cancellation", {}).status == 202
    assert "acted_by" not in members[BUYER].get(f"{API}/orders/a2").json()["cancellation"]


def test_a_role_change_or_removal_applies_to_the_members_next_request(acme: Shop, members: dict[str, Client]) -> None:
    assert members[MANAGER].get(f"{API}/orders/a1").status == 200
    assert _company(acme, "acme", "Acme", {**ROLES, MANAGER: "buyer"}).status == 200
    assert members[MANAGER].get(f"{API}/orders/a1").status == 404
    assert members[MANAGER].get(f"{API}/orders?scope=company").status == 403
    assert _company(acme, "acme", "Acme", {BUYER: "buyer"}).status == 200
    assert members[ADMIN].get(f"{API}/company").status == 404
    assert members[ADMIN].get(f"{API}/orders?scope=company").status == 404
    assert acme.admin.request("DELETE", "/admin/stores/s1/companies/acme").status == 204
    assert members[BUYER].get(f"{API}/company").status == 404


def test_a_cursor_from_one_list_is_400_in_another(acme: Shop, members: dict[str, Client]) -> None:
    buyers = _cursor(members[BUYER].get(f"{API}/orders?limit=1"))
    company = _cursor(members[MANAGER].get(f"{API}/orders?scope=company&limit=1"))
    assert buyers
    assert company
    assert members[MANAGER].get(f"{API}/orders?scope=company&cursor={buyers}").status == 400
    assert members[MANAGER].get(f"{API}/orders?cursor={company}").status == 400
    assert members[RIVAL].get(f"{API}/orders?scope=company&cursor={company}").status == 400
    assert members[MANAGER].get(f"{API}/orders?scope=company&cursor={company}").status == 200


def _cursor(reply: Any) -> str:
    assert reply.status == 200, reply.body
    return str(reply.json()["next_cursor"] or "")


def test_a_member_of_one_company_never_sees_anothers_by_list_id_search_or_invoice(
    acme: Shop, members: dict[str, Client]
) -> None:
    invoice = {"number": "INV-R", "email": RIVAL, "issued_at": "2026-11-01T09:00:00Z", "currency": "EUR", "total": 100,
               "amount_due": 0, "payment_status": "paid", "order_ids": ["r1"], "company_id": "rival",
               "document_url": "https://erp.example/d/INV-R.pdf"}  # fmt: skip
    assert acme.admin.put("/admin/stores/s1/invoices/inv-r", invoice).status == 201
    for email in ROLES:
        client = members[email]
        assert client.get(f"{API}/orders/r1").status == 404
        assert client.get(f"{API}/orders/r1/messages").status == 404
        assert client.get(f"{API}/invoices/inv-r/document").status == 404
        for scope in ("", "&scope=company"):
            reply = client.get(f"{API}/orders?q=R-1{scope}")
            assert reply.status in (200, 403)
            assert b"R-1" not in reply.body
        invoices = client.get(f"{API}/invoices?scope=company")
        assert invoices.status in (200, 403)
        assert b"INV-R" not in invoices.body
    assert _numbers(members[RIVAL].get(f"{API}/orders?scope=company")) == ["R-1"]


def test_company_invoices_are_for_finance_and_admin_and_they_download_them(
    acme: Shop, members: dict[str, Client]
) -> None:
    invoice = {"number": "INV-A", "email": BUYER, "issued_at": "2026-11-01T09:00:00Z", "currency": "EUR", "total": 100,
               "amount_due": 100, "payment_status": "unpaid", "order_ids": ["a1"], "company_id": "acme",
               "document_url": "https://erp.example/d/INV-A.pdf"}  # fmt: skip
    assert acme.admin.put("/admin/stores/s1/invoices/inv-a", invoice).status == 201
    for email in (FINANCE, ADMIN):
        listed = members[email].get(f"{API}/invoices?scope=company")
        assert [i["number"] for i in listed.json()["invoices"]] == ["INV-A"]
        assert members[email].get(f"{API}/invoices/inv-a/document").status == 303
    for email in (BUYER, MANAGER):
        assert members[email].get(f"{API}/invoices?scope=company").status == 403
    assert members[MANAGER].get(f"{API}/invoices/inv-a/document").status == 404
    assert members[BUYER].get(f"{API}/invoices/inv-a/document").status == 303  # the buyer's own
    assert members[OUTSIDER].get(f"{API}/invoices?scope=company").status == 404


def test_an_order_moved_to_another_company_leaves_the_first_companys_list(
    acme: Shop, members: dict[str, Client]
) -> None:
    assert acme.put_order("a2", email=BUYER, number="A-2", company_id="rival").status == 200
    assert _numbers(members[MANAGER].get(f"{API}/orders?scope=company")) == ["A-1", "M-1"]
    assert _numbers(members[RIVAL].get(f"{API}/orders?scope=company")) == ["A-2", "R-1"]


def test_a_member_without_an_order_may_log_in_with_a_code(acme: Shop, gateway: Gateway) -> None:
    assert acme.login_with_code(Client(gateway, host=acme.domain), ADMIN).status == 200


def test_an_orders_attachments_are_for_whoever_sees_the_order(members: dict[str, Client]) -> None:
    from tests.functional.messages.test_attachments import _uploaded

    def posted_file(writer: Client, order_id: str) -> str:
        attachment_id = _uploaded(writer)
        reply = writer.post(
            f"{API}/orders/{order_id}/messages", {"body": "See the photo", "attachment_ids": [attachment_id]}
        )
        assert reply.status == 201, reply.body
        return attachment_id

    acme_file, rival_file = posted_file(members[BUYER], "a1"), posted_file(members[RIVAL], "r1")
    for email in (MANAGER, FINANCE, ADMIN):
        assert members[email].get(f"{API}/attachments/{acme_file}").status == 303
        assert members[email].get(f"{API}/orders/a1/messages").json()["messages"][0]["body"] == "See the photo"
    for email in ROLES:
        assert members[email].get(f"{API}/attachments/{rival_file}").status == 404
    assert members[BUYER].get(f"{API}/attachments/{acme_file}").status == 303
    assert members[OUTSIDER].get(f"{API}/attachments/{acme_file}").status == 404


def test_the_store_finds_a_member_with_no_order_as_its_customer(acme: Shop) -> None:
    found = acme.admin.get(f"/admin/stores/s1/customers?email={ADMIN}")
    assert found.status == 200, found.body
    assert found.json()["profile"]["email"] == ADMIN
    assert acme.admin.get("/admin/stores/s1/customers?email=nobody@acme.example").status == 404
