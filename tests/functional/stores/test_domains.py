"""Store domains (issue 6): PUT/DELETE /admin/stores/{store_id}/domain against moto's API Gateway, the
public path rebuilt from the mapping, and the per-container host cache.

Requests from customers go through a gateway that routes a Host by its API Gateway mappings, as AWS
does (`devtools.emulator.apigateway.mapping_for_host`), so what the route created is what serves the store.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from access_center.stores.domain_models import DomainOut
from devtools.awscalls import Call, Calls
from devtools.emulator.apigateway import mapping_for_host, select_mapping
from devtools.emulator.gateway import Gateway
from tests.harness.apigateway import create_customer_api, emulate_custom_domains
from tests.harness.aws import aws_client
from tests.harness.backends import table_items
from tests.harness.bodies import order_body, store_settings
from tests.harness.faults import Faults
from tests.harness.models import answer
from tests.harness.support import Client, Shop

API_ID, STAGE = "CustomerApi", "live"
CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789"
OTHER_CERT = "arn:aws:acm:us-east-1:123456789012:certificate/99999999-4e5f-6789-abcd-ef0123456789"
ANN = "ann@example.com"


# ---------------------------------------------------------------------------------------------- fixtures
@pytest.fixture
def api(aws: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The customer REST API exists in moto and the functions are configured with it, in the
    `custom-domains` mode (each store its own API Gateway custom domain)."""
    from access_center.core.config import settings

    monkeypatch.setenv("STORE_DOMAIN_MODE", "custom-domains")
    monkeypatch.setenv("CUSTOMER_API_ID", API_ID)
    monkeypatch.setenv("CUSTOMER_API_STAGE", STAGE)
    settings.cache_clear()
    emulate_custom_domains()
    assert create_customer_api() == API_ID
    yield API_ID
    monkeypatch.undo()
    settings.cache_clear()


@pytest.fixture
def mapped(api: str) -> Gateway:
    """A gateway that routes customers by the API Gateway mappings on their Host."""
    return Gateway(domain_lookup=mapping_for_host)


def v2() -> Any:
    return aws_client("apigatewayv2")


def domain_names() -> set[str]:
    return {d["DomainName"] for d in v2().get_domain_names()["Items"]}


def mappings(host: str) -> list[tuple[str, str, str]]:
    return sorted((m["ApiMappingKey"], m["ApiId"], m["Stage"]) for m in v2().get_api_mappings(DomainName=host)["Items"])


def gateway_state() -> dict[str, Any]:
    return {host: mappings(host) for host in sorted(domain_names())}


def store_items() -> str:
    """Every item of the Stores table, on either backend (a test may scan; the product never does)."""
    return json.dumps(sorted(json.dumps(i, sort_keys=True) for i in table_items("StoresTable")))


def new_store(admin: Client, store_id: str, domain: str = "shop.example") -> None:
    assert admin.put(f"/admin/stores/{store_id}", store_settings(domain=domain)).status == 200


def connect(admin: Client, store_id: str, domain: str, prefix: str = "", **extra: Any) -> Any:
    return admin.put(f"/admin/stores/{store_id}/domain", {"domain": domain, "path_prefix": prefix, **extra})


def disconnect(admin: Client, store_id: str) -> Any:
    return admin.request("DELETE", f"/admin/stores/{store_id}/domain")


def record(store_id: str) -> Any:
    from access_center.stores import storage as db

    return db.get_store(store_id, consistent=True)


# ---------------------------------------------------------------------------------------------- connect
def test_connecting_creates_a_regional_tls12_domain_and_the_prefixed_mapping(api: str, admin: Client) -> None:
    new_store(admin, "s1")
    reply = connect(admin, "s1", "Shop.Example.", "/products/", certificate_arn=CERT)
    assert reply.status == 200, reply.body
    domain = v2().get_domain_name(DomainName="shop.example")
    (config,) = domain["DomainNameConfigurations"]
    assert config["EndpointType"] == "REGIONAL"
    assert config["SecurityPolicy"] == "TLS_1_2"
    assert config["CertificateArn"] == CERT
    assert domain["Tags"] == {"access-center:managed-by": "connect-domain"}
    assert mappings("shop.example") == [("products/store/account", API_ID, STAGE)]
    assert answer(DomainOut, reply) == {
        "store_id": "s1",
        "domain": "shop.example",
        "path_prefix": "/products",
        "url": "https://shop.example/products/store/account/orders",
        "status": "active",
        "dns_records": [{"name": "shop.example", "type": "CNAME", "value": config["ApiGatewayDomainName"]}],
        "dns_target": config["ApiGatewayDomainName"],
        "dns_target_zone_id": config["HostedZoneId"],
    }
    assert reply.json()["dns_target"].endswith(".execute-api.us-east-1.amazonaws.com")


