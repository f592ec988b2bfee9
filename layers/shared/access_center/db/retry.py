"""Re-running a read-decide-write attempt that lost a race: capped exponential backoff, full jitter.

A WriteConflict means another writer changed the item between this attempt's read and its write, so
the attempt must read again and decide again. Retrying at once meets the same crowd again (with ten
writers on one order, one wins per round and the last needs ten rounds); sleeping a random time in
[0, min(cap, base * 2**n)] before retry n ("full jitter", AWS Architecture Blog, "Exponential
Backoff And Jitter") spreads the writers out, so each round has fewer of them. The number of retries
and the cap bound the total sleep (the defaults: 0.555 s at most), well inside a Lambda
timeout and API Gateway's 29 s; past that the caller's own error answers (TooBusy -> 409, ...).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from access_center.core.config import settings
from access_center.db.transactions import WriteConflict

T = TypeVar("T")

# No configuration may make one request sleep longer than this in total: a request that has lost
# this many races is better answered "busy, retry" than kept until its gateway gives up.
MAX_TOTAL_SLEEP_SECONDS = 5.0


@dataclass(frozen=True)
class Backoff:
    retries: int  # after the first attempt
    base_seconds: float
    cap_seconds: float

    def __post_init__(self) -> None:
        if self.retries < 0 or self.base_seconds <= 0 or self.cap_seconds < self.base_seconds:
            raise ValueError(f"write retry settings need retries >= 0 and 0 < base <= cap: {self}")
        if self.worst_case_seconds() > MAX_TOTAL_SLEEP_SECONDS:
            raise ValueError(f"write retries could sleep {self.worst_case_seconds():.1f} s in one request: {self}")

    def ceiling(self, retry: int) -> float:
        """The longest sleep before retry number `retry` (0: the first retry)."""
        return min(self.cap_seconds, self.base_seconds * 2.0**retry)

    def worst_case_seconds(self) -> float:
        return sum(self.ceiling(n) for n in range(self.retries))


@cache
def configured_backoff() -> Backoff:
    cfg = settings()
    return Backoff(cfg.write_retries, cfg.write_retry_base_ms / 1000, cfg.write_retry_cap_ms / 1000)


def retry_on_conflict(
    attempt: Callable[[], T],
    give_up: Callable[[], Exception],
    *,
    backoff: Backoff | None = None,
    sleep: Callable[[float], object] = time.sleep,
    jitter: random.Random | None = None,
) -> T:
    """Run `attempt` (read, decide, conditional write) until it does not raise WriteConflict, sleeping
    a full-jitter backoff between tries; after the last allowed try, raise `give_up()`.

    Any other exception (a domain error decided from what was read, an AWS failure) propagates at once.
    """
    policy = backoff or configured_backoff()
    draw = jitter.uniform if jitter is not None else random.uniform
    conflict: WriteConflict | None = None
    for retry in range(policy.retries + 1):
        if retry:
            sleep(draw(0, policy.ceiling(retry - 1)))
        try:
            return attempt()
        except WriteConflict as error:
            conflict = error
    raise give_up() from conflict
