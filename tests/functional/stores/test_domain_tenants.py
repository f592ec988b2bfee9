"""Store domains as CloudFront distribution tenants (API.md section 14; the default `tenants` mode).

moto has no distribution tenants, so CloudFront answers through botocore's Stubber on the product's own
client: every request the product sends is checked against botocore's service model (and against the
parameters each test expects), every answer is a shape the model allows. DynamoDB stays on moto.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from botocore.stub import Stubber

from access_center.stores.domain_models import DomainOut
from tests.functional.stores.test_domains import connect, disconnect, new_store, record, store_items
from tests.harness.faults import Faults
from tests.harness.models import answer
from tests.harness.support import Client

DISTRIBUTION, GROUP = "E2QWRUHAPOMQZL", "cg_2wjDZi3hD1ivOXf6rpZJOSNE1AB"
ENDPOINT = "d3k8m2abcdefgh.cloudfront.net"
MANAGED = [{"Key": "access-center:managed-by", "Value": "connect-domain"}]


# ---------------------------------------------------------------------------------------------- fixtures
@pytest.fixture
def edge(aws: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[Stubber]:
    """The connect-domain function configured with the stack's distribution and connection group, its
    CloudFront client under botocore's Stubber (fresh per test: the client and endpoint are per container)."""
    from access_center.aws import cloudfront
    from access_center.core.config import settings

    monkeypatch.setenv("EDGE_DISTRIBUTION_ID", DISTRIBUTION)
    monkeypatch.setenv("EDGE_CONNECTION_GROUP_ID", GROUP)
    settings.cache_clear()
    cloudfront._client.cache_clear()
    cloudfront.routing_endpoint.cache_clear()
    stubber = Stubber(cloudfront._client())
    with stubber:
        yield stubber
        stubber.assert_no_pending_responses()  # every answer a test queued was asked for
    monkeypatch.undo()
    settings.cache_clear()
    cloudfront._client.cache_clear()
    cloudfront.routing_endpoint.cache_clear()


def tenant(
    host: str,
    store_id: str = "s1",
    *,
    tenant_id: str = "dt_1",
    etag: str = "E1",
    enabled: bool = True,
    status: str = "InProgress",
    domain_status: str = "inactive",
    distribution: str = DISTRIBUTION,
) -> dict[str, Any]:
    """A DistributionTenant answer (Get/Create/Update share its shape)."""
    return {
        "DistributionTenant": {
            "Id": tenant_id,
            "DistributionId": distribution,
            "Name": host,
            "Arn": f"arn:aws:cloudfront::123456789012:distribution-tenant/{tenant_id}",
            "Domains": [{"Domain": host, "Status": domain_status}],
            "Tags": {"Items": [*MANAGED, {"Key": "access-center:store", "Value": store_id}]},
            "ConnectionGroupId": GROUP,
            "Enabled": enabled,
            "Status": status,
        },
        "ETag": etag,
    }


def certificate(status: str = "pending-validation", host: str = "", validated_by: str = "cloudfront") -> dict[str, Any]:
    details: dict[str, Any] = {
        "CertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/655dc1fe-6d37-451d-a013-c2db3a034abc",
        "CertificateStatus": status,
        "ValidationTokenHost": validated_by,
    }
    if validated_by == "self-hosted":
        details["ValidationTokenDetails"] = [
            {
                "Domain": host,
                "RedirectFrom": f"{host}/.well-known/pki-validation/b315c9ae21284e7918bb9f3f422ac3c7.txt",
                "RedirectTo": "validation.us-east-1.acm-validations.aws/123456789012/.well-known/pki-validation/b315.txt",
            }
        ]
    return {"ManagedCertificateDetails": details}


def expect_endpoint(edge: Stubber) -> None:
    edge.add_response(
        "get_connection_group",
        {"ConnectionGroup": {"Id": GROUP, "RoutingEndpoint": ENDPOINT, "Enabled": True}, "ETag": "G1"},
        {"Identifier": GROUP},
    )


def expect_lookup(edge: Stubber, host: str, found: dict[str, Any] | None) -> None:
    if found is None:
        edge.add_client_error(
            "get_distribution_tenant_by_domain", "EntityNotFound", "No tenant.", 404, expected_params={"Domain": host}
        )
    else:
        edge.add_response("get_distribution_tenant_by_domain", found, {"Domain": host})