def test_without_a_prefix_the_mapping_key_is_store_account(api: str, admin: Client) -> None:
    new_store(admin, "s1")
    assert connect(admin, "s1", "shop.example").status == 200
    assert mappings("shop.example") == [("store/account", API_ID, STAGE)]


def test_reconnecting_the_same_domain_creates_nothing_new(api: str, admin: Client, calls: Calls) -> None:
    new_store(admin, "s1")
    first = connect(admin, "s1", "shop.example", "/products", certificate_arn=CERT)
    mapping_ids = [m["ApiMappingId"] for m in v2().get_api_mappings(DomainName="shop.example")["Items"]]
    calls.clear()
    for body in ({"certificate_arn": CERT}, {}):  # the certificate may be left out once the domain exists
        again = connect(admin, "s1", "shop.example", "/products", **body)
        assert again.status == 200, again.body
        assert again.json() == first.json()
    assert not [c for c in calls.operations("apigatewayv2") if c.startswith(("Create", "Delete", "Update"))]
    assert gateway_state() == {"shop.example": [("products/store/account", API_ID, STAGE)]}
    assert [m["ApiMappingId"] for m in v2().get_api_mappings(DomainName="shop.example")["Items"]] == mapping_ids
    assert record("s1").certificate_arn == CERT


def test_a_domain_owned_by_another_store_is_409_and_nothing_is_called_in_api_gateway(
    api: str, admin: Client, calls: Calls
) -> None:
    new_store(admin, "s1")
    new_store(admin, "s2", "other.example")
    assert connect(admin, "s1", "shop.example").status == 200
    before, items = gateway_state(), store_items()
    calls.clear()
    reply = connect(admin, "s2", "SHOP.example", "/other", certificate_arn=CERT)
    assert reply.status == 409
    assert reply.json()["error"] == "conflict"
    assert calls.operations("apigatewayv2") == []
    assert gateway_state() == before
    assert store_items() == items


def test_changing_the_domain_removes_the_old_mapping_and_domain_name(api: str, admin: Client, mapped: Gateway) -> None:
    shop = Shop.create(admin, "s1", "shop.example", prefix="/products")
    assert connect(admin, "s1", "other.example", "/products").status == 200
    assert gateway_state() == {"other.example": [("products/store/account", API_ID, STAGE)]}
    assert record("s1").retiring == frozenset()
    from access_center.stores.storage import store_for_domain

    assert store_for_domain("shop.example") is None
    assert store_for_domain("other.example") == ("s1", "/products")
    # the old domain is free again, and no longer reaches the store
    assert Client(mapped, "shop.example").get(f"{shop.base}/api/me").status == 404
    assert Client(mapped, "other.example").get(f"{shop.base}/api/me").status == 401
    new_store(admin, "s2")
    assert connect(admin, "s2", "shop.example").status == 200


def test_changing_the_prefix_replaces_the_mapping_and_keeps_the_domain(
    api: str, admin: Client, mapped: Gateway
) -> None:
    new_store(admin, "s1")
    first = connect(admin, "s1", "shop.example", certificate_arn=CERT).json()
    second = connect(admin, "s1", "shop.example", "/products").json()
    assert gateway_state() == {"shop.example": [("products/store/account", API_ID, STAGE)]}
    assert second["dns_target"] == first["dns_target"]
    assert second["url"] == "https://shop.example/products/store/account/orders"
    client = Client(mapped, "shop.example")
    assert client.get("/store/account/api/me").status == 404
    assert client.get("/products/store/account/api/me").status == 401  # reached the store: log in
    back = connect(admin, "s1", "shop.example").json()  # and back again
    assert back["url"] == "https://shop.example/store/account/orders"
    assert gateway_state() == {"shop.example": [("store/account", API_ID, STAGE)]}


