"""infra/template.yaml: what the code relies on is really declared, and nothing more is granted."""

from __future__ import annotations

from typing import Any

import pytest

from devtools import template

T = template.load()
RESOURCES = T["Resources"]


def _key_schema(model: Any) -> dict[str, str]:
    meta = model._hash_key_attribute(), model._range_key_attribute()
    return {attr.attr_name: kind for attr, kind in zip(meta, ("HASH", "RANGE"), strict=True) if attr is not None}


def _stored_item_classes() -> list[Any]:
    """Every PynamoDB item class of the shared package (each feature keeps its own in `items.py`)."""
    import importlib
    import pkgutil

    from pynamodb.models import Model

    import access_center

    for module in pkgutil.walk_packages(access_center.__path__, "access_center."):
        if module.name.endswith(".items"):
            importlib.import_module(module.name)
    return [m for m in Model.__subclasses__() if m.__module__.startswith("access_center.")]


def test_every_pynamodb_model_matches_its_tables_key_schema() -> None:
    tables = template.table_definitions()
    models = _stored_item_classes()
    assert {m.__name__ for m in models} >= {"StoreItem", "DomainItem", "OrderItem", "CodeItem", "SessionItem"}
    for model in models:
        spec = tables[model.Meta.table_name]
        declared = {k["AttributeName"]: k["KeyType"] for k in spec["KeySchema"]}
        assert _key_schema(model) == declared, model.__name__


def test_orders_stream_carries_old_and_new_images() -> None:
    props = RESOURCES["OrdersTable"]["Properties"]
    assert props["StreamSpecification"]["StreamViewType"] == "NEW_AND_OLD_IMAGES"


@pytest.mark.parametrize("table", ["CodesTable", "SessionsTable", "CustomersTable"])
def test_codes_and_sessions_expire_by_ttl(table: str) -> None:
    assert RESOURCES[table]["Properties"]["TimeToLiveSpecification"] == {"AttributeName": "ttl", "Enabled": True}


