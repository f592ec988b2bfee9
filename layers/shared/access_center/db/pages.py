"""A customer's list, newest first, a page at a time: the items under one partition whose sort keys start
with a prefix, read in descending order (the sort key starts with a time), `limit + 1` items in one Query
so the page knows whether more follow. The caller binds the page's `last` sort key into its own cursor
(core.cursor), so a cursor opens only its own list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pynamodb.models import Model

Item = TypeVar("Item", bound=Model)


@dataclass
class Page(Generic[Item]):
    items: list[Item]
    last: str | None  # the sort key of the oldest item shown
    more: bool


def newest_first(model: type[Item], pk: str, prefix: str, limit: int, after: str | None) -> Page[Item]:
    """The page of `model`'s items under `pk` (sort key starting with `prefix`) older than `after`."""
    start = {"pk": {"S": pk}, "sk": {"S": after}} if after else None
    sort_key: Any = model.sk  # type: ignore[attr-defined]  # every list item class has its `sk`
    found = list(
        model.query(
            pk,
            sort_key.startswith(prefix),
            scan_index_forward=False,
            limit=limit + 1,
            last_evaluated_key=start,
            consistent_read=True,
        )
    )
    shown = found[:limit]
    return Page(shown, str(shown[-1].sk) if shown else None, len(found) > limit)  # type: ignore[attr-defined]
