"""SQS event source mappings, emulated: messages on a queue reach the function(s) whose template
events (`Type: SQS`) name it, in Lambda's SQS event shape, with partial batch responses honoured
(failed messages stay on the queue and come back after their visibility timeout)."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from typing import Any

from devtools import template
from devtools.emulator import clients

log = logging.getLogger("devtools.emulator.queues")
Invoke = Callable[[template.Function, dict[str, Any]], Any]
RETRY_AFTER_SECONDS = 1  # locally, a failed message comes back quickly


def _queue_name(props: dict[str, Any]) -> str:
    queue = props["Queue"]
    if isinstance(queue, dict) and "Fn::GetAtt" in queue:
        return str(queue["Fn::GetAtt"][0])
    raise ValueError(f"unsupported SQS event source {queue!r}: use !GetAtt Queue.Arn")


def sqs_event(messages: list[dict[str, Any]], queue: str) -> dict[str, Any]:
    return {
        "Records": [
            {
                "messageId": m["MessageId"],
                "receiptHandle": m["ReceiptHandle"],
                "body": m["Body"],
                "attributes": m.get("Attributes", {}),
                "messageAttributes": m.get("MessageAttributes", {}),
                "md5OfBody": hashlib.md5(m["Body"].encode(), usedforsecurity=False).hexdigest(),
                "eventSource": "aws:sqs",
                "eventSourceARN": template.queue_arn(queue),
                "awsRegion": template.REGION,
            }
            for m in messages
        ]
    }


def drain_once(functions: dict[str, template.Function], invoke: Invoke) -> int:
    """One pass over every SQS event source: receive, invoke, delete what succeeded. Returns how many
    messages were delivered."""
    sqs = clients.client("sqs", template.REGION)
    delivered = 0
    for fn in functions.values():
        for props in fn.queues:
            name = _queue_name(props)
            url = template.queue_url(name)
            batch = int(props.get("BatchSize", 10))
            messages = sqs.receive_message(
                QueueUrl=url, MaxNumberOfMessages=min(batch, 10), AttributeNames=["All"]
            ).get("Messages", [])
            if not messages:
                continue
            try:
                result = invoke(fn, sqs_event(messages, name)) or {}
                failed = {f["itemIdentifier"] for f in result.get("batchItemFailures", [])}
            except Exception:  # a function that raises fails the whole batch, as in Lambda
                log.exception("%s failed a batch of %d messages", fn.name, len(messages))
                failed = {m["MessageId"] for m in messages}
            for message in messages:
                if message["MessageId"] in failed:
                    sqs.change_message_visibility(
                        QueueUrl=url, ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=RETRY_AFTER_SECONDS
                    )
                else:
                    sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
                    delivered += 1
    return delivered


class QueuePoller:
    """Polls every SQS event source in the background (the local server)."""

    def __init__(self, functions: dict[str, template.Function], invoke: Invoke, interval: float = 0.1) -> None:
        self.functions = functions
        self.invoke = invoke
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sqs-event-sources", daemon=True)

    def start(self) -> None:
        if any(fn.queues for fn in self.functions.values()):
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                delivered = drain_once(self.functions, self.invoke)
            except Exception:  # keep polling; the next pass may succeed
                log.exception("polling the SQS event sources failed")
                delivered = 0
            if not delivered:
                self._stop.wait(self.interval)
