"""infra/template.yaml's operations (docs/operations.md): alarms, access logs, tracing, the dashboard.

Lists (functions, dead-letter queues, APIs, alarms) come from the template, so a new one without its
alarm, log or dashboard line fails here.
"""

from __future__ import annotations

import json
import re
from typing import Any

from devtools import template

T = template.load()
RESOURCES = T["Resources"]
FUNCTIONS = template.resources(T, "AWS::Serverless::Function")
APIS = template.resources(T, "AWS::Serverless::Api")
ALARMS = {name: res["Properties"] for name, res in template.resources(T, "AWS::CloudWatch::Alarm").items()}
RUNBOOK = (template.ROOT / "docs" / "operations.md").read_text()
TOPIC = {"Ref": "OperationsAlarmTopic"}


def _alarms_on(namespace: str, metric: str) -> dict[str, dict[str, Any]]:
    return {
        name: props
        for name, props in ALARMS.items()
        if props.get("Namespace") == namespace and props.get("MetricName") == metric
    }


def _dimensions(alarm: dict[str, Any]) -> dict[str, Any]:
    return {d["Name"]: d["Value"] for d in alarm.get("Dimensions", [])}


def _alarm_for(namespace: str, metric: str, **dimensions: Any) -> dict[str, Any]:
    found = [a for a in _alarms_on(namespace, metric).values() if _dimensions(a) == dimensions]
    assert len(found) == 1, (metric, dimensions)
    return found[0]


def _dead_letter_queues() -> set[str]:
    """Queues that take what ran out of retries: redrive targets and event-source on-failure destinations."""
    text = json.dumps(RESOURCES)
    targets = re.findall(r'"(?:deadLetterTargetArn|Destination)": \{"Fn::GetAtt": \["(\w+)", "Arn"\]\}', text)
    return {name for name in targets if RESOURCES[name]["Type"] == "AWS::SQS::Queue"}


def test_every_function_alarms_on_errors() -> None:
    assert len(FUNCTIONS) >= 12
    for name in FUNCTIONS:
        alarm = _alarm_for("AWS/Lambda", "Errors", FunctionName={"Ref": name})
        assert (alarm["Statistic"], alarm["Period"], alarm["EvaluationPeriods"]) == ("Sum", 300, 1), name
        assert (alarm["ComparisonOperator"], alarm["Threshold"]) == ("GreaterThanThreshold", 0), name


def test_every_function_with_reserved_concurrency_alarms_on_throttles() -> None:
    capped = [name for name, fn in FUNCTIONS.items() if "ReservedConcurrentExecutions" in fn["Properties"]]
    assert len(capped) >= 5
    for name in capped:
        alarm = _alarm_for("AWS/Lambda", "Throttles", FunctionName={"Ref": name})
        assert (alarm["Statistic"], alarm["ComparisonOperator"], alarm["Threshold"]) == (
            "Sum",
            "GreaterThanThreshold",
            0,
        ), name


def test_the_stream_consumers_failed_batches_go_whole_to_s3_and_the_first_one_alarms() -> None:
    events = [e for fn in template.functions().values() for e in fn.streams]
    assert events
    for event in events:
        assert event["DestinationConfig"]["OnFailure"] == {
            "Type": "S3",
            "Destination": {"Fn::GetAtt": ["StreamFailuresBucket", "Arn"]},
        }
    alarm = _alarm_for("AWS/S3", "PutRequests", BucketName={"Ref": "StreamFailuresBucket"}, FilterId="EntireBucket")
    assert (alarm["Statistic"], alarm["ComparisonOperator"], alarm["Threshold"]) == (
        "Sum",
        "GreaterThanOrEqualToThreshold",
        1,
    )
    configs = RESOURCES["StreamFailuresBucket"]["Properties"]["MetricsConfigurations"]
    assert {"Id": "EntireBucket"} in configs
    assert "make replay" in RUNBOOK