def expect_create(
    edge: Stubber, host: str, store_id: str = "s1", validated_by: str = "cloudfront", **made: Any
) -> None:
    edge.add_response(
        "create_distribution_tenant",
        tenant(host, store_id, **made),
        {
            "DistributionId": DISTRIBUTION,
            "Name": host,
            "Domains": [{"Domain": host}],
            "Tags": {"Items": [*MANAGED, {"Key": "access-center:store", "Value": store_id}]},
            "ManagedCertificateRequest": {"ValidationTokenHost": validated_by, "PrimaryDomainName": host},
            "Enabled": True,
            "ConnectionGroupId": GROUP,
        },
    )


def expect_certificate(edge: Stubber, tenant_id: str, details: dict[str, Any]) -> None:
    edge.add_response("get_managed_certificate_details", details, {"Identifier": tenant_id})


def expect_disable(edge: Stubber, host: str, tenant_id: str, etag: str, store_id: str = "s1") -> None:
    edge.add_response(
        "update_distribution_tenant",
        tenant(host, store_id, tenant_id=tenant_id, etag=etag + "-off", enabled=False),
        {"Id": tenant_id, "IfMatch": etag, "Domains": [{"Domain": host}], "Enabled": False, "ConnectionGroupId": GROUP},
    )


def connect_new(edge: Stubber, admin: Client, host: str, store_id: str = "s1", *, first: bool = True) -> Any:
    """PUT a host no tenant has: (the endpoint, once per container), lookup, create, certificate."""
    if first:
        expect_endpoint(edge)
    expect_lookup(edge, host, None)
    expect_create(edge, host, store_id)
    expect_certificate(edge, "dt_1", certificate())
    return connect(admin, store_id, host)


def owner(host: str) -> str | None:
    from access_center.stores.storage import store_for_domain

    found = store_for_domain(host)
    return found[0] if found else None


# ---------------------------------------------------------------------------------------------- connect
def test_a_new_host_gets_a_tenant_with_a_managed_certificate_and_its_dns_record(edge: Stubber, admin: Client) -> None:
    new_store(admin, "s1")
    reply = connect_new(edge, admin, "shop.example")
    assert reply.status == 200, reply.body
    assert answer(DomainOut, reply) == {
        "store_id": "s1",
        "domain": "shop.example",
        "path_prefix": "",
        "url": "https://shop.example/store/account/orders",
        "status": "pending",
        "message": "Publish the DNS record; CloudFront then validates the certificate (minutes to hours).",
        "dns_records": [{"name": "shop.example", "type": "CNAME", "value": ENDPOINT}],
        "dns_target": ENDPOINT,
        "dns_target_zone_id": None,
    }
    assert owner("shop.example") == "s1"


def test_the_same_request_again_creates_nothing(edge: Stubber, admin: Client) -> None:
    new_store(admin, "s1")
    first = connect_new(edge, admin, "shop.example")
    expect_lookup(edge, "shop.example", tenant("shop.example"))
    expect_certificate(edge, "dt_1", certificate())
    again = connect(admin, "s1", "shop.example")  # no create, no update: the stubber would refuse them
    assert again.status == 200, again.body
    assert again.json() == first.json()


def test_a_storefront_cdn_gets_the_validation_redirect_instead_of_dns_records(edge: Stubber, admin: Client) -> None:
    new_store(admin, "s1")
    expect_endpoint(edge)
    expect_lookup(edge, "shop.example", None)
    expect_create(edge, "shop.example", validated_by="self-hosted")
    expect_certificate(edge, "dt_1", certificate(host="shop.example", validated_by="self-hosted"))
    reply = connect(admin, "s1", "shop.example", "/products", storefront_cdn=True)
    assert reply.status == 200, reply.body
    body = answer(DomainOut, reply)
    assert body["dns_records"] == []
    assert body["validation"] == {
        "url": "http://shop.example/.well-known/pki-validation/b315c9ae21284e7918bb9f3f422ac3c7.txt",
        "redirect_to": "https://validation.us-east-1.acm-validations.aws/123456789012/.well-known/pki-validation/b315.txt",
    }
    assert body["status"] == "pending"
    assert body["dns_target"] == ENDPOINT  # where the store's CDN forwards {prefix}/store/account/*


