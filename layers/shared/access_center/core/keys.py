"""The server-held secret and the purpose-bound keys derived from it.

Locally and in tests the secret comes from SERVER_SECRET; in AWS from Secrets Manager (SERVER_SECRET_ARN),
fetched once per container on first use, never logged.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import cache

from access_center.core.config import settings


@cache
def _server_secret() -> bytes:
    cfg = settings()
    if cfg.server_secret:
        return cfg.server_secret.encode()
    if cfg.server_secret_arn:
        from aws_lambda_powertools.utilities.parameters import get_secret  # only where a secret is needed

        return str(get_secret(cfg.server_secret_arn)).encode()
    raise RuntimeError("SERVER_SECRET or SERVER_SECRET_ARN must be set")


@cache
def derived_key(purpose: str) -> bytes:
    """A separate key per purpose, so a cursor MAC can never double as a login code key."""
    return hmac.new(_server_secret(), purpose.encode(), hashlib.sha256).digest()


def mac(purpose: str, message: str) -> bytes:
    return hmac.new(derived_key(purpose), message.encode(), hashlib.sha256).digest()
