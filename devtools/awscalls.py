"""Count the AWS calls the product makes, with botocore's own events, whoever made the client.

`install()` (idempotent) wraps botocore's `Session.create_client` so that every client created from
then on (PynamoDB's, one per model; boto3's; Powertools') gets a `before-call` handler; `Calls()`
is a context manager recording, while it is open, each call as (service, operation, table):

    install()                      # before the product creates its clients
    with Calls() as calls:
        handler(event, context)
    calls.count("dynamodb")        # -> 2
    calls.operations("dynamodb")   # -> ["GetItem", "Query"]

`before-call` fires once per API call, before retries and whatever answers it (moto, a Stubber,
DynamoDB Local, canned responses), so the count is the product's, not the transport's.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

_active: list[Calls] = []
_lock = threading.Lock()
_installed = False


@dataclass(frozen=True)
class Call:
    service: str
    operation: str
    table: str | None


def _tables(params: dict[str, Any]) -> str | None:
    if "TableName" in params:
        return str(params["TableName"])
    names = [name for item in params.get("TransactItems", []) for op in item.values() for name in [op.get("TableName")]]
    names += list(params.get("RequestItems", {}))
    return ",".join(sorted({str(n) for n in names if n})) or None


def _on_call(model: Any = None, params: Any = None, event_name: str = "", **_: Any) -> None:
    if not _active or model is None:
        return
    service = event_name.split(".")[1] if event_name.count(".") >= 2 else "?"
    body = params.get("body") if isinstance(params, dict) else None
    table: str | None = None
    if isinstance(body, (bytes, str)) and body:
        import json

        try:
            table = _tables(json.loads(body))
        except ValueError:
            table = None
    call = Call(service, model.name, table)
    with _lock:
        for calls in _active:
            calls.record(call)


def attach(client: Any) -> Any:
    """Count this client's calls (clients created after install() are attached already)."""
    client.meta.events.register("before-call", _on_call, unique_id="devtools.awscalls")
    return client


def install() -> None:
    global _installed
    if _installed:
        return
    from botocore.session import Session

    original = Session.create_client

    def create_client(self: Session, *args: Any, **kwargs: Any) -> Any:
        return attach(original(self, *args, **kwargs))

    Session.create_client = create_client  # type: ignore[method-assign]
    _installed = True


@dataclass
class Calls:
    calls: list[Call] = field(default_factory=list)

    def __enter__(self) -> Calls:
        install()
        with _lock:
            _active.append(self)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        with _lock:
            _active.remove(self)

    def record(self, call: Call) -> None:
        """Called (under the module's lock) for each call while open; subclasses may filter."""
        self.calls.append(call)

    def clear(self) -> None:
        with _lock:
            self.calls.clear()

    def of(self, service: str) -> list[Call]:
        return [c for c in self.calls if c.service == service]

    def count(self, service: str = "dynamodb") -> int:
        return len(self.of(service))

    def operations(self, service: str = "dynamodb") -> list[str]:
        return [c.operation for c in self.of(service)]

    def by_table(self, service: str = "dynamodb") -> Counter[tuple[str, str | None]]:
        return Counter((c.operation, c.table) for c in self.of(service))
