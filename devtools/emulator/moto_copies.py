"""moto copying less, for the tests and the local server alike: the same answers, less time.

TransactWriteItems: moto 5.2 backs up each table a transaction names with `copy.deepcopy(table)` before it writes, so that
it can put the table back if an operation fails. The copy takes every item and every stream record the
table has kept (each write's old and new images), so a transaction costs more with each write before
it: an order driven to its size caps spent most of its time copying. A failed transaction can only
have changed the items it names (one operation per item, moto checks) and appended to the table's
stream, so those are what this keeps: a copy of each named item as it was (or that it was absent) and
the stream's length.

An item as plain JSON (`DynamoType.to_regular_json`, for every stream record and every size check):
moto deep-copies a value, then converts each nested value again, copying each level once per level
above it. Converting each level once gives the same JSON.

tests/unit/test_moto_copies.py compares both with moto's own.
"""

from __future__ import annotations

import base64
import copy
import threading
import types
from typing import Any

_state = threading.local()  # set while a transaction runs: its tables are not copied


def _deepcopy(value: Any, memo: dict[int, Any] | None = None) -> Any:
    from moto.dynamodb.models.table import Table

    if isinstance(value, Table) and getattr(_state, "active", False):
        return value  # moto's "put the table back" then keeps the same table; _restore undoes the writes
    return copy.deepcopy(value, memo)


def _key(table: Any, op_type: str, op: dict[str, Any]) -> tuple[Any, Any]:
    """The (hash, range) DynamoType key an operation names. KeyError/TypeError where it names none."""
    from moto.dynamodb.models.dynamo_type import DynamoType

    attrs = op["Item"] if op_type == "Put" else op["Key"]
    hash_value = DynamoType(attrs[table.hash_key_attr])
    range_value = DynamoType(attrs[table.range_key_attr]) if table.range_key_attr is not None else None
    return hash_value, range_value


def _backup(backend: Any, transact_items: list[dict[str, Any]]) -> list[tuple[Any, ...]] | None:
    """Each named item as it is (a copy, or None when absent) and each table's stream length; None
    when an operation names no table or key moto would find (moto's own path then answers)."""
    saved: list[tuple[Any, ...]] = []
    streams: dict[int, tuple[Any, int]] = {}
    for entry in transact_items:
        op_type, op = next(iter(entry.items()))
        table = backend.tables.get(op.get("TableName")) if isinstance(op, dict) else None
        if table is None:
            return None
        try:
            hash_value, range_value = _key(table, op_type, op)
            item = table.get_item(hash_value, range_value)
        except Exception:  # noqa: BLE001 - moto's own path reports a malformed operation its way
            return None
        saved.append((table, hash_value, range_value, copy.deepcopy(item)))
        if table.stream_shard is not None:
            streams[id(table)] = (table.stream_shard, len(table.stream_shard.items))
    saved.extend(("stream", shard, length) for shard, length in streams.values())
    return saved


def _restore(saved: list[tuple[Any, ...]]) -> None:
    for entry in saved:
        if entry[0] == "stream":
            _, shard, length = entry
            del shard.items[length:]
            continue
        table, hash_value, range_value, item = entry
        if range_value is not None:
            if item is None:
                table.items[hash_value].pop(range_value, None)
            else:
                table.items[hash_value][range_value] = item
        elif item is None:
            table.items.pop(hash_value, None)
        else:
            table.items[hash_value] = item


def _to_regular_json(self: Any) -> dict[str, Any]:
    """moto's DynamoType.to_regular_json, each nested value converted once."""
    from moto.dynamodb.models.dynamo_type import DynamoType

    def plain(value: Any) -> Any:
        return value.to_regular_json() if isinstance(value, DynamoType) else copy.deepcopy(value)

    value = self.value
    if isinstance(value, dict):
        value = {key: plain(nested) for key, nested in value.items()}
    elif isinstance(value, list):
        value = [plain(nested) for nested in value]
    else:
        value = copy.deepcopy(value)
    if self.is_binary() and isinstance(value, str):
        value = base64.b64decode(value)
    return {self.type: value}


def copy_less_in_moto() -> None:
    """Install both, process-wide and idempotently."""
    import moto.dynamodb.models as models
    from moto.dynamodb.models.dynamo_type import DynamoType

    if not hasattr(DynamoType, "_heavy_to_regular_json"):
        DynamoType._heavy_to_regular_json = DynamoType.to_regular_json  # type: ignore[attr-defined]
        DynamoType.to_regular_json = _to_regular_json  # type: ignore[method-assign]

    backend_class = models.DynamoDBBackend
    if getattr(backend_class, "_light_transactions", False):
        return
    original = backend_class.transact_write_items
    # moto's module calls `copy.deepcopy`: the same, except for a table while a transaction runs here.
    setattr(models, "copy", types.SimpleNamespace(deepcopy=_deepcopy, copy=copy.copy))  # noqa: B010

    def transact_write_items(self: Any, transact_items: list[dict[str, Any]]) -> None:
        saved = _backup(self, transact_items) if len(transact_items) <= 100 else None
        if saved is None:
            return original(self, transact_items)
        _state.active = True
        try:
            return original(self, transact_items)
        except BaseException:
            _restore(saved)
            raise
        finally:
            _state.active = False

    backend_class.transact_write_items = transact_write_items  # type: ignore[method-assign]
    backend_class._light_transactions = True  # type: ignore[attr-defined]
    backend_class._heavy_transact_write_items = original  # type: ignore[attr-defined] # for the comparison test
