"""infra/template.yaml as data: tables to create, functions and their API routes, their environment.

Tests and the local server both build from here, so neither can drift from what CloudFormation deploys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "infra" / "template.yaml"


class _Loader(yaml.SafeLoader):
    """YAML with CloudFormation's short-form intrinsics (`!Ref X` -> {"Ref": "X"})."""


def _intrinsic(loader: _Loader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    name = "Ref" if suffix == "Ref" else f"Fn::{suffix}"
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
        if suffix == "GetAtt":
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {name: value}


_Loader.add_multi_constructor("!", _intrinsic)


@dataclass(frozen=True)
class Route:
    api: str
    method: str
    path: str


@dataclass
class Function:
    name: str
    code_dir: Path
    handler: str
    environment: dict[str, str]
    routes: list[Route] = field(default_factory=list)
    streams: list[dict[str, Any]] = field(default_factory=list)
    queues: list[dict[str, Any]] = field(default_factory=list)


@cache
def load(path: Path = TEMPLATE) -> dict[str, Any]:
    with open(path) as handle:
        return yaml.load(handle, Loader=_Loader)  # noqa: S506 - SafeLoader subclass


def resources(template: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return {name: res for name, res in template["Resources"].items() if res["Type"] == kind}


def table_definitions(template: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """create_table arguments per table, named by logical id (the local table name)."""
    template = template or load()
    tables = {}
    for name, res in resources(template, "AWS::DynamoDB::Table").items():
        props = res["Properties"]
        spec: dict[str, Any] = {
            "TableName": name,
            "KeySchema": props["KeySchema"],
            "AttributeDefinitions": props["AttributeDefinitions"],
            "BillingMode": props.get("BillingMode", "PAY_PER_REQUEST"),
        }
        if "StreamSpecification" in props:
            spec["StreamSpecification"] = {"StreamEnabled": True, **props["StreamSpecification"]}
        for index_kind in ("GlobalSecondaryIndexes", "LocalSecondaryIndexes"):
            if index_kind in props:
                spec[index_kind] = props[index_kind]
        tables[name] = spec
    return tables


ACCOUNT, REGION = "123456789012", "us-east-1"  # moto's defaults


def queue_url(name: str) -> str:
    """The URL moto gives a queue created under its logical id (devtools.emulator.aws, tests' fixtures)."""
    return f"https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/{name}"


def queue_arn(name: str) -> str:
    return f"arn:aws:sqs:{REGION}:{ACCOUNT}:{name}"


def bucket_name(logical_id: str) -> str:
    """A bucket's local name: its logical id in lower case (S3 names take no capitals)."""
    return logical_id.lower()


def _local_value(value: Any, overrides: dict[str, str], template: dict[str, Any]) -> str | None:
    """A template value as the local server sees it: `!Ref Table` is the table's logical id, `!Ref Queue`
    the URL of the queue created under its logical id, a parameter its default."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and "Ref" in value:
        ref = value["Ref"]
        if ref in overrides:
            return overrides[ref]
        params = template.get("Parameters", {})
        if ref in params:  # a parameter without a default has no local value unless an override gives it
            return str(params[ref]["Default"]) if "Default" in params[ref] else None
        kind = template["Resources"].get(ref, {}).get("Type")
        if kind == "AWS::SQS::Queue":
            return queue_url(ref)
        if kind == "AWS::S3::Bucket":
            return bucket_name(ref)
        return str(ref)
    return None


def functions(template: dict[str, Any] | None = None, overrides: dict[str, str] | None = None) -> dict[str, Function]:
    template = template or load()
    overrides = overrides or {}
    globals_fn = template.get("Globals", {}).get("Function", {})
    base_env = globals_fn.get("Environment", {}).get("Variables", {})
    found = {}
    for name, res in resources(template, "AWS::Serverless::Function").items():
        props = res["Properties"]
        env_spec = {**base_env, **props.get("Environment", {}).get("Variables", {})}
        env = {key: v for key, raw in env_spec.items() if (v := _local_value(raw, overrides, template)) is not None}
        fn = Function(name, (TEMPLATE.parent / props["CodeUri"]).resolve(), props["Handler"], env)
        for event in props.get("Events", {}).values():
            event_props = event.get("Properties", {})
            if event["Type"] == "Api":
                fn.routes.append(
                    Route(event_props["RestApiId"]["Ref"], event_props["Method"].upper(), event_props["Path"])
                )
            elif event["Type"] == "DynamoDB":
                fn.streams.append(event_props)
            elif event["Type"] == "SQS":
                fn.queues.append(event_props)
        found[name] = fn
    return found