def test_moving_to_another_host_disables_the_old_tenant_and_a_later_call_deletes_it(
    edge: Stubber, admin: Client
) -> None:
    new_store(admin, "s1")
    assert connect_new(edge, admin, "shop.example").status == 200
    # the move: the new tenant, then the old one disabled (its disabling deploys: not deleted yet)
    expect_lookup(edge, "other.example", None)
    expect_create(edge, "other.example", tenant_id="dt_2")
    expect_certificate(edge, "dt_2", certificate())
    expect_lookup(edge, "shop.example", tenant("shop.example", status="Deployed", domain_status="active"))
    expect_disable(edge, "shop.example", "dt_1", "E1")
    reply = connect(admin, "s1", "other.example")
    assert reply.status == 200, reply.body
    assert owner("shop.example") == "s1"  # still claimed while its tenant is on the edge
    assert record("s1").retiring == frozenset({("shop.example", "")})
    # GET finishes it: the disabled, deployed tenant is deleted, the host released; then the status
    expect_lookup(edge, "shop.example", tenant("shop.example", etag="E2", enabled=False, status="Deployed"))
    edge.add_response("delete_distribution_tenant", {}, {"Id": "dt_1", "IfMatch": "E2"})
    expect_lookup(
        edge, "other.example", tenant("other.example", tenant_id="dt_2", status="Deployed", domain_status="active")
    )
    expect_certificate(edge, "dt_2", certificate("issued"))
    status = admin.get("/admin/stores/s1/domain")
    assert status.status == 200, status.body
    assert answer(DomainOut, status)["status"] == "active"
    assert "message" not in status.json()
    assert owner("shop.example") is None
    assert record("s1").retiring == frozenset()


def test_only_the_prefix_changing_touches_no_tenant(edge: Stubber, admin: Client) -> None:
    new_store(admin, "s1")
    assert connect_new(edge, admin, "shop.example").status == 200
    expect_lookup(edge, "shop.example", tenant("shop.example"))
    expect_certificate(edge, "dt_1", certificate())
    reply = connect(admin, "s1", "shop.example", "/products")
    assert reply.status == 200, reply.body
    assert reply.json()["url"] == "https://shop.example/products/store/account/orders"
    assert record("s1").retiring == frozenset()


def test_another_stores_host_is_409_and_cloudfront_is_not_called(edge: Stubber, admin: Client) -> None:
    new_store(admin, "s1")
    new_store(admin, "s2", "other.example")
    assert connect_new(edge, admin, "shop.example").status == 200
    items = store_items()
    reply = connect(admin, "s2", "SHOP.example")  # any CloudFront call would find no stubbed answer
    assert reply.status == 409
    assert reply.json()["error"] == "conflict"
    assert store_items() == items


def test_a_tenant_that_is_not_ours_is_409_and_the_claim_is_given_back(edge: Stubber, admin: Client) -> None:
    new_store(admin, "s1")
    items = store_items()
    expect_endpoint(edge)
    expect_lookup(edge, "shop.example", tenant("shop.example", distribution="E9OTHERSTACK"))
    reply = connect(admin, "s1", "shop.example")
    assert reply.status == 409
    assert "not this store's" in reply.json()["message"]
    assert store_items() == items


# ---------------------------------------------------------------------------------------------- failures
def test_throttling_is_a_429_with_retry_after_and_leaves_nothing(edge: Stubber, admin: Client) -> None:
    new_store(admin, "s1")
    items = store_items()
    expect_endpoint(edge)
    expect_lookup(edge, "shop.example", None)
    edge.add_client_error("create_distribution_tenant", "Throttling", "Rate exceeded", 400)
    reply = connect(admin, "s1", "shop.example")
    assert reply.status == 429
    assert reply.header("Retry-After") == "5"
    assert reply.json()["error"] == "rate_limited"
    assert store_items() == items
    assert owner("shop.example") is None


def test_what_cloudfront_refuses_is_a_400_with_its_reason_and_nothing_is_kept(edge: Stubber, admin: Client) -> None:
    new_store(admin, "s1")
    items = store_items()
    refusal = "The domain name shop.example is not allowed."
    expect_endpoint(edge)
    expect_lookup(edge, "shop.example", None)
    edge.add_client_error("create_distribution_tenant", "InvalidArgument", refusal, 400)
    reply = connect(admin, "s1", "shop.example")
    assert reply.status == 400
    assert reply.json()["error"] == "bad_request"
    assert refusal in reply.json()["message"]
    assert store_items() == items


