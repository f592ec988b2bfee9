"""API Gateway (REST, proxy integration) emulated in-process over the template's functions.

Requests become the proxy events Lambda receives in AWS, and handler responses become HTTP the way
API Gateway returns them. Customer routes are reached the way a store's custom domain reaches them:
the Host picks the connected domain, whose base path mapping (`{prefix}/store/account`) must prefix the
path; the path in the event keeps the base path, the resource is relative to it. Store-system routes
(`/admin/...`) are served on the same port, without IAM (API.md section 5).
"""

from __future__ import annotations

import base64
import functools
import importlib.util
import json
import logging
import re
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qsl

from devtools import iam, template
from devtools.localenv import LOCAL_PLATFORM_PRINCIPAL

ROOT = template.ROOT
SHARED = ROOT / "layers" / "shared"
CUSTOMER_API, STORE_API = "CustomerApi", "StoreApi"
# Names that only ever mean this machine (browsers resolve `*.localhost` to loopback too).
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]"})
ACCOUNT_BASE = "/store/account"
MAX_BODY = 10 * 1024 * 1024  # API Gateway's payload limit
log = logging.getLogger("devtools.emulator.gateway")


@dataclass
class Reply:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def headers_named(self, name: str) -> list[str]:
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class _Route:
    api: str
    method: str
    resource: str
    pattern: re.Pattern[str]
    function: str


@dataclass
class LambdaContext:
    function_name: str
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    memory_limit_in_mb: int = 512
    function_version: str = "$LATEST"

    @property
    def invoked_function_arn(self) -> str:
        return f"arn:aws:lambda:us-east-1:123456789012:function:{self.function_name}"

    def get_remaining_time_in_millis(self) -> int:
        return 10_000


def _resource_pattern(resource: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^}]+\})", resource)
    regex = "".join(
        f"(?P<{p[1:-1].rstrip('+')}>.+)"
        if p.endswith("+}")
        else f"(?P<{p[1:-1]}>[^/]+)"
        if p.startswith("{")
        else re.escape(p)
        for p in parts
    )
    return re.compile(f"^{regex}$")


_LOADING = threading.RLock()


def load_handler(fn: template.Function) -> Callable[[dict[str, Any], Any], dict[str, Any]]:
    """Import a function's handler module from its CodeUri, as Lambda would (shared layer on the path)."""
    if str(SHARED) not in sys.path:
        sys.path.insert(0, str(SHARED))
    module_name, attr = fn.handler.rsplit(".", 1)
    unique = f"lambda_{fn.name}_{module_name}"
    # One loader at a time: the module is in sys.modules before its body has run, so a second request
    # arriving meanwhile would otherwise find a half-initialised module without its handler.
    with _LOADING:
        module = sys.modules.get(unique)
        if module is None:
            spec = importlib.util.spec_from_file_location(unique, fn.code_dir / f"{module_name}.py")
            assert spec is not None
            assert spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            sys.modules[unique] = module
            try:
                spec.loader.exec_module(module)
            except BaseException:
                del sys.modules[unique]
                raise
    handler = getattr(module, attr)

    @functools.wraps(handler)  # its module and name stay the handler's
    def as_its_role(event: dict[str, Any], context: Any) -> dict[str, Any]:
        with iam.as_function(fn.name):  # each AWS call checked against the function's role (devtools.iam)
            return handler(event, context)  # type: ignore[no-any-return]

    return as_its_role


def _specific_first(route: _Route) -> tuple[bool, int]:
    """As API Gateway: a greedy resource (`/{proxy+}`) only takes what no other resource matches, and of
    two greedy ones the deeper wins (`/api/probe/{proxy+}` before `/{proxy+}`)."""
    greedy = route.resource.endswith("+}")
    return greedy, -route.resource.count("/") if greedy else 0


