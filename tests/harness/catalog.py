"""The catalog and the store events bus in tests: products as a store system sends them, what the
Products table holds, what was published for store systems, and DynamoDB answering a BatchGetItem in
part (UnprocessedKeys) at moto's edge."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest

from devtools.emulator import events
from devtools.emulator.gateway import Reply
from tests.harness.backends import table_items
from tests.harness.support import Client


def product_body(
    name: str = "Mug",
    unit_price: int = 1300,
    *,
    currency: str = "EUR",
    available: bool = True,
    in_stock: bool = True,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "name": name,
        "unit_price": unit_price,
        "currency": currency,
        "available": available,
        "in_stock": in_stock,
        **extra,
    }


def product_path(store_id: str, sku: str) -> str:
    """The product's route, its SKU percent-encoded as a store system must send it."""
    return f"/admin/stores/{store_id}/products/{quote(sku, safe='')}"


def put_product(admin: Client, store_id: str, sku: str, body: dict[str, Any] | None = None, **fields: Any) -> Reply:
    return admin.put(product_path(store_id, sku), body or product_body(**fields))


def stored_products() -> list[dict[str, Any]]:
    return table_items("ProductsTable")


def published() -> list[dict[str, Any]]:
    """What `/_dev/events` shows: every event put on the store events bus, oldest first."""
    return events.published()


@dataclass
class PartialBatches:
    """BatchGetItem answered in part, as DynamoDB does under load: each of the first `times` calls
    processes only its first key and returns the rest as UnprocessedKeys."""

    times: int
    calls: int = 0
    partial: int = 0


def answer_batches_in_part(monkeypatch: pytest.MonkeyPatch, times: int) -> PartialBatches:
    from moto.dynamodb.responses import DynamoHandler

    state = PartialBatches(times)
    original = DynamoHandler.call_action

    def call_action(self: Any) -> Any:
        if self._get_action() != "BatchGetItem":
            return original(self)
        state.calls += 1
        if state.partial >= state.times:
            return original(self)
        state.partial += 1
        requests = self.params["RequestItems"]  # what moto parsed from the request, before it answers
        held = {table: request["Keys"][1:] for table, request in requests.items() if len(request["Keys"]) > 1}
        for request in requests.values():
            request["Keys"] = request["Keys"][:1]
        status, headers, body = original(self)
        answer = json.loads(body)
        answer["UnprocessedKeys"] = {table: {"Keys": keys} for table, keys in held.items()}
        text = json.dumps(answer)
        headers = {k: v for k, v in headers.items() if k.lower() not in ("content-length", "x-amz-crc32")}
        return status, headers, text

    monkeypatch.setattr(DynamoHandler, "call_action", call_action)
    return state


@dataclass
class RefusedEvents:
    """PutEvents answered 200 with every entry refused (FailedEntryCount), as EventBridge does when it
    throttles or fails inside, for the first `times` calls."""

    times: int
    calls: int = 0


def refuse_events(monkeypatch: pytest.MonkeyPatch, times: int) -> RefusedEvents:
    from moto.events.models import EventsBackend

    state = RefusedEvents(times)
    original = EventsBackend.put_events

    def put_events(self: Any, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        state.calls += 1
        if state.calls > state.times:
            return original(self, entries)
        return [{"ErrorCode": "ThrottlingException", "ErrorMessage": "Rate exceeded"} for _ in entries]

    monkeypatch.setattr(EventsBackend, "put_events", put_events)
    return state
