"""Configuration: read from the environment once per container into a typed, frozen model."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw else default


def _flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    return default if raw is None or raw == "" else raw.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    region: str
    dynamodb_endpoint: str | None
    stores_table: str
    orders_table: str
    customers_table: str
    codes_table: str
    sessions_table: str
    idempotency_table: str
    products_table: str
    returns_table: str
    messages_table: str
    invoices_table: str
    # The private bucket of message attachments and invoice documents (access_center.aws.files), and
    # where browsers reach it: S3's regional endpoint in AWS, the local server's /_dev/s3 locally.
    files_bucket: str
    files_public_endpoint: str | None
    store_events_bus: str  # EventBridge bus the store systems subscribe to (access_center.aws.events)
    login_code_queue_url: str
    templates_dir: str
    ses_configuration_set: str | None
    # The server-held secret behind codes and cursors: given directly (local, tests) or fetched once
    # from Secrets Manager by ARN (AWS). See `secrets.server_secret`.
    server_secret: str | None
    server_secret_arn: str | None
    code_ttl_seconds: int
    code_max_failures: int  # wrong tries that burn the live code
    failures_between_logins: int  # wrong tries, in all, before typed codes stop until a link login
    link_ttl_seconds: int  # the emailed sign-in link's life (at least the hour the send budget spans)
    code_resend_seconds: int
    code_sends_per_hour: int
    ip_sends_per_hour: int
    ip_verifies_per_hour: int
    customer_messages_per_hour: int  # per customer and store (access_center.messages.logic)
    session_absolute_seconds: int
    session_idle_seconds: int
    session_touch_seconds: int
    store_cache_seconds: int
    # How long an order's browser session id keeps collecting later orders for sticky contact (docs/architecture.md).
    browser_session_claim_seconds: int
    max_body_bytes: int
    # A write that lost a race is re-read and retried this many times (after the first attempt),
    # sleeping a random time in [0, min(cap, base * 2**n)] before retry n (access_center.db.retry).
    # The defaults sleep at most 0.555 s in all; many short retries beat few long ones when a dozen
    # writers share one order (tests/functional/orders/test_fulfilments.py).
    write_retries: int
    write_retry_base_ms: int
    write_retry_cap_ms: int
    # How links in emails and pages reach a store: https on the store's domain in AWS; the local
    # server sets http and its port.
    public_scheme: str
    public_port: int | None
    # The customer REST API and stage that store domains are mapped to (`{prefix}/store/account`).
    # Unset: domains are recorded in DynamoDB only, and nothing is created in API Gateway.
    customer_api_id: str | None
    customer_api_stage: str
    # Store-system principals (role or user ARNs) that may address every store; see web.callers.
    platform_principals: frozenset[str]
    # Sends for every store whose own domain SES has not verified for it (stores.sender).
    platform_sender_email: str


@cache
def settings() -> Settings:
    env = os.environ.get
    return Settings(
        region=env("AWS_REGION") or env("AWS_DEFAULT_REGION") or "us-east-1",
        dynamodb_endpoint=env("DYNAMODB_ENDPOINT") or None,
        stores_table=env("STORES_TABLE", "StoresTable"),
        orders_table=env("ORDERS_TABLE", "OrdersTable"),
        customers_table=env("CUSTOMERS_TABLE", "CustomersTable"),
        codes_table=env("CODES_TABLE", "CodesTable"),
        sessions_table=env("SESSIONS_TABLE", "SessionsTable"),
        idempotency_table=env("IDEMPOTENCY_TABLE", "IdempotencyTable"),
        products_table=env("PRODUCTS_TABLE", "ProductsTable"),
        returns_table=env("RETURNS_TABLE", "ReturnsTable"),
        messages_table=env("MESSAGES_TABLE", "MessagesTable"),
        invoices_table=env("INVOICES_TABLE", "InvoicesTable"),
        files_bucket=env("FILES_BUCKET", "filesbucket"),
        files_public_endpoint=os.environ.get("FILES_PUBLIC_ENDPOINT") or None,
        store_events_bus=env("STORE_EVENTS_BUS") or "StoreEventsBus",
        login_code_queue_url=env("LOGIN_CODE_QUEUE_URL", ""),
        templates_dir=env("TEMPLATES_DIR") or os.path.join(os.path.dirname(__file__), "..", "..", "..", "templates"),
        ses_configuration_set=env("SES_CONFIGURATION_SET") or None,
        server_secret=env("SERVER_SECRET") or None,
        server_secret_arn=env("SERVER_SECRET_ARN") or None,
        code_ttl_seconds=_int("CODE_TTL_SECONDS", 600),
        code_max_failures=_int("CODE_MAX_FAILURES", 5),
        failures_between_logins=_int("FAILURES_BETWEEN_LOGINS", 100),
        link_ttl_seconds=_int("LINK_TTL_SECONDS", 3600),
        code_resend_seconds=_int("CODE_RESEND_SECONDS", 30),
        code_sends_per_hour=_int("CODE_SENDS_PER_HOUR", 5),
        ip_sends_per_hour=_int("IP_SENDS_PER_HOUR", 60),
        ip_verifies_per_hour=_int("IP_VERIFIES_PER_HOUR", 300),
        customer_messages_per_hour=_int("CUSTOMER_MESSAGES_PER_HOUR", 20),
        session_absolute_seconds=_int("SESSION_ABSOLUTE_SECONDS", 30 * 24 * 3600),
        session_idle_seconds=_int("SESSION_IDLE_SECONDS", 7 * 24 * 3600),
        session_touch_seconds=_int("SESSION_TOUCH_SECONDS", 3600),
        store_cache_seconds=_int("STORE_CACHE_SECONDS", 60),
        browser_session_claim_seconds=_int("BROWSER_SESSION_CLAIM_SECONDS", 30 * 24 * 3600),
        max_body_bytes=_int("MAX_BODY_BYTES", 64 * 1024),
        write_retries=_int("WRITE_RETRIES", 12),
        write_retry_base_ms=_int("WRITE_RETRY_BASE_MS", 5),
        write_retry_cap_ms=_int("WRITE_RETRY_CAP_MS", 60),
        public_scheme=env("PUBLIC_SCHEME") or "https",
        public_port=_int("PUBLIC_PORT", 0) or None,
        customer_api_id=env("CUSTOMER_API_ID") or None,
        customer_api_stage=env("CUSTOMER_API_STAGE") or "live",
        platform_sender_email=env("PLATFORM_SENDER_EMAIL") or "access-center@platform.example",
        platform_principals=frozenset(p.strip() for p in env("PLATFORM_PRINCIPALS", "").split(",") if p.strip()),
    )
