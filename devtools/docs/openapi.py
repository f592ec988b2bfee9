"""`make openapi`: openapi.json, the customer API and the store-system API described from the code.

    python -m devtools.docs.openapi [--check] [PATH]

Each API function (functions/*/app.py) has its own Powertools resolver; every one of them describes
its routes (`app.get_openapi_schema()`): parameters and request bodies from the handlers' signatures,
answers from the decorators' `responses=` (access_center.web.apidoc). This script loads the functions as
Lambda would (devtools.emulator.gateway.load_handler, with the template's environment), merges their paths
into one document, and adds what no single function knows:

- where each route is served: the template's events say which API (`CustomerApi`, `StoreApi`) and
  resource; customer routes are shown at their public form `/store/account/...` under the server
  `https://{domain}{prefix}` (a store's connected domain and optional path prefix);
- the response schemas: every answer model (access_center.core.fields.Answer) of the features' `models`
  modules; the security schemes (SigV4 for the store-system API, the session cookie for the customer's
  own data), tags, and request examples;
- Powertools' default `422 HTTPValidationError` answer is dropped: validation errors are 400
  `bad_request` here (access_center.web.resolver), documented by each route.

Every route of the template must be described (but the pages' catch-all, `/{proxy+}`) and every described
route must be in the template;
every `$ref` must resolve. `--check` compares with the committed file instead of writing it
(tests/contract/test_openapi.py does the same in memory).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import os
import pkgutil
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from devtools import template

ROOT = template.ROOT
OPENAPI_PATH = ROOT / "openapi.json"
ACCOUNT_BASE = "/store/account"
CUSTOMER_API, STORE_API = "CustomerApi", "StoreApi"
CUSTOMER_TAG, STORE_TAG = "Customer API", "Store-system API"
REF = "#/components/schemas/"

SERVERS = {
    "customer": {
        "url": "https://{domain}{prefix}",
        "description": (
            "Customer API, on each store's connected domain (API Gateway custom domain, base path "
            "`{prefix}/store/account`). `prefix` is the store's optional path prefix, like `/products`."
        ),
        "variables": {
            "domain": {"default": "shop.example.com", "description": "The store's connected domain."},
            "prefix": {"default": "", "description": "The store's path prefix: empty, or like `/products`."},
        },
    },
    "store": {
        "url": "https://{restApiId}.execute-api.{region}.amazonaws.com/{stage}",
        "description": "Store-system API (IAM, SigV4), server to server: the stack output `StoreApiUrl`.",
        "variables": {
            "restApiId": {"default": "abcdef1234", "description": "The StoreApi's id."},
            "region": {"default": "us-east-1"},
            "stage": {"default": "live"},
        },
    },
    "local": {
        "url": "http://127.0.0.1:3000",
        "description": (
            "`make dev`: both APIs on one port, store-system routes without IAM; customer routes answer "
            "for `Host: localhost` (the demo store) and connected domains."
        ),
    },
}

SECURITY_SCHEMES = {
    "sigv4": {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": (
            "AWS Signature Version 4 (IAM): API Gateway accepts a request signed by credentials allowed "
            "`execute-api:Invoke` on the route (for example with awscurl, or curl --aws-sigv4)."
        ),
        "x-amazon-apigateway-authtype": "awsSigv4",
    },
    "session": {
        "type": "apiKey",
        "in": "cookie",
        "name": "cac_session",
        "description": (
            "The session cookie set by `POST /store/account/api/otp/verify` (or the verify page): HttpOnly, "
            "Secure, SameSite=Lax, path `{prefix}/store/account`, useful only on the store that set it."
        ),
    },
}

TAGS = [
    {
        "name": CUSTOMER_TAG,
        "description": (
            "On the store's own domain, under `{prefix}/store/account`: one-time-code login, the customer's "
            "orders (JSON routes, `api/...`) and the server-rendered pages. The `Host` header picks the store."
        ),
    },
    {
        "name": STORE_TAG,
        "description": (
            "Server to server, IAM (SigV4): stores, their domains, orders and fulfilments. On `make dev` open "
            "(unsigned) on this machine's names (localhost, 127.0.0.1, `*.localhost`) and the stores' domains."
        ),
    },
]

DESCRIPTION = """\
Customer Access Center: a store's customers log in with a one-time code on the store's own domain and
see their orders, fulfilments and tracking; store systems push orders and fulfilments.

