"""Email per store (issue 29): a store with its own domain sends through its own SES tenant, an identity it
leaves is deleted (only this stack's, only once no store of the stack claims it), and a deletion that
fails is finished by the next change. SES tenants run on devtools.emulator.ses_tenants (moto has none);
their request and answer shapes against botocore's model: tests/unit/test_ses_tenants.py."""

from __future__ import annotations

from typing import Any

from access_center.aws.ses_tenants import tenant_name
from tests.harness.aws import aws_client
from tests.harness.backends import table_items
from tests.harness.bodies import order_body
from tests.harness.streams import drain_order_stream
from tests.harness.support import Client, Shop

STACK = "access-center-local"  # devtools.localenv's STACK_NAME


def _sent() -> list[Any]:
    from moto.ses.models import ses_backends

    return list(ses_backends["123456789012"]["us-east-1"].sent_messages)


def _identities() -> set[str]:
    return {i["IdentityName"] for i in aws_client("sesv2").list_email_identities()["EmailIdentities"]}


def _tenants() -> dict[str, set[str]]:
    from moto.sesv2.models import sesv2_backends

    backend = sesv2_backends["123456789012"]["us-east-1"]
    return {name: set(t["resources"]) for name, t in getattr(backend, "_dev_tenants", {}).items()}


def _store_item(store_id: str) -> dict[str, Any]:
    return next(i for i in table_items("StoresTable") if i["pk"]["S"] == f"store#{store_id}")


def test_each_stores_emails_go_through_its_own_tenant_and_two_stores_never_share(admin: Client) -> None:
    one = Shop.create(admin, "s1", "shop.example")
    two = Shop.create(admin, "s2", "other.example")
    one.put_order("o1")
    two.put_order("o2", order_body(number="2002"))
    drain_order_stream()
    by_sender = {message.source: getattr(message, "tenant_name", None) for message in _sent()}
    assert by_sender == {
        "Shop One <orders@shop.example>": tenant_name("s1"),
        "Shop One <orders@other.example>": tenant_name("s2"),
    }
    assert tenant_name("s1") != tenant_name("s2")
    tenants = _tenants()
    arn = "arn:aws:ses:us-east-1:123456789012"
    assert f"{arn}:identity/shop.example" in tenants[tenant_name("s1")]
    assert f"{arn}:identity/shop.example" not in tenants[tenant_name("s2")]
    for name in (tenant_name("s1"), tenant_name("s2")):  # what every send of a store uses
        assert {f"{arn}:identity/platform.example", f"{arn}:configuration-set/EmailConfigurationSet"} <= tenants[name]


def test_a_store_without_its_own_domain_sends_from_the_platform_outside_any_tenant(admin: Client) -> None:
    shop = Shop.create(admin, "s1", "shop.example", verify_sender=False)
    shop.put_order("o1")
    drain_order_stream()
    (message,) = _sent()
    assert getattr(message, "tenant_name", None) is None
    assert _tenants() == {}


def test_a_stores_tenant_and_identity_carry_the_stack(admin: Client) -> None:
    Shop.create(admin, "s1", "shop.example")
    tags = {t["Key"]: t["Value"] for t in aws_client("sesv2").get_email_identity(EmailIdentity="shop.example")["Tags"]}
    assert tags == {"access-center:managed-by": "sender", "access-center:stack": STACK, "access-center:store": "s1"}
    tenant = aws_client("sesv2").get_tenant(TenantName=tenant_name("s1"))["Tenant"]
    assert {t["Key"]: t["Value"] for t in tenant["Tags"]}["access-center:stack"] == STACK


def test_changing_the_domain_deletes_the_old_identity_and_frees_the_domain(admin: Client) -> None:
    shop = Shop.create(admin, "s1", "shop.example")
    reply = admin.put("/admin/stores/s1/sender", {"domain": "third.example"})
    assert reply.status == 200, reply.body
    assert "shop.example" not in _identities()
    assert not [i for i in table_items("StoresTable") if i["pk"]["S"] == "sender#shop.example"]
    resources = _tenants()[tenant_name("s1")]
    assert "arn:aws:ses:us-east-1:123456789012:identity/shop.example" not in resources
    assert "arn:aws:ses:us-east-1:123456789012:identity/third.example" in resources
    shop.settings(from_email="orders@third.example")
    shop.put_order("o1")
    drain_order_stream()
    assert (_sent()[-1].source, _sent()[-1].tenant_name) == ("Shop One <orders@third.example>", tenant_name("s1"))
    Shop.create(admin, "s2", "other.example")
    assert admin.put("/admin/stores/s2/sender", {"domain": "shop.example"}).status == 200  # free again