def test_the_dead_letter_queue_alarms_on_the_first_message() -> None:
    queues = _dead_letter_queues()
    assert queues == {"LoginCodeDeadLetterQueue"}
    for queue in queues:
        alarm = _alarm_for(
            "AWS/SQS", "ApproximateNumberOfMessagesVisible", QueueName={"Fn::GetAtt": [queue, "QueueName"]}
        )
        assert (alarm["Statistic"], alarm["ComparisonOperator"], alarm["Threshold"]) == (
            "Maximum",
            "GreaterThanOrEqualToThreshold",
            1,
        ), queue


def test_a_stream_consumer_alarms_when_it_lags_a_minute_behind() -> None:
    consumers = [name for name, fn in template.functions().items() if fn.streams]
    assert consumers == ["ChangeNoticesFunction"]
    alarm = _alarm_for("AWS/Lambda", "IteratorAge", FunctionName={"Ref": "ChangeNoticesFunction"})
    assert (alarm["Statistic"], alarm["ComparisonOperator"], alarm["Threshold"]) == (
        "Maximum",
        "GreaterThanThreshold",
        60000,
    )


def test_ses_reputation_alarms_well_before_the_rates_where_ses_reviews_the_account() -> None:
    for metric, rate in (("Reputation.BounceRate", 0.02), ("Reputation.ComplaintRate", 0.0005)):
        alarm = _alarm_for("AWS/SES", metric)
        assert (alarm["ComparisonOperator"], alarm["Threshold"]) == ("GreaterThanOrEqualToThreshold", rate), metric


def test_the_stacks_own_bounces_and_complaints_alarm_from_what_its_configuration_set_publishes() -> None:
    destination = RESOURCES["EmailConfigurationSetMetrics"]["Properties"]["EventDestination"]
    (dimension,) = destination["CloudWatchDestination"]["DimensionConfigurations"]
    queries = [q["Expression"] for props in ALARMS.values() for q in props.get("Metrics", []) if q.get("ReturnData")]
    summed = {
        match.groups()
        for query in queries
        if (match := re.fullmatch(r'SELECT SUM\((\w+)\) FROM SCHEMA\("AWS/SES", "([^"]+)"\)', query))
    }
    for event, metric in (("bounce", "Bounce"), ("complaint", "Complaint")):
        assert event in destination["MatchingEventTypes"]
        assert (metric, dimension["DimensionName"]) in summed, metric


def test_both_apis_alarm_on_5xx_and_the_customer_api_on_p99_latency() -> None:
    for name, api in APIS.items():
        dimensions = {"ApiName": api["Properties"]["Name"], "Stage": {"Ref": "StageName"}}
        assert api["Properties"]["StageName"] == {"Ref": "StageName"}, name
        alarm = _alarm_for("AWS/ApiGateway", "5XXError", **dimensions)
        assert (alarm["Statistic"], alarm["ComparisonOperator"], alarm["Threshold"]) == (
            "Sum",
            "GreaterThanThreshold",
            0,
        ), name
    names = [api["Properties"]["Name"]["Fn::Sub"] for api in APIS.values()]
    assert len(set(names)) == len(names), "API names are the metrics' ApiName: each must be its own"
    customer = {"ApiName": APIS["CustomerApi"]["Properties"]["Name"], "Stage": {"Ref": "StageName"}}
    latency = _alarm_for("AWS/ApiGateway", "Latency", **customer)
    assert latency["ExtendedStatistic"] == "p99"
    assert latency["Threshold"] <= 3000


def test_every_alarm_notifies_the_operations_topic_and_names_its_runbook_section() -> None:
    assert len(ALARMS) >= 20
    headings = {line.lstrip("#").strip().lower() for line in RUNBOOK.splitlines() if line.startswith("### ")}
    for name, alarm in ALARMS.items():
        assert alarm["AlarmActions"] == [TOPIC], name
        assert alarm["TreatMissingData"] == "notBreaching", name
        section = re.search(r"\(docs/operations\.md, ([^)]+)\)$", alarm["AlarmDescription"])
        assert section is not None, name
        assert section.group(1).lower() in headings, (name, section.group(1))


