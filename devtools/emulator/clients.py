"""One boto3 client per service and region for the process (the local server and the tests).

Creating a client costs tens of milliseconds, more each time moto's mock has started afresh (it
resets boto3's default session, so the service model is read from disk again): made per poll or per
test, clients were a quarter of the suite's time. A client holds no AWS state of its own, and boto3
clients are thread-safe, so the emulator's pollers and the tests share these."""

from __future__ import annotations

from functools import cache
from typing import Any

import boto3

REGION = "us-east-1"  # moto's default region, the one the local server and the tests use


@cache
def client(service: str, region: str = REGION) -> Any:
    return boto3.client(service, region_name=region)
