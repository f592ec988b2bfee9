"""The SES calls of email per store, on botocore's own SES v2 model (its Stubber checks every request and
answer against the model's shapes): moto has no tenants, so these pin what we send SES and what we read
back. The behaviour end to end (emulated tenants): tests/functional/stores/test_sender_tenants.py."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from botocore.exceptions import ClientError
from botocore.stub import ANY, Stubber

from access_center.aws import ses, ses_tenants
from access_center.core.config import settings

ARN = "arn:aws:ses:us-east-1:111122223333"
STACK = settings().stack_name
TAGS = [
    {"Key": "access-center:managed-by", "Value": "tenant"},
    {"Key": "access-center:stack", "Value": STACK},
    {"Key": "access-center:store", "Value": "s1"},
]


@pytest.fixture
def stub() -> Iterator[Stubber]:
    """The product's own SES client (made once per container), its answers given here."""
    with Stubber(ses.client()) as stubber:
        yield stubber
        stubber.assert_no_pending_responses()


def _tenant_answer(name: str) -> dict[str, object]:
    return {
        "TenantName": name,
        "TenantId": "tn-1",
        "TenantArn": f"{ARN}:tenant/{name}/tn-1",
        "CreatedTimestamp": datetime(2026, 1, 1, tzinfo=UTC),
        "Tags": TAGS,
        "SendingStatus": "ENABLED",
    }


def _shared_resources(stub: Stubber, name: str, error: str | None = None) -> None:
    for resource in (
        f"{ARN}:configuration-set/{settings().ses_configuration_set}",
        f"{ARN}:identity/{settings().platform_sender_email.rpartition('@')[2]}",
    ):
        params = {"TenantName": name, "ResourceArn": resource}
        if error:
            stub.add_client_error("create_tenant_resource_association", error, expected_params=params)
        else:
            stub.add_response("create_tenant_resource_association", {}, params)


def test_a_new_tenant_is_tagged_with_the_stack_and_joined_to_what_every_send_uses(stub: Stubber) -> None:
    name = ses_tenants.tenant_name("s1")
    stub.add_response("create_tenant", _tenant_answer(name), {"TenantName": name, "Tags": TAGS})
    _shared_resources(stub, name)
    tenant = ses_tenants.open_tenant("s1")
    assert tenant == ses_tenants.Tenant(name, f"{ARN}:tenant/{name}/tn-1")
    assert tenant.resource_arn("identity", "shop.example") == f"{ARN}:identity/shop.example"


def test_opening_a_tenant_again_reads_it_and_finds_its_associations_in_place(stub: Stubber) -> None:
    name = ses_tenants.tenant_name("s1")
    stub.add_client_error("create_tenant", "AlreadyExistsException", expected_params={"TenantName": name, "Tags": TAGS})
    stub.add_response("get_tenant", {"Tenant": _tenant_answer(name)}, {"TenantName": name})
    _shared_resources(stub, name, error="AlreadyExistsException")
    assert ses_tenants.open_tenant("s1").arn == f"{ARN}:tenant/{name}/tn-1"


def test_a_throttled_tenant_call_is_raised_for_the_request_to_answer_503(stub: Stubber) -> None:
    stub.add_client_error("create_tenant", "TooManyRequestsException", http_status_code=429)
    with pytest.raises(ClientError):
        ses_tenants.open_tenant("s1")


def test_closing_or_leaving_what_is_already_gone_is_done(stub: Stubber) -> None:
    name = ses_tenants.tenant_name("s1")
    tenant = ses_tenants.Tenant(name, f"{ARN}:tenant/{name}/tn-1")
    stub.add_client_error("delete_tenant_resource_association", "NotFoundException", http_status_code=404)
    stub.add_client_error(
        "delete_tenant", "NotFoundException", http_status_code=404, expected_params={"TenantName": name}
    )
    ses_tenants.dissociate(tenant, f"{ARN}:identity/shop.example")
    ses_tenants.close_tenant("s1")


def test_a_send_names_the_stores_tenant_and_the_configuration_set(stub: Stubber) -> None:
    email = ses.Email("c@example.com", "Shop <orders@shop.example>", "Hi", "<p>Hi</p>", "Hi", tenant="stack-s1")
    stub.add_response(
        "send_email",
        {"MessageId": "m-1"},
        {
            "FromEmailAddress": "Shop <orders@shop.example>",
            "Destination": {"ToAddresses": ["c@example.com"]},
            "Content": {"Raw": {"Data": ANY}},  # the MIME boundary differs per message
            "ConfigurationSetName": settings().ses_configuration_set,
            "TenantName": "stack-s1",
        },
    )
    assert ses.send(email) == "m-1"


def _identity(tags: list[dict[str, str]]) -> dict[str, object]:
    return {"IdentityType": "DOMAIN", "VerifiedForSendingStatus": True, "Tags": tags}


def test_only_an_identity_this_stack_created_is_deleted(stub: Stubber) -> None:
    other_stack = [
        {"Key": "access-center:managed-by", "Value": "sender"},
        {"Key": "access-center:stack", "Value": "prod"},
    ]
    stub.add_response("get_email_identity", _identity(other_stack), {"EmailIdentity": "a.example"})
    assert ses.delete_domain_identity("a.example") is False  # and no DeleteEmailIdentity (the stub would fail)
    ours = [{"Key": "access-center:managed-by", "Value": "sender"}, {"Key": "access-center:stack", "Value": STACK}]
    stub.add_response("get_email_identity", _identity(ours), {"EmailIdentity": "b.example"})
    stub.add_response("delete_email_identity", {}, {"EmailIdentity": "b.example"})
    assert ses.delete_domain_identity("b.example") is True
    stub.add_client_error("get_email_identity", "NotFoundException", http_status_code=404)
    assert ses.delete_domain_identity("c.example") is True


@pytest.mark.parametrize("store_id", ["s1", "a" * 128, "store.with.dots"])
def test_a_tenant_name_is_one_ses_takes_and_differs_by_stack(store_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    name = ses_tenants.tenant_name(store_id)
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,64}", name)
    monkeypatch.setenv("STACK_NAME", "another-stack")
    settings.cache_clear()
    try:
        assert ses_tenants.tenant_name(store_id) != name
    finally:
        monkeypatch.undo()
        settings.cache_clear()