# ---------------------------------------------------------------------------------------------- disconnect
def test_disconnecting_removes_mapping_domain_name_domain_item_and_store_fields(
    api: str, admin: Client, mapped: Gateway
) -> None:
    Shop.create(admin, "s1", "shop.example", prefix="/products")
    reply = disconnect(admin, "s1")
    assert reply.status == 204, reply.body
    assert reply.body == b""
    assert gateway_state() == {}
    from access_center.stores.storage import store_for_domain

    assert store_for_domain("shop.example") is None
    stored = record("s1")
    assert (stored.domain, stored.path_prefix, stored.certificate_arn, stored.retiring) == (None, "", None, frozenset())
    assert stored.settings["name"] == "Shop One"  # the settings stay
    assert Client(mapped, "shop.example").get("/products/store/account/api/me").status == 404
    assert disconnect(admin, "s1").status == 404  # nothing left to disconnect
    assert connect(admin, "s1", "shop.example").status == 200  # and it can be connected again


def test_disconnecting_a_store_without_a_domain_or_an_unknown_store_is_404(api: str, admin: Client) -> None:
    new_store(admin, "s1")
    for store_id in ("s1", "ghost"):
        reply = disconnect(admin, store_id)
        assert reply.status == 404
        assert reply.json()["error"] == "not_found"


def test_disconnect_works_without_api_gateway_configured(aws: None, admin: Client) -> None:
    Shop.create(admin, "s1", "shop.example")
    assert disconnect(admin, "s1").status == 204
    from access_center.stores.storage import store_for_domain

    assert store_for_domain("shop.example") is None


# ---------------------------------------------------------------------------------------------- failures
def test_a_failed_mapping_undoes_everything_and_the_old_domain_keeps_working(
    api: str, admin: Client, mapped: Gateway, faults: Faults
) -> None:
    Shop.create(admin, "s1", "shop.example")
    before, items = gateway_state(), store_items()
    with faults.fail("apigatewayv2", "CreateApiMapping", "ServiceUnavailableException"):
        reply = connect(admin, "s1", "other.example", "/products", certificate_arn=CERT)
    assert reply.status == 503
    assert reply.json()["error"] == "unavailable"
    assert "Send the same request again" in reply.json()["message"]
    # the domain name this request created is gone again, and the store points where it did
    assert gateway_state() == before
    assert store_items() == items
    assert Client(mapped, "shop.example").get("/store/account/api/me").status == 401


def test_throttling_is_a_429_with_retry_after_and_leaves_nothing(api: str, admin: Client, faults: Faults) -> None:
    new_store(admin, "s1")
    items = store_items()
    with faults.throttle("apigatewayv2", "CreateDomainName"):
        reply = connect(admin, "s1", "shop.example", certificate_arn=CERT)
    assert reply.status == 429
    assert reply.header("Retry-After") == "5"
    assert gateway_state() == {}
    assert store_items() == items


def test_what_api_gateway_refuses_is_a_400_with_its_reason_and_nothing_is_kept(
    api: str, admin: Client, faults: Faults
) -> None:
    new_store(admin, "s1")
    items = store_items()
    refusal = "A regional certificate is required for a REGIONAL domain name."  # what AWS checks, moto not
    with faults.fail("apigatewayv2", "CreateDomainName", "BadRequestException", refusal):
        reply = connect(admin, "s1", "shop.example")
    assert reply.status == 400
    assert refusal in reply.json()["message"]
    assert store_items() == items
    from access_center.stores.storage import store_for_domain

    assert store_for_domain("shop.example") is None  # the claim was given back


def test_a_crash_between_the_steps_is_repaired_by_sending_the_same_request_again(
    api: str, admin: Client, mapped: Gateway, faults: Faults
) -> None:
    """The mapping fails and so does the undo (as if the function died after step 1): the claim of the
    domain is written, the undo's write of the Stores table is not."""
    Shop.create(admin, "s1", "shop.example")
    with (
        faults.fail("apigatewayv2", "CreateApiMapping", "InternalServerError"),
        faults.fail("dynamodb", "TransactWriteItems", "InternalServerError", table="StoresTable", after=1) as undo,
    ):
        assert connect(admin, "s1", "other.example", certificate_arn=CERT).status == 503
    assert undo.hits > 0
    assert undo.seen == 1 + undo.hits  # the claim went through; every try of the undo failed
    # half-way: the new domain is claimed and recorded, the old one still serves and is remembered
    stored = record("s1")
    assert (stored.domain, stored.retiring) == ("other.example", frozenset({("shop.example", "")}))
    assert mappings("other.example") == []
    assert Client(mapped, "shop.example").get("/store/account/api/me").status == 401
    reply = connect(admin, "s1", "other.example", certificate_arn=CERT)
    assert reply.status == 200, reply.body
    assert gateway_state() == {"other.example": [("store/account", API_ID, STAGE)]}
    assert record("s1").retiring == frozenset()
    assert Client(mapped, "shop.example").get("/store/account/api/me").status == 404
    assert Client(mapped, "other.example").get("/store/account/api/me").status == 401


