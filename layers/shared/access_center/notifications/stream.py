"""One stream batch, record by record: what each record asks for, in the stream's order per order.

A record that fails makes every later record of the same order in the batch fail too (they are retried
after it), so a shipping update never overtakes its order's confirmation. Sending and publishing are the
caller's (`deliver`, `publish`: SES and EventBridge behind Powertools idempotency in
functions/change_notices), so nothing here creates an AWS client.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aws_lambda_powertools.utilities.idempotency.exceptions import IdempotencyAlreadyInProgressError
from botocore.exceptions import ClientError

from access_center.aws.batches import Record, image, sequence_number
from access_center.core.observability import count, logger
from access_center.notifications import rules as notifications
from access_center.notifications.rules import BadRecord

Deliver = Callable[..., Any]
Publish = Callable[..., Any]


class Batch:
    """The batch being processed: stores read once per batch, and the orders whose records failed."""

    def __init__(self) -> None:
        self.stores = notifications.StoreLookup()
        self.failed_orders: set[str] = set()


def _order_key(record: Record) -> str:
    try:
        pk = image(record, "Keys").get("pk")
    except Exception:  # noqa: BLE001 - an undecodable key is reported as such, not raised from here
        return "(undecodable key)"
    return str(pk) if pk else "(no key)"


def _table(record: Record) -> str:
    """The table of the record's stream ARN (`arn:...:table/{name}/stream/{label}`); "" if it has none."""
    arn = record.get("eventSourceARN")
    if not isinstance(arn, str) or ":table/" not in arn:
        return ""
    return arn.split(":table/", 1)[1].split("/", 1)[0]


def _change(record: Record, order_key: str) -> notifications.Change:
    try:
        if record.get("dynamodb") is None:
            raise BadRecord("the record has no dynamodb section")
        return notifications.Change(
            event_name=str(record["eventName"]),
            order_key=order_key,
            new_image=image(record, "NewImage"),
            old_image=image(record, "OldImage"),
            table=_table(record),
        )
    except (TypeError, KeyError, ValueError, AttributeError, IndexError, ArithmeticError) as error:
        raise BadRecord(f"the record is not DynamoDB stream JSON ({type(error).__name__})") from None


def handle(batch: Batch, record: Record, deliver: Deliver, publish: Publish) -> int:
    """Publish and send what one record asks for (its store events first); raises (the record fails
    alone) when it cannot."""
    order_key = _order_key(record)
    where = {"order_key": order_key, "sequence_number": sequence_number(record)}
    if order_key in batch.failed_orders:
        # Stream order per order: this record is retried after the earlier one of the same order.
        count("OrderEmailRecordsHeldBack")
        raise RuntimeError(f"an earlier record of order {order_key} failed in this batch")
    try:
        outgoing = notifications.notices_for(_change(record, order_key), batch.stores)
        for notice in outgoing:
            if isinstance(notice, notifications.Publication):
                publish(key=notice.notification.idempotency_key(), detail_type=notice.detail_type, detail=notice.detail)
        for notice in outgoing:
            if isinstance(notice, notifications.Outgoing):
                deliver(key=notice.notification.idempotency_key(), email=notice.email)
    except BadRecord as error:
        batch.failed_orders.add(order_key)
        logger.error("Order email record cannot be processed", extra={**where, "reason": str(error)})
        count("OrderEmailBadRecords")
        raise
    except IdempotencyAlreadyInProgressError:
        batch.failed_orders.add(order_key)
        logger.warning("Order email is being sent by another invocation; retrying later", extra=where)
        count("OrderEmailsInProgressElsewhere")
        raise
    except ClientError as error:
        batch.failed_orders.add(order_key)
        code = error.response.get("Error", {}).get("Code", "")
        logger.error("Order email send failed; the stream retries it", extra={**where, "aws_error": code})
        count("OrderEmailSendFailures")
        raise
    except Exception:
        batch.failed_orders.add(order_key)
        logger.exception("Order email record failed; the stream retries it", extra=where)
        count("OrderEmailRecordFailures")
        raise
    return len(outgoing)
