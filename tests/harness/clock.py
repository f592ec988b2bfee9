"""The tests' clock: `access_center.core.clock.now` is the one place the product reads the time, and the
`clock` fixture (tests/conftest.py) points it here so a test moves time on instead of waiting."""

from __future__ import annotations


class Clock:
    """Controls `access_center.core.clock.now` while a test runs (the `clock` fixture)."""

    def __init__(self, start: float) -> None:
        self.now = start

    def advance(self, seconds: float) -> None:
        self.now += seconds
