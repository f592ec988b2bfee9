"""A clock the tests can move in a running local server, as the `clock` fixture moves it in-process.

`DEV_CLOCK_FILE=path` (set by tests/harness/devserver.py, never by `make dev`): the server's product
clock (access_center.core.clock.now) runs that many seconds ahead of the machine's, as the file says
at each reading; no file or no number is no offset. A test of an expiry then moves time instead of
sleeping through it. A file, not a /_dev route: those are read-only, and nothing over HTTP moves time.
"""

from __future__ import annotations

import os
from pathlib import Path

ENVIRONMENT = "DEV_CLOCK_FILE"


def _offset(path: Path) -> float:
    try:
        return float(path.read_text() or 0)
    except (OSError, ValueError):
        return 0.0


def install_from_environment() -> None:
    """Move the product's clock by the file's seconds, where DEV_CLOCK_FILE names one."""
    named = os.environ.get(ENVIRONMENT)
    if not named:
        return
    from access_center.core import clock

    machine, path = clock.now, Path(named)
    clock.now = lambda: machine() + _offset(path)
