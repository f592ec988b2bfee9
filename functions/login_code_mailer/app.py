"""Login-code queue (SQS) -> the code email (or an erasure's confirmation link: `kind` "erasure",
access_center.privacy.erasure_notices) through SES, off the request's response path.

The OTP send route (and the login form) enqueue one message per issued code, for every email alike;
this function decides whether to email it (access_center.login.delivery.deliver). Each message is
handled on its own (access_center.aws.batches: a partial batch response) and at most once per code
(Powertools idempotency keyed by store, email and code counter): a redelivered message sends nothing
more, a failed send is retried by SQS and, after maxReceiveCount tries, parked in the dead-letter queue.
"""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.utilities.idempotency import IdempotencyConfig
from aws_lambda_powertools.utilities.typing import LambdaContext

from access_center.aws import batches
from access_center.aws.once import at_most_once
from access_center.core.email_address import normalise_email
from access_center.core.observability import count, logger, metrics
from access_center.login import delivery

# A code lives 10 minutes; a day covers every redelivery of its message.
idempotency = IdempotencyConfig(
    event_key_jmespath="[store_id, email, counter]",
    raise_on_no_idempotency_key=True,
    expires_after_seconds=24 * 3600,
)


@at_most_once(key_argument="message", config=idempotency, key_prefix="login-code")
def deliver(*, message: dict[str, Any]) -> dict[str, bool]:
    sent = delivery.deliver(message["store_id"], message["email"], message["counter"], message["language"])
    return {"sent": sent}


@at_most_once(key_argument="message", config=idempotency, key_prefix="erasure-link")
def deliver_erasure(*, message: dict[str, Any]) -> dict[str, bool]:
    from access_center.privacy import erasure_notices

    sent = erasure_notices.deliver(message["store_id"], message["email"], message["counter"], message["language"])
    return {"sent": sent}


def _message(record: batches.Record) -> dict[str, Any]:
    try:
        body = json.loads(record["body"])
        return {
            "kind": "erasure" if body.get("kind") == "erasure" else "login_code",
            "store_id": str(body["store_id"]),
            "email": normalise_email(str(body["email"])),
            "counter": int(body["counter"]),
            # The page's language that asked for the code (a message queued before it was sent has none).
            "language": str(body["language"]) if isinstance(body.get("language"), str) else None,
        }
    except (ValueError, TypeError, KeyError) as error:
        count("LoginCodeMessagesMalformed")
        # Never log the body: it names an email address.
        logger.error("malformed login-code message", extra={"message_id": batches.message_id(record)})
        raise ValueError("malformed login-code message") from error


def record_handler(record: batches.Record) -> None:
    message = _message(record)
    try:
        if message.pop("kind") == "erasure":
            deliver_erasure(message=message)
        else:
            deliver(message=message)
    except Exception as error:
        count("LoginCodeSendFailures")
        # The error's type only: an SES message can quote the recipient's address.
        where = {"message_id": batches.message_id(record), "error": type(error).__name__}
        logger.error("login-code email failed; SQS retries it", extra=where)
        raise


@logger.inject_lambda_context
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    idempotency.register_lambda_context(context)
    return batches.partial_response(event, record_handler, batches.message_id)