def test_a_host_on_another_accounts_distribution_is_409(edge: Stubber, admin: Client) -> None:
    new_store(admin, "s1")
    items = store_items()
    expect_endpoint(edge)
    expect_lookup(edge, "shop.example", None)
    edge.add_client_error("create_distribution_tenant", "CNAMEAlreadyExists", "One or more CNAMEs are in use.", 409)
    reply = connect(admin, "s1", "shop.example")
    assert reply.status == 409
    assert store_items() == items


def test_a_timeout_after_the_tenant_was_made_keeps_the_claim_and_the_same_request_finishes(
    edge: Stubber, admin: Client
) -> None:
    """CloudFront fails while creating (a 5xx: whether it made the tenant is unknown): the product
    looks, finds the store's tenant, keeps the claim and says to send the request again."""
    new_store(admin, "s1")
    expect_endpoint(edge)
    expect_lookup(edge, "shop.example", None)
    edge.add_client_error("create_distribution_tenant", "InternalError", "Internal failure.", 500)
    expect_lookup(edge, "shop.example", tenant("shop.example"))
    reply = connect(admin, "s1", "shop.example")
    assert reply.status == 503
    assert "Send the same request again" in reply.json()["message"]
    assert owner("shop.example") == "s1"
    expect_lookup(edge, "shop.example", tenant("shop.example"))
    expect_certificate(edge, "dt_1", certificate())
    assert connect(admin, "s1", "shop.example").status == 200


def test_a_crash_between_the_steps_is_repaired_by_sending_the_same_request_again(
    edge: Stubber, admin: Client, faults: Faults
) -> None:
    """Creating the new tenant fails and so does the undo (as if the function died after step 1)."""
    new_store(admin, "s1")
    assert connect_new(edge, admin, "shop.example").status == 200
    expect_lookup(edge, "other.example", None)
    edge.add_client_error("create_distribution_tenant", "Throttling", "Rate exceeded", 400)
    with faults.fail("dynamodb", "TransactWriteItems", "InternalServerError", table="StoresTable", after=1) as undo:
        assert connect(admin, "s1", "other.example").status == 429
    assert undo.hits > 0
    stored = record("s1")  # half-way: the new host claimed, the old one still served and remembered
    assert (stored.domain, stored.retiring) == ("other.example", frozenset({("shop.example", "")}))
    assert owner("shop.example") == "s1"
    expect_lookup(edge, "other.example", None)
    expect_create(edge, "other.example", tenant_id="dt_2")
    expect_certificate(edge, "dt_2", certificate())
    expect_lookup(edge, "shop.example", tenant("shop.example", status="Deployed"))
    expect_disable(edge, "shop.example", "dt_1", "E1")
    reply = connect(admin, "s1", "other.example")
    assert reply.status == 200, reply.body
    assert reply.json()["domain"] == "other.example"


# ---------------------------------------------------------------------------------------------- status
def test_get_answers_pending_then_active(edge: Stubber, admin: Client) -> None:
    new_store(admin, "s1")
    assert connect_new(edge, admin, "shop.example").status == 200
    expect_lookup(edge, "shop.example", tenant("shop.example"))
    expect_certificate(edge, "dt_1", certificate("issued"))
    pending = admin.get("/admin/stores/s1/domain")  # issued, not yet deployed
    assert answer(DomainOut, pending)["status"] == "pending"
    assert "deploying" in pending.json()["message"]
    expect_lookup(edge, "shop.example", tenant("shop.example", status="Deployed", domain_status="active"))
    expect_certificate(edge, "dt_1", certificate("issued"))
    active = admin.get("/admin/stores/s1/domain")
    assert answer(DomainOut, active)["status"] == "active"
    assert active.json()["dns_records"] == [{"name": "shop.example", "type": "CNAME", "value": ENDPOINT}]


