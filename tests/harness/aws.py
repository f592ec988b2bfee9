"""The tests' AWS clients: one per service for the whole run (devtools.emulator.clients). On DynamoDB Local the
endpoint variables (tests.harness.backends) are set before the first client is made."""

from __future__ import annotations

from typing import Any

from devtools.emulator.clients import client


def aws_client(service: str) -> Any:
    return client(service)