def test_every_table_has_point_in_time_recovery_and_encryption() -> None:
    for name, res in template.resources(T, "AWS::DynamoDB::Table").items():
        props = res["Properties"]
        assert props["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True, name
        assert props["SSESpecification"]["SSEEnabled"] is True, name


def test_functions_run_python_313_on_arm64() -> None:
    fn = T["Globals"]["Function"]
    assert fn["Runtime"] == "python3.13"
    assert fn["Architectures"] == ["arm64"]
    assert fn["Environment"]["Variables"]["POWERTOOLS_SERVICE_NAME"]


def test_the_store_system_api_requires_iam() -> None:
    assert RESOURCES["StoreApi"]["Properties"]["Auth"]["DefaultAuthorizer"] == "AWS_IAM"
    for fn in template.functions().values():
        for route in fn.routes:
            assert (route.api == "StoreApi") == route.path.startswith("/admin/"), (fn.name, route)


def test_every_contract_route_is_served() -> None:
    served = {(r.method, r.path) for fn in template.functions().values() for r in fn.routes}
    assert {
        ("PUT", "/admin/stores/{store_id}"),
        ("PUT", "/admin/stores/{store_id}/domain"),
        ("PUT", "/admin/stores/{store_id}/orders/{order_id}"),
        ("PUT", "/admin/stores/{store_id}/orders/{order_id}/fulfilments/{fulfilment_id}"),
        ("POST", "/api/otp"),
        ("POST", "/api/otp/verify"),
        ("POST", "/api/logout"),
        ("GET", "/api/me"),
        ("GET", "/api/orders"),
        ("GET", "/api/orders/{order_id}"),
    } <= served


def _statements(fn: dict[str, Any]) -> list[dict[str, Any]]:
    """Every statement of the function's inline policies, those of either branch of a `!If` included."""
    policies = []
    for policy in fn["Properties"].get("Policies", []):
        branches = policy["Fn::If"][1:] if isinstance(policy, dict) and "Fn::If" in policy else [policy]
        policies += [p for p in branches if isinstance(p, dict)]
    return [s for policy in policies for s in policy.get("Statement", [])]


def test_no_function_gets_wildcard_actions_or_scan() -> None:
    for name, fn in template.resources(T, "AWS::Serverless::Function").items():
        for statement in _statements(fn):
            actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
            assert not any("*" in action for action in actions), name
            assert "dynamodb:Scan" not in actions, name
            assert statement.get("Resource") != "*", name
        for policy in fn["Properties"].get("Policies", []):
            assert not isinstance(policy, str), f"{name} uses a managed policy; write least-privilege statements"


def test_only_the_mailers_may_send_email_and_only_the_sender_function_manages_identities() -> None:
    def holders(prefix: str) -> set[str]:
        return {
            name
            for name, fn in template.resources(T, "AWS::Serverless::Function").items()
            for s in _statements(fn)
            if any(a.startswith(prefix) for a in (s["Action"] if isinstance(s["Action"], list) else [s["Action"]]))
        }

    assert holders("ses:SendEmail") == {"LoginCodeMailerFunction", "ChangeNoticesFunction"}
    assert holders("ses:") - holders("ses:SendEmail") == {"StoreSenderFunction"}


def test_mailers_send_only_as_the_platform_or_a_verified_store_domain() -> None:
    for name in ("LoginCodeMailerFunction", "ChangeNoticesFunction"):
        sends = [s for s in _statements(RESOURCES[name]) if "ses:SendEmail" in s["Action"]]
        for statement in sends:
            resources = statement["Resource"] if isinstance(statement["Resource"], list) else [statement["Resource"]]
            wildcard = any("identity/*" in json_text(r) for r in resources)
            assert not wildcard or "aws:ResourceTag/access-center:managed-by" in json_text(statement["Condition"]), name


def test_customer_functions_cannot_write_orders() -> None:
    customer = ("OtpSendFunction", "OtpVerifyFunction", "CustomerOrdersFunction", "CustomerSessionFunction")
    for name in (*customer, "CustomerReorderFunction"):
        for statement in _statements(RESOURCES[name]):
            resources = statement["Resource"] if isinstance(statement["Resource"], list) else [statement["Resource"]]
            if {"Fn::GetAtt": ["OrdersTable", "Arn"]} in resources:
                assert statement["Action"] == ["dynamodb:GetItem"], name


def test_no_dev_routes_are_deployed() -> None:
    for fn in template.functions().values():
        assert not any(r.path.startswith("/_dev") for r in fn.routes)


def test_the_code_request_only_enqueues_and_the_queue_has_a_dead_letter_queue() -> None:
    """Code emails leave off the response path: the request functions may only enqueue."""
    for name in ("OtpSendFunction", "PagesFunction"):
        actions = {a for s in _statements(RESOURCES[name]) for a in s["Action"]}
        assert "sqs:SendMessage" in actions
        assert not any(a.startswith("ses:") for a in actions)
    queue = RESOURCES["LoginCodeQueue"]["Properties"]
    assert queue["RedrivePolicy"]["deadLetterTargetArn"] == {"Fn::GetAtt": ["LoginCodeDeadLetterQueue", "Arn"]}
    assert queue["SqsManagedSseEnabled"] is True
    (event,) = RESOURCES["LoginCodeMailerFunction"]["Properties"]["Events"].values()
    assert event["Properties"]["FunctionResponseTypes"] == ["ReportBatchItemFailures"]


PUBLIC_FUNCTIONS = (
    "OtpSendFunction",
    "OtpVerifyFunction",
    "CustomerOrdersFunction",
    "CustomerSessionFunction",
    "CustomerReorderFunction",
    "PagesFunction",
)


def test_the_customer_api_answers_only_through_store_domains() -> None:
    assert RESOURCES["CustomerApi"]["Properties"]["DisableExecuteApiEndpoint"] is True


def test_waf_limits_every_client_ip_on_the_customer_api_and_answers_in_the_contract_shape() -> None:
    import json

    acl = RESOURCES["CustomerWebAcl"]["Properties"]
    assert acl["Scope"] == "REGIONAL"
    rules = {r["Name"]: r for r in acl["Rules"] if "RateBasedStatement" in r["Statement"]}
    assert set(rules) == {"login-per-ip", "all-per-ip"}
    for rule in rules.values():
        assert rule["Statement"]["RateBasedStatement"]["AggregateKeyType"] == "IP"
        response = rule["Action"]["Block"]["CustomResponse"]
        assert response["ResponseCode"] == 429
        assert {h["Name"] for h in response["ResponseHeaders"]} == {"Retry-After"}
        body = json.loads(acl["CustomResponseBodies"][response["CustomResponseBodyKey"]]["Content"])
        assert body["error"] == "rate_limited"
    assert rules["login-per-ip"]["Statement"]["RateBasedStatement"]["Limit"] == {"Ref": "LoginRequestsPerIpPer5Min"}
    association = RESOURCES["CustomerWebAclAssociation"]["Properties"]
    assert association["WebACLArn"] == {"Fn::GetAtt": ["CustomerWebAcl", "Arn"]}
    assert {"Ref": "CustomerApi.Stage"} in association["ResourceArn"]["Fn::Join"][1]


def test_public_functions_have_reserved_concurrency() -> None:
    for name in PUBLIC_FUNCTIONS:
        reserved = RESOURCES[name]["Properties"]["ReservedConcurrentExecutions"]
        assert reserved["Fn::If"][1] == {"Ref": "PublicFunctionConcurrency"}, name


def _secret_readers(secret: str) -> set[str]:
    return {
        name
        for name, fn in template.resources(T, "AWS::Serverless::Function").items()
        if any(
            "secretsmanager:GetSecretValue" in s["Action"] and s["Resource"] == {"Ref": secret} for s in _statements(fn)
        )
    }


def test_secrets_manager_reads_name_one_secret_each() -> None:
    for name, fn in template.resources(T, "AWS::Serverless::Function").items():
        for statement in _statements(fn):
            if any(a.startswith("secretsmanager:") for a in statement["Action"]):
                assert statement["Action"] == ["secretsmanager:GetSecretValue"], name
                assert statement["Resource"] in ({"Ref": "ServerSecret"}, {"Ref": "EdgeOriginSecret"}), name


def test_only_the_functions_that_use_the_server_secret_can_read_it() -> None:
    readers = _secret_readers("ServerSecret")
    told = {
        name
        for name, fn in template.resources(T, "AWS::Serverless::Function").items()
        if "SERVER_SECRET_ARN" in fn["Properties"].get("Environment", {}).get("Variables", {})
    }
    # Codes, cursors and sign-in links; the store system's list of returns and the customer's list of
    # invoices sign their cursors; the erasure's emailed link is an HMAC (privacy.erasure).
    expected = {"OtpVerifyFunction", "CustomerOrdersFunction", "PagesFunction", "LoginCodeMailerFunction"}
    signers = {"ReturnUpdatesFunction", "CustomerInvoicesFunction", "CustomerPrivacyFunction"}
    # The customer's lists (saved carts, quotes) sign their cursors; their pages do too, and take forms.
    signers |= {"CustomerListsFunction", "ListPagesFunction"}
    assert readers == told == expected | signers
    assert "SERVER_SECRET_ARN" not in T["Globals"]["Function"]["Environment"]["Variables"]


def _serves_customers(fn: dict[str, Any]) -> bool:
    events = fn["Properties"].get("Events", {}).values()
    return any(e["Properties"].get("RestApiId") == {"Ref": "CustomerApi"} for e in events)


def test_every_customer_facing_function_and_no_other_reads_the_edge_secret() -> None:
    """They all resolve the store from the viewer's host (web.edge); the store-system API has no edge."""
    functions = template.resources(T, "AWS::Serverless::Function")
    customer_facing = {name for name, fn in functions.items() if _serves_customers(fn)}
    told = {
        name
        for name, fn in functions.items()
        if fn["Properties"].get("Environment", {}).get("Variables", {}).get("EDGE_SECRET_ARN")
        == {"Ref": "EdgeOriginSecret"}
    }
    assert len(customer_facing) == 15
    assert _secret_readers("EdgeOriginSecret") == told == customer_facing
    assert "EDGE_SECRET_ARN" not in T["Globals"]["Function"]["Environment"]["Variables"]
    secret = RESOURCES["EdgeOriginSecret"]
    assert secret["Type"] == "AWS::SecretsManager::Secret"
    assert secret["Properties"]["GenerateSecretString"]["PasswordLength"] >= 32  # generated, never in the repo


def test_connect_domain_may_change_only_domain_names_tagged_as_the_access_centers() -> None:
    for statement in _statements(RESOURCES["ConnectDomainFunction"]):
        actions = statement["Action"]
        if not any(a.startswith("apigateway:") for a in actions) or actions == ["apigateway:GET"]:
            continue
        conditions = json_text(statement.get("Condition"))
        assert "access-center:managed-by" in conditions, statement


def json_text(value: Any) -> str:
    import json

    return json.dumps(value)


def test_a_login_code_message_that_keeps_failing_reaches_its_dead_letter_queue() -> None:
    queue = RESOURCES["LoginCodeQueue"]["Properties"]
    tries = queue["RedrivePolicy"]["maxReceiveCount"]
    assert queue["MessageRetentionPeriod"] > tries * queue["VisibilityTimeout"]
    (event,) = RESOURCES["LoginCodeMailerFunction"]["Properties"]["Events"].values()
    assert event["Properties"]["ScalingConfig"]["MaximumConcurrency"] >= 2


def test_api_functions_end_before_api_gateway_gives_up() -> None:
    default = T["Globals"]["Function"]["Timeout"]
    for fn in template.functions().values():
        if fn.routes:
            assert RESOURCES[fn.name]["Properties"].get("Timeout", default) < 29, fn.name


def test_sam_creates_only_the_named_stage() -> None:
    assert T["Globals"]["Api"]["OpenApiVersion"].startswith("3.")


def test_every_function_has_a_log_group_with_retention() -> None:
    groups = {
        res["Properties"]["LogGroupName"]["Fn::Sub"]: res["Properties"]
        for res in template.resources(T, "AWS::Logs::LogGroup").values()
    }
    for name in template.resources(T, "AWS::Serverless::Function"):
        group = groups.get(f"/aws/lambda/${{{name}}}")
        assert group is not None, name
        assert group["RetentionInDays"] == {"Ref": "LogRetentionDays"}, name


def test_only_the_functions_whose_requests_change_something_and_the_orders_stream_consumer_publish_store_events() -> (
    None
):
    publishers = {}
    for name, resource in RESOURCES.items():
        if resource["Type"] != "AWS::Serverless::Function":
            continue
        for statement in _statements(resource):
            actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
            if any(a.startswith("events:") for a in actions):
                publishers[name] = (actions, statement["Resource"])
    bus = (["events:PutEvents"], {"Fn::GetAtt": ["StoreEventsBus", "Arn"]})
    # ReorderStarted and the account's changes from the request (JSON, the page's form or the store's
    # import); cancellations from the Orders stream.
    assert publishers == {
        "CustomerReorderFunction": bus,
        "CustomerAccountFunction": bus,
        "StoreCustomersFunction": bus,
        "PagesFunction": bus,
        "ChangeNoticesFunction": bus,
        # The lists' changes (API.md section 12): the customer's, from JSON or a page's form, and the store's.
        "CustomerListsFunction": bus,
        "ListPagesFunction": bus,
        "StoreListsFunction": bus,
    }


def test_only_the_message_and_invoice_functions_reach_the_files_bucket_and_only_their_prefixes() -> None:
    reach: dict[str, set[tuple[str, str]]] = {}
    for name, fn in template.resources(T, "AWS::Serverless::Function").items():
        for statement in _statements(fn):
            actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
            for action in (a for a in actions if a.startswith("s3:")):
                resource = statement["Resource"]
                assert isinstance(resource, dict), (name, resource)  # one prefix per statement, never the bucket
                prefix = resource["Fn::Sub"].removeprefix("${FilesBucket.Arn}/")
                reach.setdefault(name, set()).add((action, prefix))
    messages = {(a, p) for p in ("uploads/*", "attached/*") for a in ("s3:PutObject", "s3:GetObject")}
    messages.add(("s3:DeleteObject", "uploads/*"))
    assert reach == {
        "CustomerMessagesFunction": messages,
        "StoreMessagesFunction": messages,
        "CustomerInvoicesFunction": {("s3:GetObject", "invoices/*")},
        # Signs the upload form, then claims the upload: checks it, copies it to the document, deletes it.
        "InvoicesFunction": {
            ("s3:PutObject", "invoices/*"),
            ("s3:GetObject", "invoices/*"),
            ("s3:DeleteObject", "invoices/*"),
        },
        # The privacy export's file: written (multipart when large), then read through its download link.
        "CustomerPrivacyFunction": {
            ("s3:PutObject", "exports/*"),
            ("s3:GetObject", "exports/*"),
            ("s3:AbortMultipartUpload", "exports/*"),
        },
    }


def test_the_files_bucket_is_private_encrypted_and_drops_abandoned_uploads() -> None:
    bucket = T["Resources"]["FilesBucket"]["Properties"]
    assert all(bucket["PublicAccessBlockConfiguration"].values())
    assert bucket["OwnershipControls"]["Rules"] == [{"ObjectOwnership": "BucketOwnerEnforced"}]
    (rule,) = bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert rule["ServerSideEncryptionByDefault"]["SSEAlgorithm"] == "aws:kms"
    uploads = next(r for r in bucket["LifecycleConfiguration"]["Rules"] if r.get("Prefix") == "uploads/")
    assert uploads["ExpirationInDays"] == 1
    exports = next(r for r in bucket["LifecycleConfiguration"]["Rules"] if r.get("Prefix") == "exports/")
    assert exports["ExpirationInDays"] == 1  # a copy of a customer's data (privacy.export) lives a day at most
    (policy,) = T["Resources"]["FilesBucketPolicy"]["Properties"]["PolicyDocument"]["Statement"]
    assert policy["Effect"] == "Deny"
    assert policy["Condition"] == {"Bool": {"aws:SecureTransport": False}}
    assert [r["AllowedMethods"] for r in bucket["CorsConfiguration"]["CorsRules"]] == [["POST"]]
