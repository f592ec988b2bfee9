"""Take a stack down, with what the running service created for it, then `sam delete`.

    make teardown ENV=dev                          # python -m devtools.ops.teardown --env dev
    make teardown ENV=dev ARGS=--delete-data       # also the tables and files that keep customers' data
    make teardown ENV=prod ARGS="--confirm customer-access-center"   # prod asks for its stack name

`sam delete` alone fails: CloudFormation cannot delete what the stack's functions made at run time and
what still holds objects. In order, for this stack only (found through the stack's own resources and the
stack tag the functions put on what they create, with paginated listings; never a Scan of our tables):
1. API Gateway: every API mapping to the stack's CustomerApi that the stack did not make (stores'
   domains, in the custom-domains mode), and the domain names connect-domain created
   (`access-center:managed-by = connect-domain`) once nothing is mapped on them;
2. CloudFront: the distribution tenants of the stack's StoreEdgeDistribution (disabled, then deleted once
   CloudFront has the change, as it requires);
3. SES: the tenants and the store domain identities tagged `access-center:stack = {stack}`;
4. the failed change-notices batches (StreamFailuresBucket; replay first if they matter);
5. `sam delete --no-prompts`.
The tables that keep customers' data and the files bucket are retained by the stack (DeletionPolicy:
Retain) and the tables refuse deletion (DeletionProtectionEnabled). Only with `--delete-data` are they
then deleted: deletion protection off, each table deleted, the files bucket emptied (every version)
and deleted. Without it they stay, listed at the end, and a stack deployed again under the same name
makes new ones beside them.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from botocore.exceptions import ClientError

MANAGED_BY = "access-center:managed-by"
STACK_TAG = "access-center:stack"
ROOT = Path(__file__).resolve().parents[2]
# CloudFront takes minutes to disable a tenant everywhere; DeleteDistributionTenant refuses until then.
TENANT_DELETE_TRIES = 40
TENANT_DELETE_WAIT_SECONDS = 30.0


@dataclass(frozen=True)
class StackResource:
    logical_id: str
    kind: str
    physical_id: str


@dataclass
class Report:
    removed: list[str] = field(default_factory=list)
    retained: list[str] = field(default_factory=list)

    def note(self, what: str) -> None:
        self.removed.append(what)
        print(f"removed {what}", file=sys.stderr)


def stack_resources(cloudformation: Any, stack: str) -> dict[str, StackResource]:
    """The stack's resources by logical id (SAM's generated ones included), every page of them."""
    found = {}
    for page in cloudformation.get_paginator("list_stack_resources").paginate(StackName=stack):
        for item in page["StackResourceSummaries"]:
            if item.get("PhysicalResourceId") and item.get("ResourceStatus") != "DELETE_COMPLETE":
                found[item["LogicalResourceId"]] = StackResource(
                    item["LogicalResourceId"], item["ResourceType"], item["PhysicalResourceId"]
                )
    return found


def _pages(
    call: Callable[..., dict[str, Any]], key: str, next_page: str = "NextToken", asks: str | None = None, **params: Any
) -> Iterator[Any]:
    """Every item of a listing whose answers name the next page in `next_page`, asked for as `asks` (the
    same name unless told: CloudFront answers NextMarker and is asked Marker). Not every listing here has
    a botocore paginator."""
    while True:
        answer = call(**params)
        yield from answer.get(key, [])
        if not answer.get(next_page):
            return
        params[asks or next_page] = answer[next_page]


def remove_api_mappings(apigateway: Any, api_id: str, keep: set[str], report: Report) -> None:
    """Mappings to `api_id` the stack did not make (ids not in `keep`), and then the domain names
    connect-domain created that have nothing mapped any more. Domains of others are never touched."""
    for domain in _pages(apigateway.get_domain_names, "Items"):
        name = domain["DomainName"]
        mappings = list(_pages(apigateway.get_api_mappings, "Items", DomainName=name))
        ours = [m for m in mappings if m["ApiId"] == api_id and m["ApiMappingId"] not in keep]
        for mapping in ours:
            apigateway.delete_api_mapping(DomainName=name, ApiMappingId=mapping["ApiMappingId"])
            report.note(f"API mapping {name}/{mapping.get('ApiMappingKey', '')}")
        created_by_us = (domain.get("Tags") or {}).get(MANAGED_BY) == "connect-domain"
        if ours and created_by_us and len(ours) == len(mappings):
            apigateway.delete_domain_name(DomainName=name)
            report.note(f"API Gateway domain name {name}")


def _code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))


def remove_distribution_tenants(
    cloudfront: Any, distribution_id: str, report: Report, sleep: Callable[[float], None] = time.sleep
) -> None:
    """Disable every tenant of the distribution, then delete each once CloudFront lets it go."""
    tenants = list(
        _pages(
            cloudfront.list_distribution_tenants,
            "DistributionTenantList",
            next_page="NextMarker",
            asks="Marker",
            AssociationFilter={"DistributionId": distribution_id},
        )
    )
    for tenant in tenants:
        if tenant.get("Enabled"):
            etag = cloudfront.get_distribution_tenant(Identifier=tenant["Id"])["ETag"]
            cloudfront.update_distribution_tenant(Id=tenant["Id"], IfMatch=etag, Enabled=False)
    for tenant in tenants:
        for attempt in range(TENANT_DELETE_TRIES):
            etag = cloudfront.get_distribution_tenant(Identifier=tenant["Id"])["ETag"]
            try:
                cloudfront.delete_distribution_tenant(Id=tenant["Id"], IfMatch=etag)
                break
            except ClientError as error:
                if _code(error) not in ("ResourceNotDisabled", "PreconditionFailed", "ResourceInUse"):
                    raise
                if attempt + 1 == TENANT_DELETE_TRIES:
                    raise
                sleep(TENANT_DELETE_WAIT_SECONDS)
        report.note(f"CloudFront distribution tenant {tenant.get('Name', tenant['Id'])}")


def _tags(ses: Any, arn: str) -> dict[str, str]:
    return {t["Key"]: t.get("Value", "") for t in ses.list_tags_for_resource(ResourceArn=arn).get("Tags", [])}


def remove_ses(ses: Any, stack: str, identity_arn: Callable[[str], str], report: Report) -> None:
    """The SES tenants and the domain identities this stack's functions created (its stack tag)."""
    for tenant in _pages(ses.list_tenants, "Tenants", PageSize=100):
        if _tags(ses, tenant["TenantArn"]).get(STACK_TAG) == stack:
            ses.delete_tenant(TenantName=tenant["TenantName"])
            report.note(f"SES tenant {tenant['TenantName']}")
    for identity in _pages(ses.list_email_identities, "EmailIdentities", PageSize=1000):
        name = identity["IdentityName"]
        tags = _tags(ses, identity_arn(name))
        if tags.get(STACK_TAG) == stack and tags.get(MANAGED_BY) == "sender":
            ses.delete_email_identity(EmailIdentity=name)
            report.note(f"SES identity {name}")


