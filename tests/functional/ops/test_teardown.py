"""`make teardown` (devtools/ops/teardown.py): what the running service made for a stack goes before `sam
delete`, nothing of another stack's does, and the customers' data goes only with --delete-data.

API Gateway V2, S3 and DynamoDB are moto's; CloudFormation's listing, CloudFront's tenants and SES's
tenants and tags, which moto lacks, answer through botocore's Stubber, which holds every request and
answer to the service's own model."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber
from moto import mock_aws

from devtools.ops import teardown

STACK = "customer-access-center-dev"
OTHER_STACK = "customer-access-center-staging"
REGION, ACCOUNT = "us-east-1", "123456789012"
NOW = datetime(2026, 12, 7, tzinfo=UTC)


@pytest.fixture
def moto(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The operator's account, all of it on moto: also DynamoDB where this run's tables are on DynamoDB
    Local (its second pass), whose endpoint the environment would otherwise hand the teardown's clients."""
    for name in ("DYNAMODB_ENDPOINT", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_DYNAMODB_STREAMS"):
        monkeypatch.delenv(name, raising=False)
    with mock_aws():
        yield


def _table(dynamodb: Any, name: str) -> None:
    dynamodb.create_table(
        TableName=name,
        BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        DeletionProtectionEnabled=True,
    )


def _summary(logical: str, kind: str, physical: str) -> dict[str, Any]:
    return {
        "LogicalResourceId": logical,
        "PhysicalResourceId": physical,
        "ResourceType": kind,
        "LastUpdatedTimestamp": NOW,
        "ResourceStatus": "CREATE_COMPLETE",
    }


class World:
    """A deployed dev stack as AWS would show it, with what its functions made, and another stack's."""

    def __init__(self) -> None:
        self.apigw = boto3.client("apigatewayv2", region_name=REGION)
        self.s3 = boto3.client("s3", region_name=REGION)
        self.dynamodb = boto3.client("dynamodb", region_name=REGION)
        self.api = self.apigw.create_api(Name="customer", ProtocolType="HTTP")["ApiId"]
        self.other_api = self.apigw.create_api(Name="staging-customer", ProtocolType="HTTP")["ApiId"]
        managed = {"access-center:managed-by": "connect-domain"}
        for domain, api in (("shop.example", self.api), ("staging.example", self.other_api)):
            self.apigw.create_domain_name(DomainName=domain, Tags=managed)
            self.apigw.create_api_mapping(DomainName=domain, ApiId=api, Stage="live", ApiMappingKey="store/account")
        self.apigw.create_domain_name(DomainName="primary.example", Tags={"access-center:managed-by": "stack"})
        self.stack_mapping = self.apigw.create_api_mapping(
            DomainName="primary.example", ApiId=self.api, Stage="live", ApiMappingKey="store/account"
        )["ApiMappingId"]
        self.apigw.create_api_mapping(
            DomainName="primary.example", ApiId=self.api, Stage="live", ApiMappingKey="p/store/account"
        )
        for bucket in ("dev-failures", "dev-files"):
            self.s3.create_bucket(Bucket=bucket)
            self.s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
            for n in range(3):
                self.s3.put_object(Bucket=bucket, Key=f"k{n % 2}", Body=b"x")
        _table(self.dynamodb, "dev-orders")
        self.cloudformation = boto3.client("cloudformation", region_name=REGION)
        self.cloudfront = boto3.client("cloudfront", region_name=REGION)
        self.ses = boto3.client("sesv2", region_name=REGION)

    def clients(self) -> teardown.Clients:
        return teardown.Clients(
            self.cloudformation, self.apigw, self.cloudfront, self.ses, self.s3, self.dynamodb, REGION, ACCOUNT
        )

    def expect_stack(self, stubs: Stubber) -> None:
        stubs.add_response(
            "list_stack_resources",
            {
                "StackResourceSummaries": [
                    _summary("CustomerApi", "AWS::ApiGateway::RestApi", self.api),
                    _summary("PrimaryDomainMapping", "AWS::ApiGatewayV2::ApiMapping", self.stack_mapping),
                    _summary("StoreEdgeDistribution", "AWS::CloudFront::Distribution", "E2DIST"),
                    _summary("StreamFailuresBucket", "AWS::S3::Bucket", "dev-failures"),
                    _summary("FilesBucket", "AWS::S3::Bucket", "dev-files"),
                    _summary("OrdersTable", "AWS::DynamoDB::Table", "dev-orders"),
                ]
            },
            {"StackName": STACK},
        )


def _summary_of_tenant(tenant_id: str, enabled: bool) -> dict[str, Any]:
    """A tenant as ListDistributionTenants answers it (with its ETag)."""
    return {**_tenant(tenant_id, enabled), "ETag": "E1"}


def _tenant(tenant_id: str, enabled: bool) -> dict[str, Any]:
    """A tenant as GetDistributionTenant answers it (its ETag beside it)."""
    return {
        "Id": tenant_id,
        "DistributionId": "E2DIST",
        "Name": f"{tenant_id}-name",
        "Arn": f"arn:aws:cloudfront::{ACCOUNT}:distribution-tenant/{tenant_id}",
        "Domains": [{"Domain": f"{tenant_id}.example", "Status": "active"}],
        "CreatedTime": NOW,
        "LastModifiedTime": NOW,
        "Enabled": enabled,
        "Status": "Deployed",
    }


def _expect_edge(stubs: Stubber) -> None:
    """Two tenants, on two pages: one enabled (disabled first), one already disabled; the first delete
    is refused until CloudFront has the disabling."""
    stubs.add_response(
        "list_distribution_tenants",
        {"DistributionTenantList": [_summary_of_tenant("t1", True)], "NextMarker": "m2"},
        {"AssociationFilter": {"DistributionId": "E2DIST"}},
    )
    stubs.add_response(
        "list_distribution_tenants",
        {"DistributionTenantList": [_summary_of_tenant("t2", False)]},
        {"AssociationFilter": {"DistributionId": "E2DIST"}, "Marker": "m2"},
    )
    stubs.add_response(
        "get_distribution_tenant", {"DistributionTenant": _tenant("t1", True), "ETag": "E1"}, {"Identifier": "t1"}
    )
    stubs.add_response(
        "update_distribution_tenant",
        {"DistributionTenant": _tenant("t1", False), "ETag": "E2"},
        {"Id": "t1", "IfMatch": "E1", "Enabled": False},
    )
    stubs.add_response(
        "get_distribution_tenant", {"DistributionTenant": _tenant("t1", False), "ETag": "E2"}, {"Identifier": "t1"}
    )
    stubs.add_client_error("delete_distribution_tenant", "ResourceNotDisabled", http_status_code=409)
    stubs.add_response(
        "get_distribution_tenant", {"DistributionTenant": _tenant("t1", False), "ETag": "E3"}, {"Identifier": "t1"}
    )
    stubs.add_response("delete_distribution_tenant", {}, {"Id": "t1", "IfMatch": "E3"})
    stubs.add_response(
        "get_distribution_tenant", {"DistributionTenant": _tenant("t2", False), "ETag": "E9"}, {"Identifier": "t2"}
    )
    stubs.add_response("delete_distribution_tenant", {}, {"Id": "t2", "IfMatch": "E9"})


def _tags(stack: str, kind: str) -> dict[str, Any]:
    return {
        "Tags": [{"Key": "access-center:managed-by", "Value": kind}, {"Key": "access-center:stack", "Value": stack}]
    }


def _expect_ses(stubs: Stubber) -> None:
    tenant_arn = f"arn:aws:ses:{REGION}:{ACCOUNT}:tenant/"
    stubs.add_response(
        "list_tenants",
        {
            "Tenants": [
                {"TenantName": f"{STACK}-s1", "TenantId": "tn-1", "TenantArn": tenant_arn + "tn-1"},
                {"TenantName": f"{OTHER_STACK}-s1", "TenantId": "tn-2", "TenantArn": tenant_arn + "tn-2"},
            ]
        },
        {"PageSize": 100},
    )
    stubs.add_response("list_tags_for_resource", _tags(STACK, "tenant"), {"ResourceArn": tenant_arn + "tn-1"})
    stubs.add_response("delete_tenant", {}, {"TenantName": f"{STACK}-s1"})
    stubs.add_response("list_tags_for_resource", _tags(OTHER_STACK, "tenant"), {"ResourceArn": tenant_arn + "tn-2"})
    identities = [
        {"IdentityType": "DOMAIN", "IdentityName": "shop.example", "SendingEnabled": True},
        {"IdentityType": "DOMAIN", "IdentityName": "mail.platform.example", "SendingEnabled": True},
        {"IdentityType": "DOMAIN", "IdentityName": "staging.example", "SendingEnabled": True},
    ]
    stubs.add_response("list_email_identities", {"EmailIdentities": identities}, {"PageSize": 1000})
    arn = f"arn:aws:ses:{REGION}:{ACCOUNT}:identity/"
    stubs.add_response("list_tags_for_resource", _tags(STACK, "sender"), {"ResourceArn": arn + "shop.example"})
    stubs.add_response("delete_email_identity", {}, {"EmailIdentity": "shop.example"})
    stubs.add_response("list_tags_for_resource", {"Tags": []}, {"ResourceArn": arn + "mail.platform.example"})
    stubs.add_response("list_tags_for_resource", _tags(OTHER_STACK, "sender"), {"ResourceArn": arn + "staging.example"})


def _run(world: World, *, delete_data: bool) -> tuple[teardown.Report, list[str]]:
    deleted: list[str] = []
    waits: list[float] = []
    with Stubber(world.cloudformation) as cfn, Stubber(world.cloudfront) as edge, Stubber(world.ses) as ses:
        world.expect_stack(cfn)
        _expect_edge(edge)
        _expect_ses(ses)

        def sam_delete(stack: str) -> None:
            # What CloudFormation refuses is gone by now: nothing of ours is mapped, the bucket is empty.
            assert world.s3.list_object_versions(Bucket="dev-failures").get("Versions", []) == []
            deleted.append(stack)

        report = teardown.teardown(STACK, world.clients(), sam_delete, delete_data=delete_data, sleep=waits.append)
        for stubs in (cfn, edge, ses):
            stubs.assert_no_pending_responses()
    assert waits == [teardown.TENANT_DELETE_WAIT_SECONDS]  # one refused delete, one wait
    return report, deleted


def _mappings(world: World, domain: str) -> list[str]:
    return [m["ApiMappingKey"] for m in world.apigw.get_api_mappings(DomainName=domain)["Items"]]


def test_teardown_removes_what_the_service_made_for_this_stack_then_sam_deletes(moto: None) -> None:
    world = World()
    report, deleted = _run(world, delete_data=False)
    assert deleted == [STACK]
    domains = {d["DomainName"] for d in world.apigw.get_domain_names()["Items"]}
    assert domains == {"staging.example", "primary.example"}  # ours went; the other stack's and the stack's stay
    assert _mappings(world, "primary.example") == ["store/account"]  # the stack's own mapping, for sam delete
    assert _mappings(world, "staging.example") == ["store/account"]
    assert "SES identity shop.example" in report.removed
    assert "SES tenant customer-access-center-dev-s1" in report.removed
    assert not any("staging" in removed for removed in report.removed)
    # Without --delete-data, the customers' data stays, still protected.
    assert report.retained == ["dev-files", "dev-orders"]
    assert world.dynamodb.describe_table(TableName="dev-orders")["Table"]["DeletionProtectionEnabled"] is True
    assert world.s3.list_object_versions(Bucket="dev-files")["Versions"]


def test_delete_data_turns_off_deletion_protection_and_deletes_the_tables_and_files(moto: None) -> None:
    world = World()
    report, _ = _run(world, delete_data=True)
    assert "table dev-orders" in report.removed
    assert "bucket dev-files" in report.removed
    assert world.dynamodb.list_tables()["TableNames"] == []
    assert [b["Name"] for b in world.s3.list_buckets()["Buckets"]] == ["dev-failures"]  # sam delete's, in AWS


def test_environments_name_their_stacks_and_prod_needs_its_name_confirmed() -> None:
    assert teardown.environment("dev") == (STACK, "us-east-1")
    assert teardown.environment("prod")[0] == "customer-access-center"
    with pytest.raises(SystemExit):
        teardown.main(["--env", "prod"])
