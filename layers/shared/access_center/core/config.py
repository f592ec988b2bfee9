"""Configuration: read from the environment once per container into a typed, frozen model.

Each setting is a field of `Settings` that names its variable (or variables, first set wins) and its
default; the field's type picks its parser, one per type (`_PARSERS`). An unset variable takes the
default, and so does an empty one, except where `keep_empty` keeps the value as given (the table,
bucket and queue names). A value that does not parse raises ConfigError naming each such variable.
Every function reads the settings while it imports (the item classes name their tables), so a bad
value fails the cold start, never a request.

Why not pydantic-settings, nor a pydantic model over os.environ (the Powertools way), measured in CPU
time at cold start: pydantic-settings imports asyncio, argparse and dotenv (for its CLI and .env
sources), about 60 ms even where pydantic is loaded, and asyncio is what no function may load
(tests/contract/test_lean_imports.py); and the login code mailer loads no pydantic at all, which a
pydantic model would cost it about 90 ms. This model costs what the hand-parsed dataclass did (~5 ms).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any, TypeVar

_T = TypeVar("_T")


class ConfigError(ValueError):
    """A variable of the environment holds a value its setting cannot take."""


def _env(*names: str, default: _T, keep_empty: bool = False) -> _T:
    """The setting of the first of `names` set and not empty (or empty, with keep_empty); else `default`."""
    return field(default=default, metadata={"env": names, "keep_empty": keep_empty})


def _names(raw: str) -> frozenset[str]:
    return frozenset(part.strip() for part in raw.split(",") if part.strip())


def _flag(raw: str) -> bool:
    if raw.lower() not in ("true", "false"):
        raise ValueError(raw)
    return raw.lower() == "true"


def _port(raw: str) -> int | None:
    return int(raw) or None  # 0, like unset: the scheme's own port


# One parser per field type, keyed by the annotation as written (this module defers annotations), with
# what a value must be, for the error.
_PARSERS: dict[str, tuple[Callable[[str], Any], str]] = {
    "str": (str, "text"),
    "str | None": (str, "text"),
    "int": (int, "a whole number"),
    "int | None": (_port, "a whole number"),
    "frozenset[str]": (_names, "a comma-separated list"),
    "bool": (_flag, "true or false"),
}

_TEMPLATES_DIR = os.path.join(os.path.dirname(__file__), "..", "..", "..", "templates")


@dataclass(frozen=True, kw_only=True)
class Settings:
    """The settings, each with its variable and default. (The docstring also spares the cold start the
    signature of 44 fields that dataclass would otherwise compute to write one.)"""

    region: str = _env("AWS_REGION", "AWS_DEFAULT_REGION", default="us-east-1")
    dynamodb_endpoint: str | None = _env("DYNAMODB_ENDPOINT", default=None)
    stores_table: str = _env("STORES_TABLE", default="StoresTable", keep_empty=True)
    orders_table: str = _env("ORDERS_TABLE", default="OrdersTable", keep_empty=True)
    customers_table: str = _env("CUSTOMERS_TABLE", default="CustomersTable", keep_empty=True)
    codes_table: str = _env("CODES_TABLE", default="CodesTable", keep_empty=True)
    sessions_table: str = _env("SESSIONS_TABLE", default="SessionsTable", keep_empty=True)
    idempotency_table: str = _env("IDEMPOTENCY_TABLE", default="IdempotencyTable", keep_empty=True)
    products_table: str = _env("PRODUCTS_TABLE", default="ProductsTable", keep_empty=True)
    returns_table: str = _env("RETURNS_TABLE", default="ReturnsTable", keep_empty=True)
    messages_table: str = _env("MESSAGES_TABLE", default="MessagesTable", keep_empty=True)
    invoices_table: str = _env("INVOICES_TABLE", default="InvoicesTable", keep_empty=True)
    # The private bucket of message attachments and invoice documents (access_center.aws.files), and
    # where browsers reach it: S3's regional endpoint in AWS, the local server's /_dev/s3 locally.
    files_bucket: str = _env("FILES_BUCKET", default="filesbucket", keep_empty=True)
    files_public_endpoint: str | None = _env("FILES_PUBLIC_ENDPOINT", default=None)
    # EventBridge bus the store systems subscribe to (access_center.aws.events)
    store_events_bus: str = _env("STORE_EVENTS_BUS", default="StoreEventsBus")
    login_code_queue_url: str = _env("LOGIN_CODE_QUEUE_URL", default="", keep_empty=True)
    templates_dir: str = _env("TEMPLATES_DIR", default=_TEMPLATES_DIR)
    ses_configuration_set: str | None = _env("SES_CONFIGURATION_SET", default=None)
    # The server-held secret behind codes and cursors: given directly (local, tests) or fetched once
    # from Secrets Manager by ARN (AWS). See `secrets.server_secret`.
    server_secret: str | None = _env("SERVER_SECRET", default=None)
    server_secret_arn: str | None = _env("SERVER_SECRET_ARN", default=None)
    # The platform edge's origin secret (EdgeOriginSecret), by ARN; unset (locally, in tests): no request
    # is taken to come through the edge (access_center.web.edge).
    edge_secret_arn: str | None = _env("EDGE_SECRET_ARN", default=None)
    # The edge is the only way in (the tenants domain mode): a customer request without the edge's
    # secret is refused, so nobody reaches the API's origin name around the edge's WAF.
    edge_only: bool = _env("EDGE_ONLY", default=False)
    # A store may offer the pseudo-locale (core.i18n.PSEUDO): on for the local server and the browser
    # suite, never in the template's stack.
    pseudo_locale: bool = _env("PSEUDO_LOCALE", default=False)
    code_ttl_seconds: int = _env("CODE_TTL_SECONDS", default=600)
    code_max_failures: int = _env("CODE_MAX_FAILURES", default=5)  # wrong tries that burn the live code
    # Wrong tries, in all, before typed codes stop until a link login.
    failures_between_logins: int = _env("FAILURES_BETWEEN_LOGINS", default=100)
    # The emailed sign-in link's life (at least the hour the send budget spans).
    link_ttl_seconds: int = _env("LINK_TTL_SECONDS", default=3600)
    code_resend_seconds: int = _env("CODE_RESEND_SECONDS", default=30)
    code_sends_per_hour: int = _env("CODE_SENDS_PER_HOUR", default=5)
    ip_sends_per_hour: int = _env("IP_SENDS_PER_HOUR", default=60)
    ip_verifies_per_hour: int = _env("IP_VERIFIES_PER_HOUR", default=300)
    # Per customer and store (access_center.messages.logic).
    customer_messages_per_hour: int = _env("CUSTOMER_MESSAGES_PER_HOUR", default=20)
    session_absolute_seconds: int = _env("SESSION_ABSOLUTE_SECONDS", default=30 * 24 * 3600)
    session_idle_seconds: int = _env("SESSION_IDLE_SECONDS", default=7 * 24 * 3600)
    session_touch_seconds: int = _env("SESSION_TOUCH_SECONDS", default=3600)
    store_cache_seconds: int = _env("STORE_CACHE_SECONDS", default=60)
    # How long an order's browser session id keeps collecting later orders for sticky contact (docs/architecture.md).
    browser_session_claim_seconds: int = _env("BROWSER_SESSION_CLAIM_SECONDS", default=30 * 24 * 3600)
    max_body_bytes: int = _env("MAX_BODY_BYTES", default=64 * 1024)
    # A write that lost a race is re-read and retried this many times (after the first attempt),
    # sleeping a random time in [0, min(cap, base * 2**n)] before retry n (access_center.db.retry).
    # The defaults sleep at most 0.555 s in all; many short retries beat few long ones when a dozen
    # writers share one order (tests/functional/orders/test_fulfilments.py).
    write_retries: int = _env("WRITE_RETRIES", default=12)
    write_retry_base_ms: int = _env("WRITE_RETRY_BASE_MS", default=5)
    write_retry_cap_ms: int = _env("WRITE_RETRY_CAP_MS", default=60)
    # How links in emails and pages reach a store: https on the store's domain in AWS; the local
    # server sets http and its port.
    public_scheme: str = _env("PUBLIC_SCHEME", default="https")
    public_port: int | None = _env("PUBLIC_PORT", default=None)
    # The customer REST API and stage that store domains are mapped to (`{prefix}/store/account`).
    # Unset: domains are recorded in DynamoDB only, and nothing is created in API Gateway.
    customer_api_id: str | None = _env("CUSTOMER_API_ID", default=None)
    customer_api_stage: str = _env("CUSTOMER_API_STAGE", default="live")
    # How store domains reach the customer API (stores.domains): `tenants`, one CloudFront distribution
    # tenant per store on the stack's multi-tenant distribution; or `custom-domains`, one API Gateway
    # custom domain per store (CUSTOMER_API_ID above). Without EDGE_DISTRIBUTION_ID (local, tests),
    # tenants mode records domains in DynamoDB only and calls no CloudFront.
    store_domain_mode: str = _env("STORE_DOMAIN_MODE", default="tenants")
    edge_distribution_id: str | None = _env("EDGE_DISTRIBUTION_ID", default=None)
    edge_connection_group_id: str | None = _env("EDGE_CONNECTION_GROUP_ID", default=None)
    # Store-system principals (role or user ARNs) that may address every store; see stores.callers.
    # (RUF009 exempts `frozenset` but not `frozenset[str]`; the default is as immutable either way.)
    platform_principals: frozenset[str] = _env("PLATFORM_PRINCIPALS", default=frozenset())  # noqa: RUF009
    # Requests a store may have served per sliding minute, both APIs together, unless the platform set
    # the store's own (web.fair_share; sized in bench/README.md, Load).
    store_requests_per_minute: int = _env("STORE_REQUESTS_PER_MINUTE", default=1200)
    # Sends for every store whose own domain SES has not verified for it (stores.sender).
    platform_sender_email: str = _env("PLATFORM_SENDER_EMAIL", default="access-center@platform.example")
    # The stack's name: every SES identity and tenant this deployment creates carries it as a tag, and the
    # mailers' IAM sends only as identities tagged with it (aws.ses), so no other stack's mailer can.
    stack_name: str = _env("STACK_NAME", default="access-center-local")

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> Settings:
        """Every setting from `environ`; ConfigError names every variable whose value does not parse."""
        values: dict[str, Any] = {}
        problems: list[str] = []
        for setting in fields(cls):
            for name in setting.metadata["env"]:
                raw = environ.get(name)
                if raw is None or (raw == "" and not setting.metadata["keep_empty"]):
                    continue
                parse, expected = _PARSERS[str(setting.type)]
                try:
                    values[setting.name] = parse(raw)
                except ValueError:
                    problems.append(f"{name}={raw[:40]!r} is not {expected}")
                break
        if problems:
            raise ConfigError(f"environment: {'; '.join(problems)}")
        return cls(**values)


@cache
def settings() -> Settings:
    """This container's settings: the environment as the function's import first reads it, then kept."""
    return Settings.from_environ(os.environ)