def test_the_alarm_topic_uses_a_key_cloudwatch_may_encrypt_with_and_emails_only_when_asked() -> None:
    assert RESOURCES["OperationsAlarmTopic"]["Properties"]["KmsMasterKeyId"] == {"Ref": "OperationsAlarmKey"}
    key = RESOURCES["OperationsAlarmKey"]["Properties"]
    assert key["EnableKeyRotation"] is True
    (grant,) = [s for s in key["KeyPolicy"]["Statement"] if s["Principal"] == {"Service": "cloudwatch.amazonaws.com"}]
    assert set(grant["Action"]) == {"kms:Decrypt", "kms:GenerateDataKey*"}
    assert T["Parameters"]["AlarmEmail"]["Default"] == ""
    assert T["Conditions"]["HasAlarmEmail"] == {"Fn::Not": [{"Fn::Equals": [{"Ref": "AlarmEmail"}, ""]}]}
    (subscription,) = template.resources(T, "AWS::SNS::Subscription").values()
    assert subscription["Condition"] == "HasAlarmEmail"
    assert subscription["Properties"] == {"TopicArn": TOPIC, "Protocol": "email", "Endpoint": {"Ref": "AlarmEmail"}}


def test_tracing_follows_the_parameter() -> None:
    parameter = T["Parameters"]["TracingEnabled"]
    assert (parameter["Default"], parameter["AllowedValues"]) == ("false", ["true", "false"])
    assert T["Conditions"]["TracesRequests"] == {"Fn::Equals": [{"Ref": "TracingEnabled"}, "true"]}
    assert T["Globals"]["Function"]["Tracing"] == {"Fn::If": ["TracesRequests", "Active", "Disabled"]}
    for name, fn in FUNCTIONS.items():
        assert "Tracing" not in fn["Properties"], name
    for name, api in APIS.items():
        tracing = api["Properties"].get("TracingEnabled", T["Globals"]["Api"].get("TracingEnabled"))
        assert tracing == {"Fn::If": ["TracesRequests", True, False]}, name


ACCESS_LOG_FIELDS = {
    "requestId": "$context.requestId",
    "extendedRequestId": "$context.extendedRequestId",
    "ip": "$context.identity.sourceIp",
    "requestTime": "$context.requestTime",
    "httpMethod": "$context.httpMethod",
    "resourcePath": "$context.resourcePath",
    "path": "$context.path",
    "status": "$context.status",
    "responseLength": "$context.responseLength",
    "integrationLatency": "$context.integrationLatency",
    "responseLatency": "$context.responseLatency",
    "domainName": "$context.domainName",
    "wafResponseCode": "$context.wafResponseCode",
    "error": "$context.error.messageString",
}


def _access_log_fields(api: str) -> dict[str, str]:
    """The API's access log format as the JSON object each line is (messageString comes quoted)."""
    line = APIS[api]["Properties"]["AccessLogSetting"]["Format"]
    assert "\n" not in line, api
    return json.loads(re.sub(r"(\$context\.error\.messageString)", r'"\1"', line))


def test_access_logs_are_one_json_line_of_the_documented_fields() -> None:
    assert _access_log_fields("CustomerApi") == ACCESS_LOG_FIELDS
    assert _access_log_fields("StoreApi") == {**ACCESS_LOG_FIELDS, "callerArn": "$context.identity.userArn"}
    for field in ACCESS_LOG_FIELDS:
        assert f"`{field}`" in RUNBOOK, field


def test_access_logs_never_carry_cookies_query_strings_or_bodies() -> None:
    """$context.path has no query string: a sign-in link's token and email never reach the log."""
    for name in APIS:
        for value in _access_log_fields(name).values():
            assert re.fullmatch(r"\$context\.[A-Za-z.]+", value), (name, value)
            assert not re.search(r"header|cookie|query|body|input|authorizer|override", value, re.IGNORECASE)
        assert "$input" not in APIS[name]["Properties"]["AccessLogSetting"]["Format"]


def test_access_logs_go_to_a_log_group_per_api_kept_for_the_stacks_retention() -> None:
    groups = []
    for name, api in APIS.items():
        destination = api["Properties"]["AccessLogSetting"]["DestinationArn"]["Fn::Sub"]
        (group,) = re.findall(r":log-group:\$\{(\w+)\}$", destination)
        assert RESOURCES[group]["Properties"]["RetentionInDays"] == {"Ref": "LogRetentionDays"}, name
        groups.append(group)
    assert len(set(groups)) == len(APIS) == 2


