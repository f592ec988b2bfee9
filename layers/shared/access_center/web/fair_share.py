"""Fair shares: each store may have at most its share of requests a minute served, on both APIs
together, so no store's traffic can exhaust what another store's customers are served.

Counting must cost little per request, so each container keeps a tally per store and adds it to the
store's shared counter (access_center.db.shares: one item per store, one UpdateItem returning the new
totals) at most once a second or every FLUSH_HITS requests, whichever comes first. Between adds a
container judges from the totals it last heard plus its own unsent hits. The window is a sliding
minute: this minute's requests plus the previous minute's, weighted by how much of it is still within
the last 60 seconds. Only requests let through count; a refused one costs no write.

Over-shoot: every container admits at most FLUSH_HITS requests (and at most a second of them) that
the others have not heard of, so a store is served at most its share plus containers x FLUSH_HITS in
a minute (docs/operations.md, Fair shares).

When the counter cannot be written (DynamoDB throttles or fails) the limiter fails open: the request
is judged from what this container knows (its own hits counted in), the unsent hits wait for the next
add, and the failure is logged and counted (metric FairShareCounterFailed). The share is a fairness
guard, not a security control: refusing every store's customers because a counter is busy would do
the very harm it exists to prevent. The request itself still meets DynamoDB and answers 503 there.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from access_center.core import clock
from access_center.core.config import settings
from access_center.core.errors import RateLimited
from access_center.core.i18n import N_
from access_center.core.observability import count, logger
from access_center.db.shares import WINDOW_SECONDS, WindowTotals, add_hits

FLUSH_SECONDS = 1.0  # longest a container keeps hits to itself
FLUSH_HITS = 25  # most hits a container keeps to itself

Counter = Callable[[str, int, int], WindowTotals]  # (store_id, window, hits) -> the totals after the add


@dataclass
class _Tally:
    """One store as this container sees it."""

    window: int  # the epoch minute
    heard: int = 0  # the window's total as the counter last answered (this container's sent hits in it)
    previous: int = 0  # the minute before's total, as last heard
    unsent: int = 0  # hits let through here and not yet added to the counter
    sent_at: float = -math.inf  # when the counter was last asked (answered or not)


class FairShare:
    """The per-store limiter of one container (`fair_share()` is the container's)."""

    def __init__(
        self,
        counter: Counter = add_hits,
        now: Callable[[], float] = lambda: clock.now(),
        flush_seconds: float = FLUSH_SECONDS,
        flush_hits: int = FLUSH_HITS,
    ) -> None:
        self.counter, self.now = counter, now
        self.flush_seconds, self.flush_hits = flush_seconds, flush_hits
        self._tallies: dict[str, _Tally] = {}
        self._lock = threading.Lock()  # the local server runs requests on threads; Lambda, one at a time

    def admit(self, store_id: str, share: int) -> None:
        """Count one request of `store_id`, or raise RateLimited (429 with Retry-After) when the store
        has had its `share` of requests in the last minute."""
        with self._lock:
            now = self.now()
            tally = self._tally(store_id, now)
            if tally.unsent and (tally.unsent >= self.flush_hits or now - tally.sent_at >= self.flush_seconds):
                self._send(store_id, tally, now)
            into = now - tally.window * WINDOW_SECONDS
            used = tally.previous * (1 - into / WINDOW_SECONDS) + tally.heard + tally.unsent
            if used + 1 > share:
                count("FairShareRefused")
                raise RateLimited(_wait(tally.heard + tally.unsent, tally.previous, into, share),
                                  N_("This store has had its share of requests for now. Try again later."))  # fmt: skip
            tally.unsent += 1
            if tally.sent_at == -math.inf:  # first request of the store here: hear the others at once
                self._send(store_id, tally, now)

    def _tally(self, store_id: str, now: float) -> _Tally:
        window = int(now // WINDOW_SECONDS)
        tally = self._tallies.get(store_id)
        if tally is None:
            tally = self._tallies[store_id] = _Tally(window)
        elif tally.window < window:
            if tally.unsent:  # they happened in the old minute: add them there
                self._send(store_id, tally, now)
            last = tally.heard + tally.unsent
            tally.window, tally.previous = window, last if tally.window == window - 1 else 0
            tally.heard = 0
        return tally

    def _send(self, store_id: str, tally: _Tally, now: float) -> None:
        tally.sent_at = now
        try:
            totals = self.counter(store_id, tally.window, tally.unsent)
        except Exception as error:  # noqa: BLE001 - fail open on whatever the counter meets (module docstring)
            logger.warning(
                "fair-share counter not written", extra={"store_id": store_id, "error": type(error).__name__}
            )
            count("FairShareCounterFailed")
            return
        tally.heard, tally.unsent = totals.hits, 0
        tally.previous = max(tally.previous, totals.previous)

    def forget(self) -> None:
        with self._lock:
            self._tallies.clear()


def _wait(hits: int, previous: int, into: float, share: int) -> float:
    """Seconds until one more request fits: until enough of the previous minute has slid out of the
    window, or, when this minute alone is over, until enough of it will have."""
    if hits < share:
        return WINDOW_SECONDS * (1 - (share - hits) / previous) - into
    return 2 * WINDOW_SECONDS - into - WINDOW_SECONDS * share / max(hits, 1)


def share_of(requests_per_minute: int | None) -> int:
    """A store's share: its own (set by the platform) or the deployment's STORE_REQUESTS_PER_MINUTE."""
    return requests_per_minute or settings().store_requests_per_minute


@cache
def fair_share() -> FairShare:
    """This container's limiter."""
    return FairShare()
