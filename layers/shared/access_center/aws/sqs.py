"""The login-code queue (SQS): the only code that talks to it."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from access_center.core.config import settings
from access_center.core.timeouts import budget


@cache
def _sqs() -> Any:
    import boto3

    # A customer waits on this call: bounded retries and timeouts, then a 503 they can retry.
    return boto3.client("sqs", region_name=settings().region, config=budget("sqs").client_config())


def enqueue_login_code(store_id: str, email: str, counter: int, language: str) -> None:
    """`language`: the page's that asked for the code, for the email's (notifications.languages)."""
    message = {"store_id": store_id, "email": email, "counter": counter, "language": language}
    body = json.dumps(message, separators=(",", ":"))
    _sqs().send_message(QueueUrl=settings().login_code_queue_url, MessageBody=body)


def enqueue_erasure_link(store_id: str, email: str, issued_at: int, language: str) -> None:
    """The erasure's confirmation email, for the mailer (privacy.erasure): like a code's, no secret inside."""
    message = {"kind": "erasure", "store_id": store_id, "email": email, "counter": issued_at, "language": language}
    body = json.dumps(message, separators=(",", ":"))
    _sqs().send_message(QueueUrl=settings().login_code_queue_url, MessageBody=body)