def test_access_logs_wait_for_the_account_logging_role_when_the_stack_sets_it() -> None:
    assert T["Parameters"]["CreateApiGatewayLoggingRole"]["Default"] == "true"
    condition = "CreatesApiGatewayLoggingRole"
    assert T["Conditions"][condition] == {"Fn::Equals": [{"Ref": "CreateApiGatewayLoggingRole"}, "true"]}
    account = RESOURCES["ApiGatewayAccount"]
    assert account["Condition"] == condition
    assert account["Properties"]["CloudWatchRoleArn"] == {"Fn::GetAtt": ["ApiGatewayLoggingRole", "Arn"]}
    role = RESOURCES["ApiGatewayLoggingRole"]
    assert role["Condition"] == condition
    (trust,) = role["Properties"]["AssumeRolePolicyDocument"]["Statement"]
    assert trust["Principal"] == {"Service": "apigateway.amazonaws.com"}
    assert "AmazonAPIGatewayPushToCloudWatchLogs" in json.dumps(role["Properties"]["ManagedPolicyArns"])
    for api in APIS.values():
        (group,) = re.findall(r"\$\{(\w+)\}$", api["Properties"]["AccessLogSetting"]["DestinationArn"]["Fn::Sub"])
        waits = json.dumps(RESOURCES[group].get("Metadata"))
        assert json.dumps({"Fn::If": [condition, {"Ref": "ApiGatewayAccount"}, ""]}) in waits, group


def _dashboard() -> dict[str, Any]:
    (dashboard,) = template.resources(T, "AWS::CloudWatch::Dashboard").values()
    return json.loads(dashboard["Properties"]["DashboardBody"]["Fn::Sub"])


def _dashboard_metrics() -> list[list[Any]]:
    return [m for w in _dashboard()["widgets"] for m in w["properties"].get("metrics", [])]


def test_the_dashboard_shows_every_function() -> None:
    shown = {(m[0], m[1], m[3]) for m in _dashboard_metrics() if m[0] == "AWS/Lambda"}
    for name in FUNCTIONS:
        for metric in ("Invocations", "Errors", "Throttles", "Duration"):
            assert ("AWS/Lambda", metric, f"${{{name}}}") in shown, (name, metric)


def test_the_dashboard_shows_every_alarm_api_queue_the_stream_ses_and_the_waf() -> None:
    (alarms,) = [w["properties"]["alarms"] for w in _dashboard()["widgets"] if w["type"] == "alarm"]
    assert sorted(alarms) == sorted(f"${{{name}.Arn}}" for name in ALARMS)
    metrics = _dashboard_metrics()
    flat = json.dumps(metrics)
    for api in APIS.values():
        api_name = api["Properties"]["Name"]["Fn::Sub"]
        for metric in ("Count", "4XXError", "5XXError", "Latency"):
            assert ["AWS/ApiGateway", metric, "ApiName", api_name, "Stage", "${StageName}"] in [m[:6] for m in metrics]
    for queue in _dead_letter_queues():
        assert f'"QueueName", "${{{queue}.QueueName}}"' in flat, queue
    assert '["AWS/Lambda", "IteratorAge", "FunctionName", "${ChangeNoticesFunction}"' in flat
    for metric in ("Send", "Bounce", "Complaint"):
        assert ["AWS/SES", metric] in metrics, metric
    acl = RESOURCES["CustomerWebAcl"]["Properties"]
    waf = [m for m in metrics if m[:2] == ["AWS/WAFV2", "BlockedRequests"]]
    assert {m[3] for m in waf} == {acl["VisibilityConfig"]["MetricName"]}
    assert {m[5] for m in waf} == {"ALL"} | {r["VisibilityConfig"]["MetricName"] for r in acl["Rules"]}


def test_outputs_give_the_dashboard_url_and_the_alarm_topic() -> None:
    outputs = T["Outputs"]
    assert outputs["OperationsAlarmTopicArn"]["Value"] == TOPIC
    url = outputs["OperationsDashboardUrl"]["Value"]["Fn::Sub"]
    assert url.endswith("#dashboards:name=${OperationsDashboard}")