class Gateway:
    def __init__(
        self,
        domain_lookup: Callable[[str], tuple[str, str] | None],
        functions: dict[str, template.Function] | None = None,
        stage: str = "live",
    ) -> None:
        self.functions = functions or template.functions()
        self.domain_lookup = domain_lookup
        self.stage = stage
        self.routes = [
            _Route(route.api, route.method, route.path, _resource_pattern(route.path), fn.name)
            for fn in self.functions.values()
            for route in fn.routes
        ]

    def module(self, function: str) -> ModuleType:
        load_handler(self.functions[function])
        return sys.modules[f"lambda_{function}_{self.functions[function].handler.rsplit('.', 1)[0]}"]

    def _match(self, api: str, method: str, resource_path: str) -> tuple[_Route, dict[str, str]] | None:
        for route in sorted(self.routes, key=_specific_first):
            if route.api == api and route.method in (method, "ANY"):
                found = route.pattern.match(resource_path)
                if found:
                    return route, found.groupdict()
        return None

    def serves(self, host: str) -> bool:
        """Whether `host` is one of this machine's own names or a store's connected domain."""
        name = hostname(host)
        return name in LOOPBACK_NAMES or name.endswith(".localhost") or self.domain_lookup(name) is not None

    def _route_for(self, host: str, method: str, path: str) -> tuple[_Route, dict[str, str]] | None:
        if path.startswith("/admin/"):
            return self._match(STORE_API, method, path)
        mapping = self.domain_lookup(hostname(host))
        if mapping is None:
            return None
        base = mapping[1] + ACCOUNT_BASE
        if path == base:  # the base path alone is the API's root resource, as API Gateway maps it
            return self._match(CUSTOMER_API, method, "/")
        if not path.startswith(base + "/"):  # `/store/accountX` is not under the mapping
            return None
        return self._match(CUSTOMER_API, method, path[len(base) :])

    def request(
        self,
        method: str,
        target: str,
        *,
        headers: list[tuple[str, str]] | dict[str, str] | None = None,
        body: bytes | str | None = None,
        source_ip: str = "127.0.0.1",
        caller_arn: str | None = None,
    ) -> Reply:
        """One request through API Gateway: route, proxy event, invoke, and the reply as API Gateway
        sends it. Every reply carries the request id in `x-amzn-RequestId`, as API Gateway's do.
        `caller_arn` stands for the SigV4 identity API Gateway's IAM authorization would put in the
        event (the store-system API); locally nothing is signed, so it defaults to the local
        platform-wide principal (devtools.localenv)."""
        request_id = str(uuid.uuid4())
        reply = self._request(method, target, headers, body, source_ip, request_id, caller_arn)
        reply.headers.append(("x-amzn-RequestId", request_id))
        return reply

    def _request(
        self,
        method: str,
        target: str,
        headers: list[tuple[str, str]] | dict[str, str] | None,
        body: bytes | str | None,
        source_ip: str,
        request_id: str,
        caller_arn: str | None = None,
    ) -> Reply:
        header_list = list(headers.items()) if isinstance(headers, dict) else list(headers or [])
        raw = body.encode() if isinstance(body, str) else (body or b"")
        path, _, query = target.partition("?")
        host = next((v for k, v in header_list if k.lower() == "host"), "")
        if len(raw) > MAX_BODY:
            return _error(413, "payload_too_large", "Request bodies are limited to 10 MB.")
        found = self._route_for(host, method.upper(), path)
        if found is None:
            return _error(404, "not_found", "No such route.")
        route, params = found
        event = self._event(
            route, params, method.upper(), path, query, header_list, raw, source_ip, host, request_id, caller_arn
        )
        try:
            handler = load_handler(self.functions[route.function])
            result = handler(event, LambdaContext(route.function))
        except Exception:  # API Gateway turns a crashed function into a 502
            log.exception("function %s failed (request %s)", route.function, request_id)
            return _error(502, "internal", f"The function failed (request {request_id}).")
        try:
            return _reply(result)
        except Exception:  # so does a malformed proxy response
            log.exception("function %s returned a malformed response (request %s)", route.function, request_id)
            return _error(502, "internal", f"The function returned a malformed response (request {request_id}).")

    def _event(
        self,
        route: _Route,
        params: dict[str, str],
        method: str,
        path: str,
        query: str,
        headers: list[tuple[str, str]],
        raw: bytes,
        source_ip: str,
        host: str,
        request_id: str | None = None,
        caller_arn: str | None = None,
    ) -> dict[str, Any]:
        """The proxy event API Gateway would send. On the store-system API, IAM authorization puts the
        signer's ARN in the identity; locally nothing is signed, so it is the local platform principal."""
        identity: dict[str, Any] = {
            "sourceIp": source_ip,
            "userAgent": next((v for k, v in headers if k.lower() == "user-agent"), None),
        }
        if route.api == STORE_API:
            signer = caller_arn or LOCAL_PLATFORM_PRINCIPAL
            # The signer's own account, as IAM authorization puts it (`requestContext.accountId` is the API's).
            account = signer.split(":")[4] if signer.count(":") >= 5 else None
            identity.update({"userArn": signer, "caller": signer.rsplit(":", 1)[-1], "accountId": account})
        multi_headers: dict[str, list[str]] = {}
        for key, value in headers:
            multi_headers.setdefault(key, []).append(value)
        pairs = parse_qsl(query, keep_blank_values=True)
        multi_query: dict[str, list[str]] = {}
        for key, value in pairs:
            multi_query.setdefault(key, []).append(value)
        try:
            text: str | None = raw.decode() if raw else None
            is_b64 = False
        except UnicodeDecodeError:
            text, is_b64 = base64.b64encode(raw).decode(), True
        request_id = request_id or str(uuid.uuid4())
        now = time.time()
        return {
            "resource": route.resource,
            "path": path,
            "httpMethod": method,
            "headers": {k: v[-1] for k, v in multi_headers.items()} or None,
            "multiValueHeaders": multi_headers or None,
            "queryStringParameters": {k: v[-1] for k, v in multi_query.items()} or None,
            "multiValueQueryStringParameters": multi_query or None,
            "pathParameters": params or None,
            "stageVariables": None,
            "requestContext": {
                "resourceId": "local",
                "resourcePath": route.resource,
                "httpMethod": method,
                "path": path if route.api == CUSTOMER_API else f"/{self.stage}{path}",
                "stage": self.stage,
                "requestId": request_id,
                "extendedRequestId": request_id,
                "requestTime": time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(now)),
                "requestTimeEpoch": int(now * 1000),
                "protocol": "HTTP/1.1",
                "accountId": "123456789012",
                "apiId": route.api.lower(),
                "domainName": hostname(host),
                "identity": identity,
            },
            "body": text,
            "isBase64Encoded": is_b64,
        }


def hostname(host: str) -> str:
    """A Host header's name: lower case, without the port (`[::1]:3000` -> `[::1]`) or a trailing dot."""
    host = host.strip().lower()
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.split(":", 1)[0].rstrip(".")


def _reply(result: dict[str, Any]) -> Reply:
    if not isinstance(result, dict):
        raise TypeError(f"a proxy response is an object, not {type(result).__name__}")
    headers: list[tuple[str, str]] = []
    multi = result.get("multiValueHeaders") or {}
    for key, value in (result.get("headers") or {}).items():
        if key not in multi:
            headers.append((key, str(value)))
    for key, values in multi.items():
        headers.extend((key, str(v)) for v in values)
    body = result.get("body") or ""
    data = base64.b64decode(body) if result.get("isBase64Encoded") else body.encode()
    return Reply(int(result.get("statusCode", 200)), headers, data)


def _error(status: int, code: str, message: str) -> Reply:
    body = json.dumps({"error": code, "message": message}).encode()
    return Reply(status, [("Content-Type", "application/json")], body)


def repo_path(*parts: str) -> Path:
    return ROOT.joinpath(*parts)