def test_a_failed_deletion_stays_on_the_list_holds_the_domain_and_the_next_change_finishes_it(
    admin: Client, faults: Any
) -> None:
    Shop.create(admin, "s1", "shop.example")
    Shop.create(admin, "s2", "other.example", verify_sender=False)
    with faults.throttle("sesv2", "DeleteEmailIdentity"):
        reply = admin.put("/admin/stores/s1/sender", {"domain": "third.example"})
    assert reply.status == 200, reply.body  # the new domain is in place; the old one waits
    assert "shop.example" in _identities()
    assert _store_item("s1")["retiring_senders"] == {"SS": ["shop.example"]}
    # Still held: no other store of the stack can take it and then lose its identity under it.
    assert admin.put("/admin/stores/s2/sender", {"domain": "shop.example"}).status == 409
    assert admin.put("/admin/stores/s1/sender", {"domain": "third.example"}).status == 200  # the next change
    assert "shop.example" not in _identities()
    assert "retiring_senders" not in _store_item("s1")
    assert admin.put("/admin/stores/s2/sender", {"domain": "shop.example"}).status == 200


def test_an_identity_this_stack_did_not_create_is_refused_and_never_deleted(admin: Client) -> None:
    Shop.create(admin, "s1", "shop.example", verify_sender=False)
    production = [
        {"Key": "access-center:managed-by", "Value": "sender"},
        {"Key": "access-center:stack", "Value": "prod"},
    ]
    aws_client("sesv2").create_email_identity(EmailIdentity="other.example", Tags=production)
    aws_client("sesv2").create_email_identity(EmailIdentity="third.example")  # made by a person
    for domain in ("other.example", "third.example"):
        reply = admin.put("/admin/stores/s1/sender", {"domain": domain})
        assert reply.status == 409, reply.body
        assert reply.json()["error"] == "conflict"
    assert {"other.example", "third.example"} <= _identities()
    assert not [i for i in table_items("StoresTable") if i["pk"]["S"].startswith("sender#")]


def test_delete_closes_the_tenant_deletes_the_identity_and_can_be_repeated(admin: Client, faults: Any) -> None:
    shop = Shop.create(admin, "s1", "shop.example")
    with faults.throttle("sesv2", "DeleteEmailIdentity"):
        assert admin.request("DELETE", "/admin/stores/s1/sender").status == 503
    assert "shop.example" in _identities()
    reply = admin.request("DELETE", "/admin/stores/s1/sender")
    assert reply.status == 204, reply.body
    assert "shop.example" not in _identities()
    assert _tenants() == {}
    assert admin.get("/admin/stores/s1/sender").status == 404
    shop.put_order("o1")
    drain_order_stream()
    assert (_sent()[-1].source, getattr(_sent()[-1], "tenant_name", None)) == (
        "Shop One <access-center@platform.example>",
        None,
    )
    assert admin.request("DELETE", "/admin/stores/s1/sender").status == 204
    assert admin.request("DELETE", "/admin/stores/nobody/sender").status == 404


def test_a_failing_tenant_call_leaves_no_claim_and_the_same_request_then_succeeds(admin: Client, faults: Any) -> None:
    Shop.create(admin, "s1", "shop.example", verify_sender=False)
    with faults.throttle("sesv2", "CreateTenantResourceAssociation"):
        assert admin.put("/admin/stores/s1/sender", {"domain": "shop.example"}).status == 503
    assert not [i for i in table_items("StoresTable") if i["pk"]["S"] == "sender#shop.example"]
    assert "email_tenant" not in _store_item("s1")
    assert admin.put("/admin/stores/s1/sender", {"domain": "shop.example"}).status == 200
    assert _store_item("s1")["email_tenant"] == {"S": tenant_name("s1")}
