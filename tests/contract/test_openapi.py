"""openapi.json: what the code describes (devtools/docs/openapi.py), committed, valid, and complete."""

from __future__ import annotations

import json
from typing import Any

import schemathesis

from devtools import template
from devtools.docs import openapi

COMMITTED = openapi.OPENAPI_PATH


def _operations(document: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (method.upper(), path): operation
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method != "servers"
    }


def test_the_committed_openapi_json_is_what_the_code_describes() -> None:
    built = openapi.build()
    committed = json.loads(COMMITTED.read_text())
    new, old = _operations(built), _operations(committed)
    stale = sorted(
        f"{method} {path}"
        for method, path in new.keys() | old.keys()
        if new.get((method, path)) != old.get((method, path))
    )
    assert committed == built, f"openapi.json is stale (run `make openapi`); operations that differ: {stale}"
    assert COMMITTED.read_text() == openapi.render(built), "openapi.json is not as `make openapi` writes it"


def test_it_is_valid_openapi() -> None:
    schema = schemathesis.openapi.from_path(COMMITTED)
    schema.validate()
    assert all(result.ok() for result in schema.get_all_operations())


def test_every_route_of_the_template_is_described_at_its_public_path() -> None:
    routes = {
        (route.method, f"{openapi.ACCOUNT_BASE}{route.path}" if route.api == openapi.CUSTOMER_API else route.path)
        for fn in template.functions().values()
        for route in fn.routes
        if not openapi.is_catch_all(route.path)  # the pages' catch-all: the not-found page, no operation
    }
    described = set(_operations(openapi.build()))
    # The pages' own stylesheet route is served by the template's `/assets/{name}`.
    assert described - routes == {("GET", "/store/account/assets/brand.css")}
    assert routes <= described


def test_every_error_answer_in_json_is_the_contracts_error_body() -> None:
    for (method, path), operation in _operations(openapi.build()).items():
        for status, answer in operation["responses"].items():
            json_body = answer.get("content", {}).get("application/json")
            if int(status) >= 400:
                assert json_body is not None or "text/html" in answer["content"], (method, path, status)
                if json_body is not None:
                    assert json_body["schema"] == {"$ref": "#/components/schemas/ErrorBody"}, (method, path, status)
            if int(status) == 429:
                assert answer["headers"]["Retry-After"]["required"] is True, (method, path)


def test_the_contracts_statuses_are_documented() -> None:
    operations = _operations(openapi.build())
    expected = {
        ("POST", "/store/account/api/otp"): {"202", "400", "429"},
        ("POST", "/store/account/api/otp/verify"): {"200", "400", "401", "429"},
        ("POST", "/store/account/api/logout"): {"204"},
        ("GET", "/store/account/api/me"): {"200", "401"},
        ("GET", "/store/account/api/orders"): {"200", "400", "401"},
        ("GET", "/store/account/api/orders/{order_id}"): {"200", "401", "404"},
        ("PUT", "/admin/stores/{store_id}"): {"200", "400"},
        ("PUT", "/admin/stores/{store_id}/domain"): {"200", "409"},
        ("PUT", "/admin/stores/{store_id}/orders/{order_id}"): {"200", "201", "400", "404", "409"},
        ("PUT", "/admin/stores/{store_id}/orders/{order_id}/fulfilments/{fulfilment_id}"): {"200", "404", "409", "422"},
    }
    for key, statuses in expected.items():
        assert statuses <= set(operations[key]["responses"]), key
    # No Powertools default left over: validation errors are 400 here.
    assert "HTTPValidationError" not in json.dumps(openapi.build())


def test_the_two_apis_have_their_servers_tags_and_security() -> None:
    document = openapi.build()
    for (_, path), operation in _operations(document).items():
        servers = [server["url"] for server in document["paths"][path]["servers"]]
        if path.startswith("/admin/"):
            assert operation["tags"] == [openapi.STORE_TAG]
            assert operation["security"] == [{"sigv4": []}]
            assert servers[0].startswith("https://{restApiId}.execute-api.")
        else:
            assert path.startswith("/store/account/")
            assert operation["tags"] == [openapi.CUSTOMER_TAG]
            assert servers[0] == "https://{domain}{prefix}"
    schemes = document["components"]["securitySchemes"]
    assert schemes["sigv4"]["x-amazon-apigateway-authtype"] == "awsSigv4"
    assert schemes["session"] == {**schemes["session"], "in": "cookie", "name": "cac_session"}


def test_the_answers_are_described_by_the_answer_models_themselves() -> None:
    document = openapi.build()
    models = openapi.answer_models()
    named = {
        answer["content"]["application/json"]["schema"]["$ref"].removeprefix(openapi.REF)
        for operation in _operations(document).values()
        for answer in operation["responses"].values()
        if "application/json" in answer.get("content", {})
    }
    assert named <= set(models), "a route answers with a schema that is not an answer model"
    used = {ref.removeprefix(openapi.REF) for ref in openapi._refs(document)}
    assert set(models) <= used, "an answer model that no route answers with"
    for name, model in models.items():
        schema = document["components"]["schemas"][name]
        assert schema["additionalProperties"] is False, name  # closed: an undocumented field fails the fuzz run
        own = model.model_json_schema(ref_template=openapi.REF + "{model}")
        own.pop("$defs", None)  # the models it refers to, each a component of its own
        assert schema == own, name
