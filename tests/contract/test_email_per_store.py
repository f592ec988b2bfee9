"""Email per store in the template (issue 29): the mailers send only as identities tagged with their own
stack, the sender function makes and removes only its own stack's identities and tenants, and SES's
reputation and refusals alarm. The policies are read from infra/template.yaml with devtools.template."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import cfnlint

from devtools import template

T = template.load()
FUNCTIONS = template.resources(T, "AWS::Serverless::Function")
MAILERS = ("LoginCodeMailerFunction", "ChangeNoticesFunction")
STACK_TAG = "access-center:stack"


def _statements(name: str) -> list[dict[str, Any]]:
    policies = []
    for policy in FUNCTIONS[name]["Properties"]["Policies"]:  # both branches of a domain mode's `!If`
        branches = policy["Fn::If"][1:] if isinstance(policy, dict) and "Fn::If" in policy else [policy]
        policies += [p for p in branches if isinstance(p, dict) and "Statement" in p]
    return [s for p in policies for s in p["Statement"]]


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _resolve(value: Any, stack: str) -> Any:
    """A condition value as CloudFormation resolves it in a stack named `stack`."""
    return stack if value == {"Ref": "AWS::StackName"} else value


def _allows(statement: dict[str, Any], stack: str, action: str, resource_tags: dict[str, str]) -> bool:
    """Whether the statement, deployed in `stack`, allows `action` on an SES identity with these tags."""
    if action not in _listed(statement["Action"]):
        return False
    if not any(str(r).endswith(":identity/*") or "identity/*" in json.dumps(r) for r in _listed(statement["Resource"])):
        return False
    conditions = statement.get("Condition", {})
    assert set(conditions) <= {"StringEquals"}, conditions
    for key, value in conditions.get("StringEquals", {}).items():
        tag = key.removeprefix("aws:ResourceTag/")
        if resource_tags.get(tag) != _resolve(value, stack):
            return False
    return True


def test_every_stack_names_itself_to_its_functions() -> None:
    assert T["Globals"]["Function"]["Environment"]["Variables"]["STACK_NAME"] == {"Ref": "AWS::StackName"}


def test_a_staging_mailer_cannot_send_as_a_production_stores_identity() -> None:
    production = {"access-center:managed-by": "sender", STACK_TAG: "access-center-prod", "access-center:store": "s1"}
    staging = {**production, STACK_TAG: "access-center-staging"}
    for name in MAILERS:
        sends = _statements(name)
        assert not any(_allows(s, "access-center-staging", "ses:SendEmail", production) for s in sends), name
        assert any(_allows(s, "access-center-staging", "ses:SendEmail", staging) for s in sends), name
        assert any(_allows(s, "access-center-prod", "ses:SendEmail", production) for s in sends), name
        untagged = {"access-center:managed-by": "sender", "access-center:store": "s1"}  # made before the stack tag
        assert not any(_allows(s, "access-center-prod", "ses:SendEmail", untagged) for s in sends), name


def test_the_sender_function_creates_and_removes_only_its_own_stacks_identities_and_tenants() -> None:
    for statement in _statements("StoreSenderFunction"):
        actions = [a for a in _listed(statement["Action"]) if a.startswith("ses:")]
        resources = json.dumps(statement["Resource"])
        if not actions or ("identity/*" not in resources and "tenant/*" not in resources):
            continue  # a named resource (the platform's identity, the configuration set), or not SES
        if actions == ["ses:GetEmailIdentity"]:
            continue  # reading an identity is how the function tells whose it is
        keys = statement["Condition"]["StringEquals"]
        tagged = {k for k, v in keys.items() if k.endswith(f"Tag/{STACK_TAG}") and v == {"Ref": "AWS::StackName"}}
        assert tagged, statement


def _policies_data() -> dict[str, Any]:
    data = Path(cfnlint.__file__).parent / "data" / "AdditionalSpecs" / "Policies.json"
    found: dict[str, Any] = json.loads(data.read_text())["ses"]["Actions"]
    return found


def test_each_ses_statement_names_resource_types_its_actions_take_and_only_tag_condition_keys() -> None:
    """The condition keys are AWS's tag keys, which SES v2's identity and tenant resources and its create
    actions take (Service Authorization Reference); the resource types come from cfn-lint's IAM data."""
    actions = _policies_data()
    for name in FUNCTIONS:
        for statement in _statements(name):
            for action in (a for a in _listed(statement["Action"]) if a.startswith("ses:")):
                types = set(actions[action.removeprefix("ses:").lower()]["Resources"])
                for resource in _listed(statement["Resource"]):
                    kind = re.search(r":(identity|tenant|configuration-set)/", json.dumps(resource))
                    assert kind, (name, action, resource)
                    assert kind.group(1) in types, (name, action, resource)
                for key in statement.get("Condition", {}).get("StringEquals", {}):
                    assert re.fullmatch(r"aws:(ResourceTag|RequestTag)/access-center:[a-z-]+", key), (name, key)


def _alarm(name: str) -> dict[str, Any]:
    props: dict[str, Any] = T["Resources"][name]["Properties"]
    assert props["AlarmActions"] == [{"Ref": "OperationsAlarmTopic"}]
    return props


def test_bounces_alarm_at_2_percent_and_complaints_at_0_05_percent() -> None:
    for name, metric, threshold in (
        ("EmailBounceRateAlarm", "Reputation.BounceRate", 0.02),
        ("EmailComplaintRateAlarm", "Reputation.ComplaintRate", 0.0005),
    ):
        alarm = _alarm(name)
        assert (alarm["Namespace"], alarm["MetricName"]) == ("AWS/SES", metric)
        assert (alarm["ComparisonOperator"], alarm["Threshold"]) == ("GreaterThanOrEqualToThreshold", threshold)


def test_a_message_ses_rejects_alarms_on_the_metric_the_stream_consumer_counts() -> None:
    alarm = _alarm("EmailsRejectedAlarm")
    source = (template.ROOT / "functions" / "change_notices" / "app.py").read_text()
    assert f'count("{alarm["MetricName"]}")' in source
    variables = T["Globals"]["Function"]["Environment"]["Variables"]
    assert alarm["Namespace"] == variables["POWERTOOLS_METRICS_NAMESPACE"]
    assert alarm["Dimensions"] == [{"Name": "service", "Value": variables["POWERTOOLS_SERVICE_NAME"]}]
    assert (alarm["Statistic"], alarm["ComparisonOperator"], alarm["Threshold"]) == (
        "Sum",
        "GreaterThanOrEqualToThreshold",
        1,
    )
