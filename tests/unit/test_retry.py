"""retry_on_conflict: the schedule, the jitter, the bounds, and what it gives up with. Nothing sleeps:
the sleeps are recorded and the randomness is seeded."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from access_center.core.config import settings
from access_center.core.errors import InvalidCode
from access_center.db.retry import MAX_TOTAL_SLEEP_SECONDS, Backoff, configured_backoff, retry_on_conflict
from access_center.db.transactions import WriteConflict
from access_center.orders.logic import TooBusy

BACKOFF = Backoff(retries=6, base_seconds=0.01, cap_seconds=0.1)


def _losing(times: int, result: str = "written") -> tuple[Callable[[], str], list[int]]:
    """An attempt that loses its race `times` times, then returns `result`; and its call count."""
    calls = [0]

    def attempt() -> str:
        calls[0] += 1
        if calls[0] <= times:
            raise WriteConflict(f"lost race {calls[0]}")
        return result

    return attempt, calls


def test_the_ceiling_doubles_from_the_base_up_to_the_cap() -> None:
    assert [BACKOFF.ceiling(n) for n in range(6)] == pytest.approx([0.01, 0.02, 0.04, 0.08, 0.1, 0.1])
    assert BACKOFF.worst_case_seconds() == pytest.approx(0.35)


def test_a_first_win_neither_retries_nor_sleeps() -> None:
    attempt, calls = _losing(0)
    sleeps: list[float] = []
    assert retry_on_conflict(attempt, TooBusy, backoff=BACKOFF, sleep=sleeps.append) == "written"
    assert calls == [1]
    assert sleeps == []


def test_lost_races_are_retried_after_a_full_jitter_sleep_each() -> None:
    attempt, calls = _losing(4)
    sleeps: list[float] = []
    result = retry_on_conflict(attempt, TooBusy, backoff=BACKOFF, sleep=sleeps.append, jitter=random.Random(7))
    assert result == "written"
    assert calls == [5]
    # Full jitter: sleep n is uniform(0, ceiling(n)), drawn in order from the random source given.
    same_seed = random.Random(7)
    assert sleeps == [same_seed.uniform(0, BACKOFF.ceiling(n)) for n in range(4)]
    assert all(0 <= s <= BACKOFF.ceiling(n) for n, s in enumerate(sleeps))


def test_the_jitter_spreads_sleeps_over_the_whole_window() -> None:
    """Not a fixed fraction of the ceiling: over many lost races (seeded) the sleeps before one retry
    cover [0, ceiling] from near zero to near the top, and never leave it."""
    backoff = Backoff(retries=1, base_seconds=0.05, cap_seconds=0.05)
    jitter = random.Random(2024)
    sleeps: list[float] = []
    for _ in range(500):
        attempt, _calls = _losing(1)
        retry_on_conflict(attempt, TooBusy, backoff=backoff, sleep=sleeps.append, jitter=jitter)
    assert len(sleeps) == 500
    assert all(0 <= s <= 0.05 for s in sleeps)
    assert min(sleeps) < 0.005
    assert max(sleeps) > 0.045
    assert 0.02 < sum(sleeps) / len(sleeps) < 0.03  # uniform: the mean is half the ceiling


def test_after_the_last_retry_it_raises_the_callers_error_without_sleeping_again() -> None:
    attempt, calls = _losing(100)
    sleeps: list[float] = []
    with pytest.raises(TooBusy) as raised:
        retry_on_conflict(attempt, TooBusy, backoff=BACKOFF, sleep=sleeps.append, jitter=random.Random(1))
    assert calls == [BACKOFF.retries + 1]
    assert len(sleeps) == BACKOFF.retries
    assert sum(sleeps) <= BACKOFF.worst_case_seconds()
    assert raised.value.status == 409
    assert isinstance(raised.value.__cause__, WriteConflict)
    assert str(raised.value.__cause__) == f"lost race {BACKOFF.retries + 1}"


def test_each_caller_chooses_its_error() -> None:
    attempt, _calls = _losing(100)
    with pytest.raises(InvalidCode):
        retry_on_conflict(attempt, InvalidCode, backoff=BACKOFF, sleep=lambda _: None)


def test_zero_retries_means_one_attempt() -> None:
    attempt, calls = _losing(1)
    sleeps: list[float] = []
    with pytest.raises(TooBusy):
        retry_on_conflict(attempt, TooBusy, backoff=Backoff(0, 0.01, 0.01), sleep=sleeps.append)
    assert (calls, sleeps) == ([1], [])


def test_other_errors_are_not_retried() -> None:
    calls = [0]

    def attempt() -> str:
        calls[0] += 1
        raise InvalidCode()  # decided from what was read: trying again would decide the same

    sleeps: list[float] = []
    with pytest.raises(InvalidCode):
        retry_on_conflict(attempt, TooBusy, backoff=BACKOFF, sleep=sleeps.append)
    assert (calls, sleeps) == ([1], [])


def test_the_defaults_allow_several_retries_and_sleep_well_under_a_second() -> None:
    backoff = configured_backoff()
    assert backoff == Backoff(12, 0.005, 0.06)
    assert backoff.worst_case_seconds() < 1.0


def test_the_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WRITE_RETRIES", "3")
    monkeypatch.setenv("WRITE_RETRY_BASE_MS", "20")
    monkeypatch.setenv("WRITE_RETRY_CAP_MS", "50")
    fresh = settings.__wrapped__()  # a new parse; the process-wide cached settings stay as they are
    assert (fresh.write_retries, fresh.write_retry_base_ms, fresh.write_retry_cap_ms) == (3, 20, 50)


@pytest.mark.parametrize(
    ("retries", "base", "cap"),
    [(-1, 0.01, 0.1), (3, 0, 0.1), (3, 0.1, 0.01), (int(MAX_TOTAL_SLEEP_SECONDS) + 1, 1.0, 1.0)],
    ids=["negative retries", "zero base", "cap below base", "sleeps too long in total"],
)
def test_settings_that_break_the_bounds_are_refused(retries: int, base: float, cap: float) -> None:
    with pytest.raises(ValueError, match="write retr"):
        Backoff(retries, base, cap)


def test_a_total_sleep_up_to_the_limit_is_allowed() -> None:
    assert Backoff(int(MAX_TOTAL_SLEEP_SECONDS), 1.0, 1.0).worst_case_seconds() <= MAX_TOTAL_SLEEP_SECONDS