def test_when_removing_the_old_domain_fails_the_next_request_finishes_it(
    api: str, admin: Client, faults: Faults
) -> None:
    Shop.create(admin, "s1", "shop.example")
    with faults.fail("apigatewayv2", "DeleteApiMapping", "ServiceUnavailableException"):
        reply = connect(admin, "s1", "other.example", certificate_arn=CERT)
    assert reply.status == 503
    assert reply.json()["message"].startswith("Connected, but removing the previous domain failed")
    assert set(gateway_state()) == {"shop.example", "other.example"}  # new one live, old one not yet gone
    assert record("s1").retiring == frozenset({("shop.example", "")})
    assert disconnect(admin, "s1").status == 204  # any later call for the store finishes the cleanup
    assert gateway_state() == {}
    assert record("s1").retiring == frozenset()


# ---------------------------------------------------------------------------------------------- what is not ours
def test_a_domain_name_that_is_not_ours_is_409_and_left_alone(api: str, admin: Client) -> None:
    v2().create_domain_name(
        DomainName="shop.example",
        DomainNameConfigurations=[{"EndpointType": "REGIONAL", "SecurityPolicy": "TLS_1_2", "CertificateArn": CERT}],
    )
    new_store(admin, "s1")
    items = store_items()
    reply = connect(admin, "s1", "shop.example")
    assert reply.status == 409
    assert "not managed by the access center" in reply.json()["message"]
    assert gateway_state() == {"shop.example": []}
    assert store_items() == items


def test_a_mapping_path_used_by_another_api_is_409(api: str, admin: Client) -> None:
    new_store(admin, "s1")
    assert connect(admin, "s1", "shop.example", "/a").status == 200
    other = v2().create_api(Name="someone-elses", ProtocolType="HTTP")["ApiId"]  # an HTTP API, same domain
    v2().create_api_mapping(DomainName="shop.example", ApiId=other, Stage="$default", ApiMappingKey="b/store/account")
    reply = connect(admin, "s1", "shop.example", "/b")
    assert reply.status == 409
    assert "mapped to another API" in reply.json()["message"]
    assert record("s1").path_prefix == "/a"


def test_a_different_certificate_on_an_existing_domain_is_409(api: str, admin: Client) -> None:
    new_store(admin, "s1")
    assert connect(admin, "s1", "shop.example", certificate_arn=CERT).status == 200
    reply = connect(admin, "s1", "shop.example", certificate_arn=OTHER_CERT)
    assert reply.status == 409
    assert CERT in reply.json()["message"]
    assert record("s1").certificate_arn == CERT


def test_the_stacks_primary_domain_is_reused_and_never_removed(api: str, admin: Client, mapped: Gateway) -> None:
    v2().create_domain_name(
        DomainName="shop.example",
        DomainNameConfigurations=[{"EndpointType": "REGIONAL", "SecurityPolicy": "TLS_1_2", "CertificateArn": CERT}],
        Tags={"access-center:managed-by": "stack"},
    )
    v2().create_api_mapping(DomainName="shop.example", ApiId=API_ID, Stage=STAGE, ApiMappingKey="store/account")
    before = gateway_state()
    Shop.create(admin, "s1", "shop.example")  # no certificate needed: the stack's domain has one
    assert gateway_state() == before
    assert Client(mapped, "shop.example").get("/store/account/api/me").status == 401
    assert disconnect(admin, "s1").status == 204
    assert gateway_state() == before  # the stack's domain and mapping stay