def test_a_failed_certificate_says_why_and_the_put_asks_for_it_again(edge: Stubber, admin: Client) -> None:
    new_store(admin, "s1")
    assert connect_new(edge, admin, "shop.example").status == 200
    expect_lookup(edge, "shop.example", tenant("shop.example"))
    expect_certificate(edge, "dt_1", certificate("validation-timed-out"))
    failed = admin.get("/admin/stores/s1/domain")
    assert answer(DomainOut, failed)["status"] == "failed"
    assert "validation-timed-out" in failed.json()["message"]
    expect_lookup(edge, "shop.example", tenant("shop.example"))
    expect_certificate(edge, "dt_1", certificate("validation-timed-out"))
    edge.add_response(
        "update_distribution_tenant",
        tenant("shop.example", etag="E2"),
        {
            "Id": "dt_1",
            "IfMatch": "E1",
            "Domains": [{"Domain": "shop.example"}],
            "Enabled": True,
            "ConnectionGroupId": GROUP,
            "ManagedCertificateRequest": {"ValidationTokenHost": "cloudfront", "PrimaryDomainName": "shop.example"},
        },
    )
    again = connect(admin, "s1", "shop.example")
    assert again.status == 200, again.body
    assert again.json()["status"] == "pending"


def test_get_without_a_domain_is_404(edge: Stubber, admin: Client) -> None:
    new_store(admin, "s1")
    for store_id in ("s1", "ghost"):
        reply = admin.get(f"/admin/stores/{store_id}/domain")
        assert reply.status == 404
        assert reply.json()["error"] == "not_found"


# ---------------------------------------------------------------------------------------------- disconnect
def test_delete_disables_then_a_retry_deletes_the_tenant_and_releases_the_host(edge: Stubber, admin: Client) -> None:
    new_store(admin, "s1")
    assert connect_new(edge, admin, "shop.example").status == 200
    expect_lookup(edge, "shop.example", tenant("shop.example", status="Deployed"))
    expect_disable(edge, "shop.example", "dt_1", "E1")
    assert disconnect(admin, "s1").status == 204
    assert record("s1").domain is None
    assert owner("shop.example") == "s1"  # held until its tenant is gone
    expect_lookup(edge, "shop.example", tenant("shop.example", etag="E2", enabled=False, status="Deployed"))
    edge.add_response("delete_distribution_tenant", {}, {"Id": "dt_1", "IfMatch": "E2"})
    assert disconnect(admin, "s1").status == 204
    assert owner("shop.example") is None
    assert disconnect(admin, "s1").status == 404  # nothing left


def test_a_tenant_already_gone_is_done(edge: Stubber, admin: Client) -> None:
    new_store(admin, "s1")
    assert connect_new(edge, admin, "shop.example").status == 200
    expect_lookup(edge, "shop.example", tenant("shop.example", enabled=False, status="Deployed"))
    edge.add_client_error("delete_distribution_tenant", "EntityNotFound", "Gone.", 404)
    assert disconnect(admin, "s1").status == 204
    assert owner("shop.example") is None


# ---------------------------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    "domain", ["shop.example\r\nX-Injected: 1", "a" * 300 + ".example", "shöp.example", "*.example.com", "10.0.0.1"]
)
def test_bad_hosts_are_400_with_nothing_written_or_called(edge: Stubber, admin: Client, domain: str) -> None:
    new_store(admin, "s1")
    items = store_items()
    reply = connect(admin, "s1", domain)
    assert 400 <= reply.status < 500, reply.body
    assert reply.json()["error"] in ("bad_request", "unprocessable")
    assert store_items() == items


def test_a_storefront_cdn_that_is_not_a_boolean_is_refused(edge: Stubber, admin: Client) -> None:
    new_store(admin, "s1")
    items = store_items()
    reply = connect(admin, "s1", "shop.example", storefront_cdn="yes")
    assert 400 <= reply.status < 500
    assert store_items() == items


# ---------------------------------------------------------------------------------------------- locally
def test_without_cloudfront_the_domain_is_active_at_once_with_nothing_to_publish(aws: None, admin: Client) -> None:
    new_store(admin, "s1")
    reply = connect(admin, "s1", "shop.example", certificate_arn="arn:aws:acm:us-east-1:123456789012:certificate/x")
    assert reply.status == 200, reply.body
    body = answer(DomainOut, reply)
    assert (body["status"], body["dns_records"], body["dns_target"]) == ("active", [], None)
    assert "nothing to publish" in body["message"]
    assert "certificate_arn is ignored" in body["message"]
    assert record("s1").certificate_arn is None
    assert answer(DomainOut, admin.get("/admin/stores/s1/domain"))["status"] == "active"