Generated from the code (`make openapi`); docs/api.md is the same reference for people, with the rules
no route description carries (login codes, rate limits, emails). Customer paths are shown as
`/store/account/...`: on a store whose URL has a path prefix they are served under it
(`https://shop.example.com/products/store/account/...`). Errors are `{"error", "message", "details"?}`.
"""

# Path parameters: an example each, for readers and for the fuzz tests' explicit examples.
PARAMETER_EXAMPLES = {
    (CUSTOMER_API, "order_id"): "demo-1002",
    (CUSTOMER_API, "name"): "portal.css",
    (STORE_API, "store_id"): "s1",
    (STORE_API, "order_id"): "1001",
    (STORE_API, "fulfilment_id"): "f1",
    (STORE_API, "sku"): "MUG-1",
}

_ADDRESS = {
    "name": "Ann Example",
    "line1": "1 Main St",
    "city": "Springfield",
    "postal_code": "12345",
    "country_code": "US",
}
# Request bodies by schema name.
BODY_EXAMPLES: dict[str, dict[str, Any]] = {
    "CodeRequest": {"email": "ann@example.com"},
    "ProductIn": {
        "name": "Stoneware Mug",
        "unit_price": 1800,
        "currency": "USD",
        "available": True,
        "in_stock": False,
        "allow_backorder": True,
        "url": "https://shop.example.com/products/mug",
    },
    "CodeCheck": {"email": "ann@example.com", "code": "123456"},
    "StoreSettingsIn": {
        "name": "Shop One",
        "from_email": "orders@shop.example.com",
        "support_email": "help@shop.example.com",
        "order_confirmation_email": True,
        "sticky_contact": False,
        "brand_color": "#4f46e5",
        "timezone": "Europe/Berlin",
    },
    "DomainIn": {"domain": "shop.example.com", "path_prefix": "/products"},
    "OrderIn": {
        "number": "1001",
        "email": "ann@example.com",
        "customer_name": "Ann Example",
        "placed_at": "2026-11-20T10:00:00Z",
        "currency": "EUR",
        "status": "processing",
        "items": [
            {"line_id": "l1", "sku": "MUG-1", "name": "Mug", "quantity": 2, "unit_price": 1250},
            {"line_id": "l2", "sku": "TEA-9", "name": "Tea", "quantity": 1, "unit_price": 800},
        ],
        "totals": {"subtotal": 3300, "discount": 0, "shipping": 495, "tax": 627, "total": 4422},
        "shipping_address": _ADDRESS,
        "billing_address": _ADDRESS,
    },
    "FulfilmentIn": {
        "items": [{"line_id": "l1", "quantity": 1}],
        "carrier": "UPS",
        "tracking_number": "1Z999AA10123456784",
        "tracking_url": "https://www.ups.com/track?tracknum=1Z999AA10123456784",
        "shipped_at": "2026-11-21T09:30:00Z",
    },
}

# Powertools' own answers for its request validation, which access_center.web.resolver replaces with 400.
_POWERTOOLS_SCHEMAS = ("HTTPValidationError", "ValidationError", "ResponseValidationError")


class OpenAPIError(Exception):
    pass


def _function_environment() -> None:
    """What the functions read at import time, unless a caller (the tests, the server) set it up."""
    if "access_center" in sys.modules or os.environ.get("STORES_TABLE"):
        return
    from devtools import localenv

    os.environ.setdefault("POWERTOOLS_METRICS_DISABLED", "true")
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    # Only describing: no secret is used, no AWS call is made.
    os.environ.update(localenv.environment(server_secret="openapi-generation-only"))  # noqa: S106


def _api_functions() -> Iterator[tuple[template.Function, Any]]:
    """(function, its resolver) for every function with API routes in the template."""
    from devtools.emulator.gateway import load_handler

    for fn in template.functions().values():
        if not fn.routes:
            continue
        load_handler(fn)
        module = sys.modules[f"lambda_{fn.name}_{fn.handler.rsplit('.', 1)[0]}"]
        app = getattr(module, "app", None)
        if app is None or not hasattr(app, "get_openapi_json_schema"):
            raise OpenAPIError(f"{fn.name} has API routes but no module-level Powertools resolver `app`")
        yield fn, app


def _resource_matches(resource: str, path: str) -> bool:
    """Does the template's resource (`/assets/{name}`, `/x/{proxy+}`) serve this described path?"""
    pattern = re.sub(r"\\\{[^}]+\\\+\\\}", ".+", re.escape(resource))
    pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", pattern)
    return re.fullmatch(pattern, path) is not None


def is_catch_all(resource: str) -> bool:
    """A greedy resource (`/{proxy+}`): every address no other route has, which PagesFunction answers
    with the store's not-found page (or a redirect); it is no operation of the API, so not described."""
    return resource.endswith("+}")


def answer_models() -> dict[str, Any]:
    """Every answer model by name, from every `access_center.<feature>.models` module: a subclass of
    Answer registers itself, so a new answer is described without being listed anywhere."""
    import access_center
    from access_center.core.fields import ANSWERS

    for feature in pkgutil.iter_modules(access_center.__path__):
        if feature.ispkg and importlib.util.find_spec(f"access_center.{feature.name}.models") is not None:
            importlib.import_module(f"access_center.{feature.name}.models")
    return dict(ANSWERS)