# ---------------------------------------------------------------------------------------------- public paths
def test_a_prefixed_store_is_served_at_its_public_path_and_cookies_use_it(
    api: str, admin: Client, mapped: Gateway
) -> None:
    shop = Shop.create(admin, "pre", "third.example", prefix="/products")
    assert shop.put_order("o1", order_body(email=ANN)).status == 201
    chosen = select_mapping("third.example", "/products/store/account/api/orders")
    assert chosen is not None
    assert chosen.base_path == "/products/store/account"
    assert select_mapping("third.example", "/products/store/accountX/api/orders") is None
    client = Client(mapped, "third.example")
    reply = shop.login_with_code(client, ANN)
    assert "Path=/products/store/account" in (reply.header("Set-Cookie") or "")
    orders = client.get("/products/store/account/api/orders")
    assert orders.status == 200
    assert [o["order_id"] for o in orders.json()["orders"]] == ["o1"]
    assert client.get("/products/store/accountX/api/orders").status == 404
    assert client.get("/store/account/api/orders").status == 404
    assert client.get("/other/store/account/api/orders").status == 404


def test_without_a_prefix_the_public_path_is_store_account(api: str, admin: Client, mapped: Gateway) -> None:
    shop = Shop.create(admin, "s1", "shop.example")
    assert shop.put_order("o1", order_body(email=ANN)).status == 201
    client = Client(mapped, "shop.example")
    reply = shop.login_with_code(client, ANN)
    cookie = reply.header("Set-Cookie") or ""
    assert "Path=/store/account;" in cookie or cookie.endswith("Path=/store/account")
    assert client.get("/store/account/api/orders").status == 200
    assert client.get("/store/accountX/api/orders").status == 404


# ---------------------------------------------------------------------------------------------- host cache
@pytest.fixture
def store_reads() -> Iterator[list[str]]:
    """Reads of the Stores table the product makes, whoever makes them (botocore events; either backend)."""
    reads: list[str] = []

    class StoreReads(Calls):
        def record(self, call: Call) -> None:
            reads_stores = "StoresTable" in (call.table or "").split(",")
            if reads_stores and call.operation in ("GetItem", "Query", "BatchGetItem", "TransactGetItems"):
                reads.append(call.operation)

    with StoreReads():
        yield reads


def test_a_warm_request_reads_nothing_to_find_its_store(
    api: str, admin: Client, mapped: Gateway, store_reads: list[str]
) -> None:
    Shop.create(admin, "s1", "shop.example")
    client = Client(mapped, "shop.example")  # routing reads API Gateway, not the table
    store_reads.clear()
    assert client.get("/store/account/api/me").status == 401
    cold = len(store_reads)
    assert cold == 2  # the domain item, then the store
    for _ in range(5):
        assert client.get("/store/account/api/me").status == 401
    assert len(store_reads) == cold


def test_an_unknown_host_is_cached_as_unknown_until_the_ttl_ends(
    api: str, admin: Client, mapped: Gateway, store_reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stack's primary domain is mapped before any store connects it: requests reach the API for
    a host no store has. One read answers a storm of them, until the entry expires."""
    from access_center.core.cache import TTLCache
    from access_center.stores import logic as stores

    # The one patch left: the host cache reads time.monotonic (core/cache.py), not the product clock.
    now = [0.0]
    monkeypatch.setattr(stores, "_hosts", TTLCache(seconds=60, max_entries=1024, clock=lambda: now[0]))
    v2().create_domain_name(
        DomainName="shop.example",
        DomainNameConfigurations=[{"EndpointType": "REGIONAL", "SecurityPolicy": "TLS_1_2", "CertificateArn": CERT}],
        Tags={"access-center:managed-by": "stack"},
    )
    v2().create_api_mapping(DomainName="shop.example", ApiId=API_ID, Stage=STAGE, ApiMappingKey="store/account")
    client = Client(mapped, "shop.example")
    for _ in range(20):
        reply = client.get("/store/account/api/me")
        assert reply.status == 404
        assert reply.json()["error"] == "not_found"
    assert store_reads == ["GetItem"]  # one lookup of domain#shop.example, answered "none" 20 times
    now[0] += 59
    assert client.get("/store/account/api/me").status == 404
    assert store_reads == ["GetItem"]
    now[0] += 2
    assert client.get("/store/account/api/me").status == 404
    assert store_reads == ["GetItem", "GetItem"]
    # connecting the domain clears this container's cache at once (others within their TTL)
    new_store(admin, "s1")
    assert connect(admin, "s1", "shop.example").status == 200
    assert client.get("/store/account/api/me").status == 401
