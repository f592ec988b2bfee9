"""What changes tell, from three table streams: store events on EventBridge and emails through SES.

Orders table stream -> the order confirmation and shipping update emails (access_center.orders.notices),
and what features that change orders after purchase tell: cancellation requests and decisions, return
requests and their steps, parcels' tracking (access_center.cancellations.notices, returns.notices,
tracking.notices: store events, an email to the store's support address or to the customer). Messages
table stream -> the same for each new message of an order's conversation (access_center.messages.notices)
and each contact form message (access_center.contact.notices);
Invoices table stream -> an event per invoice version and the new invoice's email (invoices.notices).

Streams deliver at least once and retry from the first failed record, so:
- each record is processed on its own (access_center.aws.batches: a partial batch response): a bad
  record is reported failed alone, and later records of the same order in the batch wait for it
  (a shipping update never overtakes its order's confirmation);
- each email is sent at most once per idempotency key (Powertools idempotency on IdempotencyTable):
  a retried batch, a duplicated record or a second consumer finds the key COMPLETED (nothing sent)
  or IN_PROGRESS (record fails, retried later). A failed send removes the key, so a retry sends it;
- each store event is published at most once per key in the same way (key prefix `order-events`);
  a record's events go before its emails, so a store that cannot send email still hears of it;
- SES refusing one message for good (MessageRejected) is logged and counted, and the key is kept
  as done: retrying cannot help. Sends to addresses on the account suppression list are accepted by
  SES and turned into bounce events there, so they are done too.
What decides and composes the notices is each feature's notices module, on access_center.notifications;
this module only wires them up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aws_lambda_powertools.utilities.idempotency import IdempotencyConfig
from aws_lambda_powertools.utilities.idempotency.persistence.datarecord import DataRecord
from aws_lambda_powertools.utilities.typing import LambdaContext
from botocore.exceptions import ClientError

from access_center.aws import batches, events, ses
from access_center.aws.once import at_most_once
from access_center.aws.ses import Email
from access_center.cancellations import notices as cancellation_notices
from access_center.contact import notices as contact_notices
from access_center.core.config import settings
from access_center.core.observability import count, logger, metrics
from access_center.core.timeouts import ANSWER_MARGIN_SECONDS, budget
from access_center.invoices import notices as invoice_notices
from access_center.messages import notices as message_notices
from access_center.notifications import rules as notifications
from access_center.notifications import stream
from access_center.orders import notices as order_notices
from access_center.returns import notices as return_notices
from access_center.stores.logic import Store
from access_center.tracking import notices as tracking_notices

# Longer than the stream keeps records (24 h) plus the retry window, so no replay outlives its key.
IDEMPOTENCY_SECONDS = 48 * 3600
# SES's answer that this message will never be accepted as it is (e.g. unverified sender or, in the
# sandbox, recipient). Everything else (throttling, paused sending, missing configuration set) fails
# the record so that the stream retries it and finally parks it in the failure queue.
UNDELIVERABLE = frozenset({"MessageRejected"})
# Time a record needs left to start: its slowest call's worst case (core.timeouts) and the answer's margin.
RECORD_RESERVE_SECONDS = max(budget(s).worst_case_seconds() for s in ("dynamodb", "sesv2", "events")) + (
    ANSWER_MARGIN_SECONDS
)

_SENT_METRICS = {
    order_notices.ORDER_CONFIRMATION: "OrderConfirmationsSent",
    order_notices.SHIPPING_UPDATE: "ShippingUpdatesSent",
    invoice_notices.INVOICE_EMAIL: "InvoiceEmailsSent",
}


def _already_sent(response: Any, record: DataRecord) -> Any:
    count("OrderEmailsAlreadySent")
    logger.info("Order email already sent; not sending again", extra={"idempotency_key": record.idempotency_key})
    return response


idempotency = IdempotencyConfig(
    event_key_jmespath="[store_id, order_id, kind, fulfilment_id, tracking]",
    raise_on_no_idempotency_key=True,
    expires_after_seconds=IDEMPOTENCY_SECONDS,
    response_hook=_already_sent,
)


# The prefix keeps the function's former name: keys already stored (48 hours) must still match.
@at_most_once(key_argument="key", config=idempotency, key_prefix="order-emails")
def deliver(*, key: dict[str, str | None], email: Email) -> dict[str, str]:
    try:
        message_id = ses.send(email)
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code", "")
        if code not in UNDELIVERABLE:
            raise
        # Not the SES message: it can quote the recipient's address.
        logger.error("SES rejected the order email; not retrying", extra={**key, "ses_error": code})
        count("OrderEmailsRejected")
        return {"outcome": "rejected", "ses_error": code}
    logger.info("Order email sent", extra={**key, "message_id": message_id})
    count(_SENT_METRICS.get(str(key["kind"]), "RequestEmailsSent"))
    return {"outcome": "sent", "message_id": message_id}


@at_most_once(key_argument="key", config=idempotency, key_prefix="order-events")
def announce(*, key: dict[str, str | None], detail_type: str, detail: dict[str, Any]) -> dict[str, str]:
    events.publish(detail_type, detail)  # Unavailable (the record is retried) when EventBridge refuses it
    logger.info("Store event published", extra={**key, "detail_type": detail_type})
    count("StoreEventsPublished")
    return {"outcome": "published"}


notifications.add_notice_builder(cancellation_notices.notices)
notifications.add_notice_builder(return_notices.notices)
notifications.add_notice_builder(tracking_notices.notices)
# Last, as before the order emails were a feature's notices: a record's emails keep their order.
notifications.add_notice_builder(order_notices.notices)


def _messages_table_notices(
    change: notifications.Change, find_store: Callable[[str], Store | None]
) -> list[notifications.Notice]:
    """The Messages table holds order conversations and contact form messages: each builder answers
    its own items (by sort key) and nothing for the other's."""
    return [*message_notices.notices(change, find_store), *contact_notices.notices(change, find_store)]


notifications.add_notice_builder(_messages_table_notices, table=settings().messages_table)
notifications.add_notice_builder(invoice_notices.notices, table=settings().invoices_table)
_batch = stream.Batch()


def record_handler(record: batches.Record) -> int:
    return stream.handle(_batch, record, deliver, announce)


@logger.inject_lambda_context
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    global _batch
    _batch = stream.Batch()
    # In-progress keys then expire with this invocation's timeout, so a crash mid-send is retried.
    idempotency.register_lambda_context(context)
    # A batch whose every record failed is reported like any other (all items failed) rather than
    # raised: Lambda then retries from the first failed record either way. A record starts only with
    # time for its slowest call left; the rest come back in the next invocation.
    return batches.partial_response(
        event,
        record_handler,
        batches.sequence_number,
        seconds_left=lambda: context.get_remaining_time_in_millis() / 1000,
        reserve_seconds=RECORD_RESERVE_SECONDS,
    )
