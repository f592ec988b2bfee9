"""How long one AWS call may take, its retries included: every client's timeouts and attempts, in one place.

A call that is still retrying when Lambda's timeout ends the function turns our 503 + Retry-After into
API Gateway's 502 (and, in a consumer, a whole batch retried for one slow call). So each client gives up
first, with time left to answer: the worst case of a call (every attempt times out, every backoff is
the longest) is below the timeout of every function that calls the service, less ANSWER_MARGIN_SECONDS.
tests/contract/test_client_budgets.py reads the functions' timeouts from infra/template.yaml, the
services each may call from its IAM policy, and the configuration of each client as it is built.

botocore's standard retry mode sleeps up to min(2 ** n, 20) s before retry n + 1 (throttling; other
errors less), so with two attempts at most one second. Calls are cheap to send again: a 503 tells the
caller to do that (Retry-After), and the stream and queue consumers retry failed records themselves,
so few, short attempts beat long waits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from botocore.config import Config

# What a function keeps, after its last call gives up, to log and answer (a 503 page, a batch response).
ANSWER_MARGIN_SECONDS = 1.0
# botocore's standard mode: its exponential backoff's base and cap (botocore.retries.standard).
_BACKOFF_BASE_SECONDS = 1.0
_BACKOFF_CAP_SECONDS = 20.0


@dataclass(frozen=True)
class CallBudget:
    """One client's limits: to connect, to read an answer, and attempts in all (the first included)."""

    connect_seconds: float
    read_seconds: float
    attempts: int

    def backoff_seconds(self) -> float:
        """The longest botocore sleeps between the attempts, all retries together."""
        return sum(min(_BACKOFF_BASE_SECONDS * float(1 << n), _BACKOFF_CAP_SECONDS) for n in range(self.attempts - 1))

    def worst_case_seconds(self) -> float:
        """Every attempt waits out both timeouts, every backoff is the longest."""
        return self.attempts * (self.connect_seconds + self.read_seconds) + self.backoff_seconds()

    def client_config(self, **options: Any) -> Config:
        """botocore's Config for a client with these limits (plus `options`, e.g. an S3 addressing style)."""
        from botocore.config import Config  # only where a client is made

        retries: Any = {"mode": "standard", "total_max_attempts": self.attempts}
        return Config(connect_timeout=self.connect_seconds, read_timeout=self.read_seconds, retries=retries, **options)


# Each service's budget. The data-plane calls (DynamoDB, SES, SQS, EventBridge, S3, Secrets Manager)
# answer in milliseconds in-region; 2.5 s to read leaves room for a slow one, and two attempts keep
# the worst case (8 s) inside the 10 s of an API function with its margin. The control planes answer
# in about a second and run only in functions with longer timeouts (ConnectDomainFunction: 25 s).
DATA_PLANE = CallBudget(connect_seconds=1.0, read_seconds=2.5, attempts=2)
CONTROL_PLANE = CallBudget(connect_seconds=1.0, read_seconds=5.0, attempts=3)

BUDGETS: dict[str, CallBudget] = {
    "dynamodb": DATA_PLANE,
    "sesv2": DATA_PLANE,
    "sqs": DATA_PLANE,
    "events": DATA_PLANE,
    "s3": DATA_PLANE,
    "secretsmanager": DATA_PLANE,
    "apigatewayv2": CONTROL_PLANE,
    "cloudfront": CONTROL_PLANE,
}


def budget(service: str) -> CallBudget:
    """The budget of a botocore service name; KeyError for a service nobody gave one."""
    return BUDGETS[service]