def empty_bucket(s3: Any, bucket: str) -> int:
    """Delete every object version and delete marker; how many."""
    count = 0
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket):
        doomed = [
            {"Key": v["Key"], "VersionId": v["VersionId"]}
            for v in [*page.get("Versions", []), *page.get("DeleteMarkers", [])]
        ]
        for start in range(0, len(doomed), 1000):
            s3.delete_objects(Bucket=bucket, Delete={"Objects": doomed[start : start + 1000], "Quiet": True})
        count += len(doomed)
    return count


def delete_retained_data(dynamodb: Any, s3: Any, resources: dict[str, StackResource], report: Report) -> None:
    """The retained tables (deletion protection off first) and the files bucket, every version."""
    for resource in resources.values():
        if resource.kind == "AWS::DynamoDB::Table":
            try:
                dynamodb.update_table(TableName=resource.physical_id, DeletionProtectionEnabled=False)
                dynamodb.delete_table(TableName=resource.physical_id)
            except ClientError as error:
                if _code(error) != "ResourceNotFoundException":  # the stack deleted it (not retained)
                    raise
                continue
            report.note(f"table {resource.physical_id}")
        elif resource.kind == "AWS::S3::Bucket" and resource.logical_id == "FilesBucket":
            empty_bucket(s3, resource.physical_id)
            s3.delete_bucket(Bucket=resource.physical_id)
            report.note(f"bucket {resource.physical_id}")


