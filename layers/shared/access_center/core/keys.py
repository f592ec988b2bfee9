"""The server-held secret and the purpose-bound keys derived from it.

Locally and in tests the secret comes from SERVER_SECRET; in AWS from Secrets Manager (SERVER_SECRET_ARN),
fetched once per container on first use, never logged.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import cache
from typing import Any

from access_center.core.config import settings
from access_center.core.timeouts import budget


@cache
def _secrets() -> Any:
    """Powertools' Secrets Manager provider, its client made once with the call budget (core.timeouts)."""
    from aws_lambda_powertools.utilities.parameters import SecretsProvider  # only where a secret is needed

    return SecretsProvider(boto_config=budget("secretsmanager").client_config())


def read_secret(arn: str) -> str:
    """A secret's value from Secrets Manager (callers keep it for the container)."""
    return str(_secrets().get(arn))


@cache
def _server_secret() -> bytes:
    cfg = settings()
    if cfg.server_secret:
        return cfg.server_secret.encode()
    if cfg.server_secret_arn:
        return read_secret(cfg.server_secret_arn).encode()
    raise RuntimeError("SERVER_SECRET or SERVER_SECRET_ARN must be set")


@cache
def derived_key(purpose: str) -> bytes:
    """A separate key per purpose, so a cursor MAC can never double as a login code key."""
    return hmac.new(_server_secret(), purpose.encode(), hashlib.sha256).digest()


def mac(purpose: str, message: str) -> bytes:
    return hmac.new(derived_key(purpose), message.encode(), hashlib.sha256).digest()
