"""Deploys (docs/deploying.md): every function behind a `live` alias moved by CodeDeploy and rolled back
by its own errors alarm; the tables that keep customers' data protected from deletion; three samconfig
environments, production's confirmed and never synced."""

from __future__ import annotations

import tomllib
from typing import Any

from devtools import template

T = template.load()
RESOURCES = T["Resources"]
FUNCTIONS = template.resources(T, "AWS::Serverless::Function")
GLOBALS = T["Globals"]["Function"]


def test_every_function_publishes_a_live_alias_through_a_canary() -> None:
    assert GLOBALS["AutoPublishAlias"] == "live"
    assert GLOBALS["DeploymentPreference"] == {"Type": {"Ref": "DeploymentStrategy"}}
    strategy = T["Parameters"]["DeploymentStrategy"]
    assert strategy["Default"].startswith("Canary")
    assert "AllAtOnce" in strategy["AllowedValues"]
    for name, function in FUNCTIONS.items():
        assert "AutoPublishAlias" not in function["Properties"], name  # one alias name for all
        preference = function["Properties"]["DeploymentPreference"]
        assert preference == {"Alarms": [{"Ref": f"{name}ErrorsAlarm"}]}, name
        alarm = RESOURCES[f"{name}ErrorsAlarm"]["Properties"]
        assert alarm["MetricName"] == "Errors"
        assert {"Name": "FunctionName", "Value": {"Ref": name}} in alarm["Dimensions"]


def test_direct_invokers_get_the_alias() -> None:
    assert T["Outputs"]["FulfilmentsFunctionName"]["Value"] == {"Ref": "FulfilmentsFunction.Alias"}


def test_the_tables_that_keep_customers_data_are_retained_and_protected_from_deletion() -> None:
    tables = template.resources(T, "AWS::DynamoDB::Table")
    kept = {name for name, table in tables.items() if table.get("DeletionPolicy") == "Retain"}
    assert kept >= {"StoresTable", "OrdersTable", "CustomersTable", "MessagesTable", "InvoicesTable"}
    for name, table in tables.items():
        protected = table["Properties"].get("DeletionProtectionEnabled") is True
        assert protected == (name in kept), name
        assert table.get("UpdateReplacePolicy") == table.get("DeletionPolicy"), name


def _samconfig() -> dict[str, Any]:
    with open(template.ROOT / "samconfig.toml", "rb") as handle:
        return tomllib.load(handle)


def test_samconfig_has_dev_staging_and_prod_each_its_own_stack() -> None:
    config = _samconfig()
    stacks = {env: config[env]["global"]["parameters"]["stack_name"] for env in ("dev", "staging", "prod")}
    assert len(set(stacks.values())) == 3
    assert "stack_name" not in config["default"].get("global", {}).get("parameters", {})  # no implicit target
    assert config["prod"]["deploy"]["parameters"]["confirm_changeset"] is True
    assert "AllAtOnce" in config["dev"]["deploy"]["parameters"]["parameter_overrides"]
    assert "AllAtOnce" not in config["prod"]["deploy"]["parameters"]["parameter_overrides"]


def test_only_dev_syncs_and_never_under_the_prod_stacks_name() -> None:
    config = _samconfig()
    prod_stack = config["prod"]["global"]["parameters"]["stack_name"]
    syncing = [env for env, sections in config.items() if isinstance(sections, dict) and "sync" in sections]
    assert syncing == ["dev"]
    assert config["dev"]["sync"]["parameters"]["watch"] is True
    assert config["dev"]["global"]["parameters"]["stack_name"] != prod_stack