@dataclass
class Clients:
    cloudformation: Any
    apigatewayv2: Any
    cloudfront: Any
    sesv2: Any
    s3: Any
    dynamodb: Any
    region: str
    account: str


def teardown(
    stack: str,
    clients: Clients,
    sam_delete: Callable[[str], None],
    *,
    delete_data: bool = False,
    sleep: Callable[[float], None] = time.sleep,
) -> Report:
    report = Report()
    resources = stack_resources(clients.cloudformation, stack)
    api = resources.get("CustomerApi")
    if api is not None:
        keep = {r.physical_id for r in resources.values() if r.kind == "AWS::ApiGatewayV2::ApiMapping"}
        remove_api_mappings(clients.apigatewayv2, api.physical_id, keep, report)
    distribution = resources.get("StoreEdgeDistribution")
    if distribution is not None:
        remove_distribution_tenants(clients.cloudfront, distribution.physical_id, report, sleep)
    remove_ses(
        clients.sesv2,
        stack,
        lambda name: f"arn:aws:ses:{clients.region}:{clients.account}:identity/{name}",
        report,
    )
    failures = resources.get("StreamFailuresBucket")
    if failures is not None:
        report.note(f"{empty_bucket(clients.s3, failures.physical_id)} failed-batch object versions")
    sam_delete(stack)
    if delete_data:
        delete_retained_data(clients.dynamodb, clients.s3, resources, report)
    else:
        report.retained = [
            r.physical_id
            for r in resources.values()
            if r.kind == "AWS::DynamoDB::Table" or (r.kind == "AWS::S3::Bucket" and r.logical_id == "FilesBucket")
        ]
    return report


def environment(name: str, config: Path = ROOT / "samconfig.toml") -> tuple[str, str]:
    """(stack name, region) of a samconfig.toml environment."""
    with open(config, "rb") as handle:
        parameters = tomllib.load(handle)[name]["global"]["parameters"]
    return str(parameters["stack_name"]), str(parameters.get("region", "us-east-1"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--env", required=True, help="a samconfig.toml environment: dev, staging or prod")
    parser.add_argument("--delete-data", action="store_true", help="also delete the retained tables and files")
    parser.add_argument("--confirm", default="", help="the stack's name, required for prod")
    args = parser.parse_args(argv)
    stack, region = environment(args.env)
    if args.env == "prod" and args.confirm != stack:
        parser.error(f"tearing down prod needs --confirm {stack}")

    import boto3

    session = boto3.session.Session(region_name=region)
    clients = Clients(
        cloudformation=session.client("cloudformation"),
        apigatewayv2=session.client("apigatewayv2"),
        cloudfront=session.client("cloudfront"),
        sesv2=session.client("sesv2"),
        s3=session.client("s3"),
        dynamodb=session.client("dynamodb"),
        region=region,
        account=session.client("sts").get_caller_identity()["Account"],
    )

    def sam_delete(name: str) -> None:
        sam = ROOT / ".tools" / "sam-venv" / "bin" / "sam"
        command = [str(sam) if sam.exists() else "sam", "delete", "--stack-name", name, "--region", region]
        subprocess.run([*command, "--no-prompts"], check=True)  # noqa: S603 - our own fixed command

    report = teardown(stack, clients, sam_delete, delete_data=args.delete_data)
    for kept in report.retained:
        print(f"retained {kept} (--delete-data deletes it)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
