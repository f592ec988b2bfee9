"""access_center.core.imports: Powertools' HTTP resolver without the index of every other resolver or
event class, in a fresh interpreter as Lambda starts one (the test process has the whole package imported already)."""

from __future__ import annotations

import json
import subprocess
import sys

from devtools.emulator.gateway import SHARED

_PROBE = """
import json, sys
import access_center
from aws_lambda_powertools.event_handler.api_gateway import APIGatewayRestResolver, Router
from aws_lambda_powertools.event_handler.openapi.params import Query  # does `from event_handler import Response`
seen = {"appsync_after_resolver": "aws_lambda_powertools.event_handler.appsync" in sys.modules,
        "asyncio_after_resolver": "asyncio" in sys.modules,
        "kafka_event_after_resolver": "aws_lambda_powertools.utilities.data_classes.kafka_event" in sys.modules}
from aws_lambda_powertools.utilities.data_classes import APIGatewayProxyEvent
seen["event_class"] = APIGatewayProxyEvent.__module__
from aws_lambda_powertools.event_handler import Response, content_types
seen["package_names"] = [Response.__module__, content_types.__name__]
seen["appsync_after_our_names"] = "aws_lambda_powertools.event_handler.appsync" in sys.modules
from aws_lambda_powertools.event_handler import AppSyncResolver
seen["other_resolver"] = AppSyncResolver.__module__
from aws_lambda_powertools.utilities.data_classes import SQSEvent
seen["other_event_class"] = SQSEvent.__module__
print(json.dumps(seen))
"""


def _probe() -> dict[str, object]:
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", _PROBE],
        env={"PYTHONPATH": str(SHARED), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_http_resolver_loads_without_appsync_or_asyncio() -> None:
    seen = _probe()
    assert seen["appsync_after_resolver"] is False
    assert seen["asyncio_after_resolver"] is False
    assert seen["appsync_after_our_names"] is False


def test_the_http_resolver_loads_only_the_event_classes_it_names() -> None:
    seen = _probe()
    assert seen["kafka_event_after_resolver"] is False
    assert seen["event_class"] == "aws_lambda_powertools.utilities.data_classes.api_gateway_proxy_event"


def test_names_looked_up_on_the_package_still_resolve() -> None:
    seen = _probe()
    assert seen["package_names"] == [
        "aws_lambda_powertools.event_handler.api_gateway",
        "aws_lambda_powertools.event_handler.content_types",
    ]
    # A resolver we do not use loads the real index then, as if nothing had been deferred.
    assert seen["other_resolver"] == "aws_lambda_powertools.event_handler.appsync"
    assert seen["other_event_class"] == "aws_lambda_powertools.utilities.data_classes.sqs_event"