def _answer_schemas() -> dict[str, Any]:
    from pydantic.json_schema import models_json_schema

    models = answer_models().values()
    _, found = models_json_schema([(model, "validation") for model in models], ref_template=REF + "{model}")
    return dict(found.get("$defs", {}))


def _merge_schemas(into: dict[str, Any], schemas: dict[str, Any], where: str) -> None:
    for name, schema in schemas.items():
        if name in into and into[name] != schema:
            raise OpenAPIError(f"two different schemas named {name!r} ({where}); rename one of the models")
        into[name] = schema


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _operation(operation: dict[str, Any], api: str) -> dict[str, Any]:
    responses = operation.get("responses", {})
    for status, answer in list(responses.items()):
        if any(ref.endswith(name) for ref in _refs(answer) for name in _POWERTOOLS_SCHEMAS):
            del responses[status]  # 422 HTTPValidationError: ours are 400 bad_request
        elif answer.get("content") == {}:
            del answer["content"]  # no body (204, 303)
    operation["tags"] = [CUSTOMER_TAG if api == CUSTOMER_API else STORE_TAG]
    if api == STORE_API:
        operation["security"] = [{"sigv4": []}]
    for parameter in operation.get("parameters", []):
        example = PARAMETER_EXAMPLES.get((api, parameter["name"]))
        if example is not None and parameter["in"] == "path":
            parameter["example"] = example
    for media in operation.get("requestBody", {}).get("content", {}).values():
        name = media.get("schema", {}).get("$ref", "").removeprefix(REF)
        if name in BODY_EXAMPLES:
            media["example"] = BODY_EXAMPLES[name]
    operation["responses"] = {str(k): responses[k] for k in sorted(responses, key=int)}
    return operation


def build() -> dict[str, Any]:
    """The whole description, as a JSON-ready dict."""
    _function_environment()
    paths: dict[str, dict[str, Any]] = {}
    schemas: dict[str, Any] = {}
    for fn, app in _api_functions():
        described = json.loads(app.get_openapi_json_schema(security_schemes=SECURITY_SCHEMES))
        _merge_schemas(schemas, described.get("components", {}).get("schemas", {}), fn.name)
        for path, item in described.get("paths", {}).items():
            for method, operation in item.items():
                route = next(
                    (r for r in fn.routes if r.method == method.upper() and _resource_matches(r.path, path)), None
                )
                if route is None:
                    raise OpenAPIError(f"{fn.name} describes {method.upper()} {path}, which no template event serves")
                public = f"{ACCOUNT_BASE}{path}" if route.api == CUSTOMER_API else path
                if method in paths.get(public, {}):
                    raise OpenAPIError(f"{method.upper()} {public} is described twice")
                paths.setdefault(public, {})[method] = _operation(operation, route.api)
                paths[public]["servers"] = [
                    SERVERS["customer" if route.api == CUSTOMER_API else "store"],
                    SERVERS["local"],
                ]
        for route in fn.routes:
            if is_catch_all(route.path):  # no operation: the resolver's not-found page answers it
                continue
            public = f"{ACCOUNT_BASE}{route.path}" if route.api == CUSTOMER_API else route.path
            if route.method.lower() not in paths.get(public, {}):
                raise OpenAPIError(f"{fn.name}: the template routes {route.method} {route.path}, the code does not")
    _merge_schemas(schemas, _answer_schemas(), "the answer models")
    document: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": "Customer Access Center", "version": "1.0.0", "description": DESCRIPTION},
        "servers": list(SERVERS.values()),
        "tags": TAGS,
        "paths": {path: paths[path] for path in sorted(paths)},
        "components": {"schemas": {}, "securitySchemes": SECURITY_SCHEMES},
    }
    used = set(_refs(document))
    for name in _POWERTOOLS_SCHEMAS:
        if REF + name not in used:
            schemas.pop(name, None)
    document["components"]["schemas"] = {name: schemas[name] for name in sorted(schemas)}
    missing = {ref for ref in _refs(document) if ref.removeprefix(REF) not in schemas}
    if missing:
        raise OpenAPIError(f"unresolved references: {sorted(missing)}")
    return document


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.docs.openapi", description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", default=str(OPENAPI_PATH))
    parser.add_argument("--check", action="store_true", help="fail if the file is not what the code describes")
    options = parser.parse_args(argv)
    text = render(build())
    target = Path(options.path)
    if options.check:
        if not target.exists() or target.read_text() != text:
            print(f"{target} is stale: run `make openapi`", file=sys.stderr)
            return 1
        return 0
    target.write_text(text)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
